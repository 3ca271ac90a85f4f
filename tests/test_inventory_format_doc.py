"""docs/inventory-format.md: generated from the schema, complete, current, and linked instead of ../shared."""

from __future__ import annotations

import json
import re
from typing import Any

from conftest import REPO

from aiguard.validate.format_reference import render
from aiguard.validate.model import json_schema

DOC = REPO / "docs" / "inventory-format.md"


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(f"InventoryFile.{name}", node) for name, node in schema["properties"].items()]
    for definition, node in schema["$defs"].items():
        found += [(f"{definition}.{name}", field) for name, field in node.get("properties", {}).items()]
    return found


def test_every_field_has_a_description() -> None:
    fields = properties(json_schema())
    assert len(fields) > 140
    assert [name for name, node in fields if not node.get("description")] == []


def test_committed_reference_is_generated_from_the_committed_schema() -> None:
    schema = json.loads((REPO / "src" / "aiguard" / "schema" / "inventory.schema.json").read_text())
    assert DOC.read_text() == render(schema), "docs/inventory-format.md is stale: run scripts/generate-schema"


def test_reference_lists_every_field_with_its_allowed_values() -> None:
    text = DOC.read_text()
    for field in ("`encryption.key`", "`weights.last_scan.result` **required**", "`deployments[].exposure` **required**",
                  "`agreements.baa.signed` **required**", "`incident_response.notification_hours`", "`apiVersion` **required**"):
        assert f"| {field} |" in text, field
    assert "one of `none`, `provider_managed`, `customer_managed`, `hsm`" in text
    assert "| `deidentification.risk_score` | number from 0 to 1 |" in text
    assert "list of values, each one of `phi`, `pii`, `genetic`, `biometric`, `health`" in text
    every_collection = re.findall(r"^## `(\w+)`$", text, re.MULTILINE)
    assert every_collection == ["metadata", "stores", "models", "datasets", "data_sources", "partners", "access",
                                "repositories", "credentials", "controls", "exceptions"]


def test_readme_and_docs_do_not_point_outside_the_repository() -> None:
    # A user's clone has no ../shared: every link and reference must resolve inside the repository.
    for path in (REPO / "README.md", DOC, REPO / "docs" / "policies.md"):
        assert "../shared" not in path.read_text(), path
    assert "(docs/inventory-format.md)" in (REPO / "README.md").read_text()
