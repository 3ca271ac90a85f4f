# METADATA
# title: Finding messages
# description: |
#   Numbers and id lists rendered alike on every engine, for finding messages.
# schemas:
#   - input: schema.inventory
package aiguard.lib.messages

# A number from the inventory or a parameter as text that OPA and regorus print alike: their
# sprintf("%v") differs for floats of 1e6 or more (OPA: 2.5e+06) and below 1e-4 (OPA: 5e-05).
# Integral values print as integers, large ones rounded, small fractions to four places.
number_text(x) := format_int(round(x), 10) if abs(x) >= 1000000

else := format_int(x, 10) if x == floor(x)

else := sprintf("%v", [round(x * 10000) / 10000])

# At most this many ids are spelled out in a message; a store may hold thousands of assets.
listed_ids_max := 3

# Sorted ids joined by commas, the tail summarised as "and N more". An else chain: regorus
# evaluates every definition of a function on each call, and this one runs per finding.
listed_ids(ids) := concat(", ", sort(ids)) if count(ids) <= listed_ids_max

else := sprintf("%s and %d more", [concat(", ", array.slice(sort(ids), 0, listed_ids_max)), count(ids) - listed_ids_max])
