# METADATA
# title: Policy parameters
# description: |
#   The declared defaults (policies/data.yaml) with the user's overrides (--param, --data) on top.
# schemas:
#   - input: schema.inventory
package aiguard.lib.parameters

# Declared defaults (policies/data.yaml) with the user's overrides on top.
params := object.union({name: spec.default | some name, spec in data.aiguard.parameters}, overrides)

# Only data.aiguard.params itself is read: data.aiguard also holds the policies' own packages.
default overrides := {}

overrides := data.aiguard.params
