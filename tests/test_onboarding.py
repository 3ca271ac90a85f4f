"""``aiguard init`` (starter inventory) and ``aiguard explain`` (a policy, for whoever fixes it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from conftest import AS_OF, run_cli

STARTER = ["inventory.yaml", "assets.yaml", "access.yaml", ".pre-commit-config.yaml"]


def init(directory: Path, *extra: str):
    return run_cli("init", str(directory), "--as-of", AS_OF, *extra)


def test_init_writes_a_commented_inventory_that_validates_and_passes_every_policy(tmp_path):
    target = tmp_path / "inventory"
    result = init(target)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in target.iterdir()) == sorted(STARTER)
    for name in STARTER:
        assert f"{target / name}" in result.stdout
    assert "Next steps" in result.stdout and f"aiguard check {target}" in result.stdout

    validated = run_cli("validate", str(target))
    assert validated.returncode == 0, validated.stderr
    # A starter that fails aiguard's own policies would teach the wrong thing.
    checked = run_cli("check", str(target), "--as-of", AS_OF)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("PASS")

    # Every collection is shown, with comments explaining the values.
    merged: dict = {}
    for name in STARTER[:3]:
        text = (target / name).read_text()
        assert text.count("#") > 15, f"{name} is not commented"
        for key, value in yaml.safe_load(text).items():
            merged[key] = merged.get(key) or value
    for collection in ("stores", "models", "datasets", "data_sources", "partners", "access", "repositories",
                       "credentials"):
        assert merged[collection], collection
    assert merged["controls"]["incident_response"] and merged["metadata"]["organization"]


def test_the_commented_exception_example_is_valid(tmp_path):
    # exceptions are demonstrated as a comment (the starter has nothing to waive): uncommented, the
    # example must validate, so that a user copying it gets a working waiver.
    target = tmp_path / "inventory"
    assert init(target).returncode == 0
    path = target / "inventory.yaml"
    lines = path.read_text().splitlines()
    start = lines.index("# exceptions:")
    block = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        block.append(line[2:])
    text = "\n".join(line for line in lines if line != "exceptions: []") + "\n" + "\n".join(block) + "\n"
    path.write_text(text)
    assert yaml.safe_load(text)["exceptions"][0]["policy"] == "AIG-MOD-003"
    result = run_cli("check", str(target), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_refuses_to_overwrite_and_force_does(tmp_path):
    target = tmp_path / "inventory"
    assert init(target).returncode == 0
    edited = target / "assets.yaml"
    edited.write_text(edited.read_text() + "# my edit\n")

    again = init(target)
    assert again.returncode == 2
    assert "refusing to overwrite" in again.stderr and str(edited) in again.stderr
    assert edited.read_text().endswith("# my edit\n")

    forced = init(target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert not edited.read_text().endswith("# my edit\n")


def test_init_refuses_when_only_one_starter_file_exists(tmp_path):
    target = tmp_path / "inventory"
    target.mkdir()
    (target / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = init(target)
    assert result.returncode == 2 and ".pre-commit-config.yaml" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == [".pre-commit-config.yaml"]  # nothing written


def test_init_on_a_file_is_an_error(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = init(target)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_init_dates_follow_as_of(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli("init", str(one), "--as-of", "2026-01-01").returncode == 0
    assert run_cli("init", str(two), "--as-of", "2026-01-01").returncode == 0
    assert (one / "access.yaml").read_text() == (two / "access.yaml").read_text()
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", (one / "access.yaml").read_text())
    assert dates and all("2024-11-01" <= d <= "2027-01-01" for d in dates)


def test_pre_commit_snippet_points_at_the_inventory(tmp_path):
    result = run_cli("init", "inv", "--as-of", AS_OF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((tmp_path / "inv" / ".pre-commit-config.yaml").read_text())
    (hook,) = config["repos"][0]["hooks"]
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == ("aiguard", "aiguard check", False)
    assert hook["args"] == ["inv"]  # not in a git repository: relative to where init ran
    assert re.search(hook["files"], "inv/models.yaml") and not re.search(hook["files"], "docs/x.yaml")


def test_pre_commit_snippet_paths_are_relative_to_the_git_root(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)  # what pre-commit and init look for
    result = run_cli("init", str(tmp_path / "repo" / "governance" / "ai inventory"), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "repo" / "governance" / "ai inventory" / ".pre-commit-config.yaml"
    (hook,) = yaml.safe_load(written.read_text())["repos"][0]["hooks"]
    assert hook["args"] == ["governance/ai inventory"]
    assert re.search(hook["files"], "governance/ai inventory/a.yml")
    assert "Move" in result.stdout  # it belongs at the repository root
    at_root = run_cli("init", str(tmp_path / "repo"), "--as-of", AS_OF)
    assert at_root.returncode == 0 and "is in place" in at_root.stdout
    (hook,) = yaml.safe_load((tmp_path / "repo" / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hook["args"] == ["."]


# --- explain -----------------------------------------------------------------------------------


def policies() -> list[dict]:
    listed = run_cli("policies", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)["policies"]


def test_explain_prints_rationale_fix_example_references_and_parameters():
    by_id = {p["id"]: p for p in policies()}
    result = run_cli("explain", "aig-mod-001")  # ids are case-insensitive
    assert result.returncode == 0, result.stderr
    text = result.stdout
    policy = by_id["AIG-MOD-001"]
    assert text.startswith(f"AIG-MOD-001: {policy['title']}")
    assert f"severity {policy['severity']}, area {policy['area']}" in text
    flat = " ".join(text.split())
    assert " ".join(policy["description"].split()) in flat
    assert " ".join(policy["remediation"].split()) in flat
    for framework, refs in policy["frameworks"].items():
        assert f"{framework}: {', '.join(refs)}" in text
    example = text.split("Example fix\n")[1].split("\n\n")[0]
    assert "(no example_fix" not in example and yaml.safe_load("\n".join(line[2:] for line in example.splitlines()))

    with_parameter = next(p for p in policies() if p["parameters"])
    result = run_cli("explain", with_parameter["id"])
    assert result.returncode == 0
    name = with_parameter["parameters"][0]
    assert re.search(rf"^  {name} = \S", result.stdout, re.MULTILINE)


def test_explain_shows_every_policys_example_fix():
    # In process, for speed: the CLI's describe() for every policy in the library.
    from aiguard.cli.onboarding import describe
    from aiguard.evaluate.policyset import load_policy_set

    policy_set = load_policy_set()
    assert policy_set.policies
    for policy in policy_set.policies:
        text = describe(policy, policy_set)
        assert text.startswith(f"{policy.id}: {policy.title}\n")
        if policy.example_fix:
            assert "\n".join("  " + line if line.strip() else "" for line in policy.example_fix.splitlines()) in text
        for name in policy.parameters:
            assert f"  {name} = " in text


def test_explain_unknown_policy_is_exit_2():
    result = run_cli("explain", "AIG-XXX-999")
    assert result.returncode == 2
    assert "unknown policy id 'AIG-XXX-999'" in result.stderr and "Traceback" not in result.stderr
