# METADATA
# title: Dates
# description: |
#   The evaluation date (--as-of) and day arithmetic on ISO dates. No policy reads the clock.
# schemas:
#   - input: schema.inventory
package aiguard.lib.dates

# The evaluation date (--as-of). No policy reads the clock.
as_of := data.aiguard.as_of

day_ns := ((24 * 60) * 60) * 1000000000

as_of_ns := time.parse_ns("2006-01-02", as_of)

date_ns(date) := time.parse_ns("2006-01-02", date)

# Whole days from `date` to the evaluation date (negative when `date` is later).
days_since(date) := (as_of_ns - date_ns(date)) / day_ns

# Whole days from `start` to `end`.
days_between(start, end) := (date_ns(end) - date_ns(start)) / day_ns

# The instant before which a date is more than `days` days old. Policies that test many dates
# against one limit compute it once and compare each date's time.parse_ns with it (as older_than
# does, without its two calls per date).
cutoff_ns(days) := as_of_ns - (days * day_ns)

# "Older than N days" means as_of - date > N: exactly N days old is not older.
older_than(date, days) if date_ns(date) < cutoff_ns(days)

# ISO dates compare as strings.
before_as_of(date) if date < as_of
