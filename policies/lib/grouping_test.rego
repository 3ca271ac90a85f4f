package aiguard.lib.grouping_test

import data.aiguard.lib.grouping

test_group_pairs_groups_values_by_key if {
	grouping.group_pairs([["b", 2], ["a", 1], ["b", 1], ["c", 3], ["b", 2]]) == {"a": {1}, "b": {1, 2}, "c": {3}}
}

test_group_pairs_of_nothing_is_empty if grouping.group_pairs([]) == {}

test_group_pairs_single_run if grouping.group_pairs([["s", "x"], ["s", "y"]]) == {"s": {"x", "y"}}
