package aiguard.lib.classification_test

import data.aiguard.lib.classification

test_sensitive if {
	classification.sensitive({"classification": "confidential"})
	classification.sensitive({"classification": "public", "personal_data": ["pii"]})
	not classification.sensitive({"classification": "internal"})
	not classification.sensitive({})
}

test_classified_as_names_the_level_or_its_absence if {
	classification.classified_as({"classification": "internal"}) == "classified internal"
	classification.classified_as({"id": "x"}) == "not classified"
}
