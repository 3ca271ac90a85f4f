package aiguard.lib.messages_test

import data.aiguard.lib.messages

test_number_text_prints_alike_on_every_engine if {
	messages.number_text(96) == "96"
	messages.number_text(96.0) == "96"
	messages.number_text(0.12) == "0.12"
	messages.number_text(0.00005) == "0.0001"
	messages.number_text(2500000.4) == "2500000"
	messages.number_text(1500000.0) == "1500000"
}

test_listed_ids_spells_out_up_to_three if messages.listed_ids({"c", "a", "b"}) == "a, b, c"

test_listed_ids_summarises_the_tail if messages.listed_ids({"e", "d", "c", "b", "a"}) == "a, b, c and 2 more"
