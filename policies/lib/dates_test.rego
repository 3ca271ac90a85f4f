package aiguard.lib.dates_test

import data.aiguard.lib.dates

test_days_since_counts_whole_days if {
	days := dates.days_since("2026-11-15") with data.aiguard.as_of as "2026-11-25"
	days == 10
}

test_older_than_is_strict if {
	not dates.older_than("2026-08-27", 90) with data.aiguard.as_of as "2026-11-25"
	dates.older_than("2026-08-26", 90) with data.aiguard.as_of as "2026-11-25"
}
