"""Stage 2, validate: check each file against the JSON Schema, merge files, resolve references."""

from aiguard.validate.merge import CONTROLS, MergedInventory, Origin, merge
from aiguard.validate.schema import schema_text, validate_documents

__all__ = ["CONTROLS", "MergedInventory", "Origin", "merge", "schema_text", "validate_documents"]
