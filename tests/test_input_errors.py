"""Every way an inventory can be unreadable or invalid ends in exit 2 with file:line and field.

These run the real CLI on real files: the message a user sees is what is asserted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ENVELOPE, METADATA, run_cli

OK_STORE = """\
stores:
  - id: s1
    encryption:
      at_rest: true
"""


def check(path: Path, *extra: str):
    return run_cli("check", str(path), "--as-of", "2026-11-25", *extra)


def assert_input_error(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "input error" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


# (name, files {name: full text}, fragments expected in stderr)
CASES = [
    ("malformed yaml", {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s1\n    name: [unclosed\n"},
     ["a.yaml:9: invalid YAML: while parsing a flow sequence (started on line 8)"]),
    ("malformed json", {"a.json": '{"apiVersion": "aiguard/v1",\n "kind": "Inventory",\n "stores": [\n}'},
     ["a.json:4", "invalid JSON"]),
    ("wrong apiVersion", {"a.yaml": "apiVersion: aiguard/v2\nkind: Inventory\n" + METADATA},
     ["a.yaml:1: apiVersion: expected 'aiguard/v1', got 'aiguard/v2'"]),
    ("missing apiVersion", {"a.yaml": "kind: Inventory\n" + METADATA}, ["a.yaml:1: apiVersion: missing"]),
    ("wrong kind", {"a.yaml": "apiVersion: aiguard/v1\nkind: Inventry\n" + METADATA},
     ["a.yaml:2: kind: expected 'Inventory'"]),
    ("not an inventory file", {"a.yaml": "name: my-app\nreplicas: 3\n"}, ["a.yaml:1: apiVersion: missing"]),
    ("unknown field (typo)", {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s1\n    encrpytion:\n      at_rest: true\n"},
     ["a.yaml:8: stores[0].encrpytion: unknown field; did you mean 'encryption'?"]),
    ("string for bool", {"a.yaml": ENVELOPE + METADATA + 'stores:\n  - id: s1\n    encryption:\n      at_rest: "yes"\n'},
     ["a.yaml:9: stores[0].encryption.at_rest: expected a boolean (true/false), got string \"yes\""]),
    ("yaml 1.1 yes is not a bool", {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s1\n    public_access: yes\n"},
     ["a.yaml:8: stores[0].public_access: expected a boolean"]),
    ("string for number", {"a.yaml": ENVELOPE + METADATA + 'models:\n  - id: m1\n    weights:\n      size_gb: "420"\n'},
     ["models[0].weights.size_gb: expected a number"]),
    ("bad enum", {"a.yaml": ENVELOPE + METADATA + "models:\n  - id: m1\n    classification: secret\n"},
     ["a.yaml:8: models[0].classification: \"secret\" is not one of: public, internal, confidential, restricted"]),
    ("bad date", {"a.yaml": ENVELOPE + METADATA + "credentials:\n  - id: c1\n    expires: 2026-13-45\n"},
     ["a.yaml:8: credentials[0].expires: \"2026-13-45\" is not a valid date"]),
    ("date outside the years policies compute with",
     {"a.yaml": ENVELOPE + METADATA + "credentials:\n  - id: c1\n    last_rotated: 1600-01-01\n"},
     ["a.yaml:8: credentials[0].last_rotated: \"1600-01-01\" is outside the years 1700 to 2199"]),
    ("date as number", {"a.yaml": ENVELOPE + METADATA + "credentials:\n  - id: c1\n    expires: 20260101\n"},
     ["a.yaml:8: credentials[0].expires: expected a string, got integer 20260101"]),
    ("missing required id", {"a.yaml": ENVELOPE + METADATA + "stores:\n  - name: no id\n"},
     ["a.yaml:7: stores[0].id: required field is missing"]),
    ("duplicate key", {"a.yaml": ENVELOPE + METADATA + OK_STORE + "    encryption:\n      at_rest: false\n"},
     ["a.yaml:10: stores[0].encryption: duplicate key (first defined on line 8)"]),
    ("billion laughs", {"a.yaml": ENVELOPE + METADATA + "x: &a [1,1,1,1,1,1,1,1,1,1]\n"
                        + "".join(f"x{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9))},
     ["YAML aliases expand to more than"]),
    ("recursive alias", {"a.yaml": ENVELOPE + METADATA + "stores: &s\n  - id: s1\n    name: *s\n"},
     ["alias *s refers to an anchor that is undefined or still open"]),
    ("non-utf8", {"a.yaml": (ENVELOPE + METADATA + "stores:\n  - id: s1\n    name: caf\xe9\n").encode("latin-1")},
     ["a.yaml:8: not UTF-8 text (byte 0xe9)"]),
    ("empty file", {"a.yaml": ""}, ["a.yaml:1: file is empty"]),
    ("only comments", {"a.yaml": "# nothing here\n"}, ["a.yaml:1: file holds no document"]),
    ("two documents", {"a.yaml": ENVELOPE + METADATA + "---\n" + ENVELOPE}, ["a.yaml:6: a file may hold one YAML document only"]),
    ("top-level list", {"a.yaml": "- apiVersion: aiguard/v1\n"}, ["a.yaml:1: an inventory file must be a mapping"]),
    ("unsupported tag", {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: !!python/object:os.system s1\n"},
     ["a.yaml:7: stores[0].id: unsupported YAML tag"]),
    ("duplicate id across files",
     {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s1\n", "b.yaml": ENVELOPE + "models:\n  - id: s1\n"},
     ["b.yaml:4: models[0].id: duplicate id 's1'; first defined at", "a.yaml:7"]),
    ("dangling reference",
     {"a.yaml": ENVELOPE + METADATA + "models:\n  - id: m1\n    weights:\n      store: nowhere\n"},
     ["a.yaml:9: models[0].weights.store: unknown store 'nowhere'"]),
    ("reference of the wrong kind",
     {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s1\ndatasets:\n  - id: d1\n    store: m1\nmodels:\n  - id: m1\n"},
     ["datasets[0].store: unknown store 'm1'; 'm1' is a model"]),
    ("dangling partner principal",
     {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s1\naccess:\n  - principal: partner:ghost\n    asset: s1\n    level: read\n"},
     ["access[0].principal: unknown partner 'ghost'"]),
    ("exception missing reason",
     {"a.yaml": ENVELOPE + METADATA + "exceptions:\n  - policy: AIG-MOD-001\n    asset: '*'\n    approved_by: ciso\n    expires: 2027-01-01\n"},
     ["exceptions[0].reason: required field is missing"]),
    ("exception missing approver and expiry",
     {"a.yaml": ENVELOPE + METADATA + "exceptions:\n  - policy: AIG-MOD-001\n    asset: '*'\n    reason: because\n"},
     ["exceptions[0].approved_by: required field is missing", "exceptions[0].expires: required field is missing"]),
    ("exception with blank reason",
     {"a.yaml": ENVELOPE + METADATA + "exceptions:\n  - policy: AIG-MOD-001\n    asset: '*'\n    reason: ' '\n    approved_by: ciso\n    expires: 2027-01-01\n"},
     ["exceptions[0].reason"]),
    ("exception naming an unknown policy",
     {"a.yaml": ENVELOPE + METADATA + "exceptions:\n  - policy: AIG-XYZ-999\n    asset: '*'\n    reason: r\n    approved_by: ciso\n    expires: 2027-01-01\n"},
     ["exceptions[0].policy: unknown policy id 'AIG-XYZ-999'"]),
    ("controls twice",
     {"a.yaml": ENVELOPE + METADATA + "controls:\n  monitoring: {siem: true}\n", "b.yaml": ENVELOPE + "controls:\n  monitoring: {siem: false}\n"},
     ["b.yaml:3: controls: controls defined twice; first at", "a.yaml:6"]),
    ("no metadata anywhere", {"a.yaml": ENVELOPE + "stores:\n  - id: s1\n"}, ["metadata: no file of the inventory has 'metadata'"]),
    ("null value", {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s1\n    encryption:\n      at_rest:\n"},
     ["a.yaml:9: stores[0].encryption.at_rest: expected a boolean (true/false), got null\n"]),
    ("nul bytes", {"a.yaml": ENVELOPE + METADATA + "stores:\n  - id: s\x001\n"}, ["a.yaml:7: file contains NUL bytes"]),
]


@pytest.mark.parametrize("files,fragments", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_exits_2_with_location(tmp_path: Path, files: dict[str, str | bytes], fragments: list[str]) -> None:
    root = tmp_path / "inv"
    root.mkdir()
    for name, text in files.items():
        target = root / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text)
    assert_input_error(check(root), *fragments)
    # The library API fails the same way, before any policy runs (except for the policy-id check).
    if "unknown policy id" not in fragments[0]:
        from aiguard import api
        from aiguard.errors import InputError

        with pytest.raises(InputError) as error:
            api.load_inventory([root])
        assert all(f.strip() in str(error.value) for f in fragments if not f.startswith("aiguard"))


def test_all_schema_errors_are_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        ENVELOPE + METADATA + 'stores:\n  - id: s1\n    public_access: "no"\n    encrpytion: {}\n'
        "models:\n  - id: m1\n    classification: top\n"
    )
    result = check(tmp_path)
    assert_input_error(result, "stores[0].public_access", "stores[0].encrpytion", "models[0].classification")
    assert "(3 problems)" in result.stderr


def test_errors_of_several_files_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"apiVersion: aiguard/v1\nname: caf\xe9\n")
    (tmp_path / "b.yaml").write_text(ENVELOPE + "stores: [\n")
    (tmp_path / "c.yaml").write_text("")
    assert_input_error(check(tmp_path), "a.yaml:2: not UTF-8", "b.yaml:4: invalid YAML", "c.yaml:1: file is empty")
    (tmp_path / "a.yaml").write_text("apiVersion: v0\nkind: Inventory\n" + METADATA)
    (tmp_path / "b.yaml").write_text(ENVELOPE + "stores:\n  - id: s1\n    public_access: 1\n")
    (tmp_path / "c.yaml").unlink()
    assert_input_error(check(tmp_path), "a.yaml:1: apiVersion: expected 'aiguard/v1'", "b.yaml:5: stores[0].public_access")


def test_missing_path(tmp_path: Path) -> None:
    assert_input_error(check(tmp_path / "nope"), "nope: no such file or directory")


def test_directory_without_inventory_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# not an inventory\n")
    (tmp_path / ".hidden.yaml").write_text(ENVELOPE + METADATA)
    assert_input_error(check(tmp_path), "directory holds no inventory files")


def test_unreadable_file_is_an_error_not_a_skip(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA)
    os.symlink(tmp_path / "gone.yaml", tmp_path / "b.yaml")  # dangling: cannot be read, even by root
    assert_input_error(check(tmp_path), "b.yaml: dangling or looping symbolic link")


def test_file_over_size_limit(tmp_path: Path) -> None:
    from aiguard import api
    from aiguard.errors import InputError

    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA + "# " + "x" * 5000 + "\n")
    with pytest.raises(InputError) as error:
        api.load_inventory([tmp_path], max_file_bytes=1024)
    assert "over the 1024-byte limit" in str(error.value)
    result = run_cli("check", str(tmp_path), "--max-file-size", "1024")
    assert_input_error(result, "over the 1024-byte limit")


def test_hidden_files_and_other_suffixes_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA)
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yml").write_text("on: push\n")
    (tmp_path / "notes.txt").write_text("not yaml: [\n")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "valid: 1 file;" in result.stdout


def test_yml_and_json_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(ENVELOPE + METADATA)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text('{"apiVersion": "aiguard/v1", "kind": "Inventory",\n\t"stores": [{"id": "s1"}]}')
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "2 files; 1 store" in result.stdout


def test_json_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        '{\n  "apiVersion": "aiguard/v1",\n  "kind": "Inventory",\n  "metadata": {"organization": "o"},\n'
        '  "stores": [\n    {\n      "id": "s1",\n      "public_access": "no"\n    }\n  ]\n}\n'
    )
    assert_input_error(check(tmp_path), "a.json:8: stores[0].public_access")


def test_json_duplicate_key(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"apiVersion": "aiguard/v1", "kind": "Inventory",\n "kind": "Inventory"}')
    assert_input_error(check(tmp_path), "a.json:2: kind: duplicate key")


def test_yaml_merge_keys_and_anchors_work(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        ENVELOPE + METADATA
        + "stores:\n  - &base\n    id: s1\n    encryption: &enc {at_rest: true, in_transit: true}\n"
        + "  - <<: *base\n    id: s2\n"
    )
    from aiguard import api

    inventory = api.load_inventory([tmp_path])
    assert [s["id"] for s in inventory.data["stores"]] == ["s1", "s2"]
    assert inventory.data["stores"][1]["encryption"] == {"at_rest": True, "in_transit": True}


def test_norway_stays_a_string(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA + "partners:\n  - id: p1\n    regions: [NO, SE, on]\n")
    from aiguard import api

    assert api.load_inventory([tmp_path]).data["partners"][0]["regions"] == ["NO", "SE", "on"]


@pytest.mark.parametrize("args,fragment", [
    (["--as-of", "25/11/2026"], "--as-of '25/11/2026': expected a date"),
    (["--param", "nope=1"], "unknown parameter 'nope'"),
    (["--param", "partner_grant_max_days=soon"], "expected a non-negative integer"),
    (["--param", "partner_grant_max_days"], "expected NAME=VALUE"),
    (["--only", "AIG-NOPE-*"], "matches no policy id or area"),
    (["--only", "AIG-MOD-001", "--skip", "models"], "leave no policy to evaluate"),
    (["--policy-dir", "/nonexistent/policies"], "does not exist"),
    (["--engine", "quantum"], "'quantum' is not one of 'regorus'"),
])
def test_bad_options_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA)
    result = run_cli("check", str(tmp_path), *args)
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_no_path_is_a_usage_error() -> None:
    result = run_cli("validate")
    assert result.returncode == 2
    assert "Missing argument" in result.stderr
