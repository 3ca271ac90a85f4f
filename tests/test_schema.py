"""The committed JSON Schema is the one the pydantic model generates, and the model, jsonschema-rs
(the verdict) and Python's jsonschema (the description) judge files alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aiguard.load.documents import Document
from aiguard.validate import schema as schema_module
from aiguard.validate.model import InventoryFile, json_schema
from conftest import REPO, run_cli


def test_committed_schema_matches_the_model() -> None:
    committed = (REPO / "src/aiguard/schema/inventory.schema.json").read_text()
    generated = json.dumps(json_schema(), indent=2) + "\n"
    assert committed == generated, "schema is stale: run scripts/generate-schema"


def test_schema_command_prints_the_committed_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json_schema()


def test_schema_is_strict_everywhere() -> None:
    """Every object in the schema forbids unknown fields (a typo must never drop a control)."""
    schema = json_schema()
    objects = [schema, *schema["$defs"].values()]
    for node in objects:
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, node.get("title")


VALID = {"apiVersion": "aiguard/v1", "kind": "Inventory", "stores": [{"id": "s1", "encryption": {"at_rest": True}}],
         "datasets": [{"id": "d1", "store": "s1", "personal_data": ["phi"], "deidentification": {"risk_score": 0.5},
                       "retention": {"until": "2027-01-01"}}]}
INVALID = [
    {**VALID, "apiVersion": "aiguard/v2"},
    {**VALID, "stores": [{"id": "s1", "encryption": {"at_rest": "yes"}}]},
    {**VALID, "stores": [{"id": "s1", "encrpytion": {}}]},
    {**VALID, "stores": [{"id": "s1", "kind": "bucket"}]},
    {**VALID, "stores": [{"id": "s1", "logging": {"retention_days": 1.5}}]},
    {**VALID, "stores": [{"id": "s1", "logging": {"retention_days": True}}]},
    {**VALID, "stores": [{"id": ""}]},
    {**VALID, "datasets": [{"id": "d1", "deidentification": {"risk_score": 1.5}}]},
    {**VALID, "datasets": [{"id": "d1", "retention": {"until": "2027-02-30"}}]},
    {**VALID, "datasets": [{"id": "d1", "retention": {"until": "20270101"}}]},
    {**VALID, "datasets": [{"id": "d1", "retention": {"until": "2262-04-12"}}]},
    {**VALID, "datasets": [{"id": "d1", "personal_data": ["ssn"]}]},
    {**VALID, "access": [{"principal": "team:x", "asset": "s1", "level": "read"}]},
    {**VALID, "exceptions": [{"policy": "AIG-MOD-001", "asset": "*", "reason": "", "approved_by": "x", "expires": "2027-01-01"}]},
    {**VALID, "models": [{"id": "m1", "weights": {"sha256": "abc"}}]},
    {**VALID, "controls": {"incident_response": {"notification_hours": -1}}},
    {**VALID, "stores": None},
    {**VALID, "controls": None},
    {**VALID, "stores": [{"id": "s1", "encryption": None}]},
    {**VALID, "access": [{"principal": "user:a@b", "asset": "s1", "level": "read", "expires": None}]},
]


@pytest.mark.parametrize("data", INVALID, ids=range(len(INVALID)))
def test_every_validator_rejects_the_same_files(data: dict) -> None:
    assert not schema_module._verdict().is_valid(data)
    assert not schema_module._validator().is_valid(data)
    with pytest.raises(Exception):
        InventoryFile.model_validate(data)


def test_every_validator_accepts_the_same_files() -> None:
    assert schema_module._verdict().is_valid(VALID)
    assert schema_module._validator().is_valid(VALID)
    InventoryFile.model_validate(VALID)


def test_a_rejected_file_is_described_with_its_lines() -> None:
    from aiguard.errors import InputError

    document = Document(Path("big.yaml"), INVALID[1], {("stores", 0, "encryption", "at_rest"): 9})
    with pytest.raises(InputError) as error:
        schema_module.validate_documents([document])
    assert "big.yaml:9: stores[0].encryption.at_rest: expected a boolean" in str(error.value)


def test_only_the_strict_verdict_rejects_a_trailing_newline() -> None:
    """ECMA-262 ``$`` (jsonschema-rs) does not match before a final newline; Python's ``re`` does.
    The stricter verdict stands, with its own message: the file is not passed."""
    from aiguard.errors import InputError

    data = {**VALID, "stores": [{"id": "s1\n"}]}
    assert schema_module._validator().is_valid(data)
    document = Document(Path("x.yaml"), data, {("stores", 0, "id"): 4})
    with pytest.raises(InputError) as error:
        schema_module.validate_documents([document])
    assert "x.yaml:4: stores[0].id:" in str(error.value)
    assert "does not match" in str(error.value)


def test_shared_examples_validate_with_the_model() -> None:
    """The project's own inventories load into the typed model too (library users get objects)."""
    from aiguard import api

    for directory in sorted((REPO / "inventories").iterdir()):
        if directory.is_dir():
            model = api.load_inventory([directory]).to_model()
            assert model.metadata is not None


def test_a_rejection_nobody_can_explain_still_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should both describers come back empty for a file the verdict rejects, it still fails."""
    from aiguard.errors import InputError

    monkeypatch.setattr(schema_module, "_strict_problems", lambda document, verdict: [])
    monkeypatch.setattr(schema_module, "_describe", lambda document, error: [])
    document = Document(Path("odd.yaml"), INVALID[1], {})
    with pytest.raises(InputError, match="odd.yaml: rejected by the inventory schema"):
        schema_module.validate_documents([document])
