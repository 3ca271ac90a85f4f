# METADATA
# title: aiguard access graph
# description: |
#   The access graph of exposure.md: node -> the set of nodes that holding it opens, built once
#   per query as one object through aiguard.lib.grouping.group_pairs (linear on both engines) and walked
#   with graph.reachable, which OPA and regorus both implement. The Python twin is
#   aiguard.exposure.graph; both follow the same five rules.
# schemas:
#   - input: schema.inventory
package aiguard.lib.exposure

import data.aiguard.lib.dates.as_of
import data.aiguard.lib.grouping

# Every rule here is defined before it is used: regorus 0.13 read such a rule as undefined when
# another package asked for it through an import (measured: adjacency_edges was undefined while
# a copy below the rules it uses was not; OPA was right either way).

# A grant or credential opens something only until its `expires` (inclusive; absent: never).
# Inlined as a default-date comparison: a two-body function costs regorus both bodies per call.
never := "9999-12-31"

# A credential's node name: credentials share the id space, so the prefix keeps them apart from
# the store, model, dataset or repository that carries their secret.
credential_node(credential) := concat("", ["credential:", credential.id])

# 1. grant: principal -> the grant's asset
grant_edges := [[grant.principal, grant.asset] |
	day := as_of
	some grant in input.access
	object.get(grant, "expires", never) >= day
]

# 2. credential: credential -> every id it reaches
credential_edges := [[credential_node(credential), target] |
	day := as_of
	some credential in input.credentials
	object.get(credential, "expires", never) >= day
	some target in credential.reaches
]

# 3. containment: store -> its models (by weights.store) and datasets (by store)
containment_edges := array.concat(
	[[model.weights.store, model.id] | some model in input.models; model.weights.store],
	[[dataset.store, dataset.id] | some dataset in input.datasets; dataset.store],
)

# 4. secret: every place in a credential's found_in -> the credential
secret_edges := [[place, credential_node(credential)] | some credential in input.credentials; some place in credential.found_in]

# 5. public: anyone -> public stores and repositories, credentials in a client bundle. (Credential
# and principal nodes need no empty entry: one that is no key opens nothing, and drops out.)
public_edges := array.concat(
	array.concat(
		[["anyone", store.id] | some store in input.stores; store.public_access == true],
		[["anyone", repository.id] | some repository in input.repositories; repository.visibility == "public"],
	),
	[["anyone", credential_node(credential)] | some credential in input.credentials; credential.stored_in == "client_bundle"],
)

adjacency_edges := grouping.group_pairs(array.concat(
	array.concat(grant_edges, credential_edges),
	array.concat(containment_edges, array.concat(secret_edges, public_edges)),
))

adjacency_nodes := {record.id: set() |
	some collection in ["stores", "models", "datasets", "repositories"]
	some record in input[collection]
}

# Every node is a key: graph.reachable on both engines drops a node that is not a key of the
# graph (measured: {"a": ["b"], "b": ["c"]} from a gives a and b), so the nodes without edges out
# (most models and datasets) map to the empty set.
adjacency := object.union(adjacency_nodes, adjacency_edges)

# Every node reachable from `node` (itself included, as graph.reachable returns it).
reach_of(node) := graph.reachable(adjacency, {node})

# The principals named in access (each once).
access_principals := {grant.principal | some grant in input.access}

# A model's or dataset's size in GB; an absent size counts as 0.
asset_size := object.union(
	{model.id: object.get(model, ["weights", "size_gb"], 0) | some model in input.models},
	{dataset.id: object.get(dataset, "size_gb", 0) | some dataset in input.datasets},
)

# Model or dataset id -> the path of its record, for findings about an asset.
asset_path := object.union(
	{model.id: ["models", i] | some i, model in input.models},
	{dataset.id: ["datasets", i] | some i, dataset in input.datasets},
)
