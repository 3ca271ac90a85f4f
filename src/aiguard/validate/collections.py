"""The inventory's envelope and collections, without importing the pydantic model (0.2 s) on the
check path."""

API_VERSION = "aiguard/v1"
KIND = "Inventory"

#: Collections whose records carry an ``id``, in the order findings and errors list them.
ID_COLLECTIONS = ("stores", "models", "datasets", "data_sources", "partners", "repositories", "credentials")
#: Every list-valued collection.
COLLECTIONS = (*ID_COLLECTIONS, "access", "exceptions")
