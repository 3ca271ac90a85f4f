"""The inventory's envelope, collections and date range, without importing the pydantic model
(0.2 s) on the check path."""

API_VERSION = "aiguard/v1"
KIND = "Inventory"

#: Collections whose records carry an ``id``, in the order findings and errors list them.
ID_COLLECTIONS = ("stores", "models", "datasets", "data_sources", "partners", "repositories", "credentials")
#: Every list-valued collection.
COLLECTIONS = (*ID_COLLECTIONS, "access", "exceptions")

#: Years a date may have: policies do date arithmetic in nanoseconds (OPA's and regorus's
#: time.parse_ns), which ends in 1678 and 2262; a date outside is an input error, not an engine error.
MIN_YEAR, MAX_YEAR = 1700, 2199
DATE_PATTERN = r"^(1[7-9]|2[01])\d{2}-\d{2}-\d{2}$"

#: Names of the access graph's nodes that are not inventory ids (exposure.md): an id spelled like
#: one would make the exposure output ambiguous.
PUBLIC_NODE = "anyone"
NODE_PREFIXES = ("credential:", "partner:", "group:", "user:", "service:")
