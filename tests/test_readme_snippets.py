"""The README's pre-commit and GitHub Actions snippets work as pasted: the text itself is tested."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import AS_OF, INVENTORIES, REPO, require_tool
from test_precommit import LEAKED_TOKEN, Project, git_env

README = (REPO / "README.md").read_text()
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)


def block(section: str, marker: str) -> str:
    """The YAML block of a README section that contains ``marker``."""
    text = README[README.index(f"## {section}"):]
    text = text[: text.index("\n## ", 1)]
    return next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if marker in b)


# --- pre-commit -----------------------------------------------------------------------------------


def test_pre_commit_snippet_has_no_placeholders() -> None:
    snippet = block("Use 1: pre-commit", "repos:")
    assert "<" not in snippet and "OWNER" not in snippet and "rev:" not in snippet
    hooks = yaml.safe_load(snippet)["repos"][0]["hooks"]
    shipped = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    for hook in hooks:  # the local hooks are the shipped ones, so switching to the hook repository is a no-op
        for key in ("entry", "pass_filenames", "files"):
            assert hook[key] == shipped[hook["id"]][key], (hook["id"], key)


@pytest.mark.slow
def test_pre_commit_snippet_pasted_into_an_inventory_repository(tmp_path: Path) -> None:
    require_tool(shutil.which("git"), "git not found")
    env = {**git_env(tmp_path), "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    project = Project(tmp_path / "project", env)
    project.root.mkdir()
    project.git("init", "-q")
    shutil.copytree(INVENTORIES / "compliant", project.root / "inventory")
    # As pasted, plus the fixed evaluation date of the example inventory (its dates are relative to it).
    snippet = block("Use 1: pre-commit", "repos:").replace(
        "args: [inventory/]     # your inventory", f"args: [inventory/, --as-of, '{AS_OF}']  # your inventory", 1)
    (project.root / ".pre-commit-config.yaml").write_text(snippet)
    project.git("add", "-A")
    passed = project.run(sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "aiguard check" in passed.stdout and "aiguard validate" in passed.stdout
    (project.root / "inventory" / "ci.yaml").write_text(LEAKED_TOKEN.replace("s3-ml-artifacts", "s3-aster-models"))
    project.git("add", "-A")
    failed = project.run(sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never")
    assert failed.returncode == 1 and "AIG-CRD-002" in failed.stdout, failed.stdout + failed.stderr


# --- GitHub Actions -------------------------------------------------------------------------------


def workflow() -> dict[str, Any]:
    return yaml.load(block("Use 2: CI gate", "# .github/workflows/aiguard.yml"), Loader=yaml.BaseLoader)


def test_no_snippet_names_a_tag_or_owner_that_does_not_exist() -> None:
    for path in (REPO / "README.md", REPO / "docs" / "ci-gate.md", REPO / ".pre-commit-hooks.yaml",
                 REPO / "src" / "aiguard" / "starter" / "pre-commit-config.yaml"):
        text = path.read_text()
        assert "OWNER" not in text and "v0.1.0" not in text and "rev: v$" not in text, path


def test_ci_gate_doc_workflow_installs_like_the_readme() -> None:
    doc = (REPO / "docs" / "ci-gate.md").read_text()
    assert "AIGUARD_INSTALL: ${{ vars.AIGUARD_INSTALL }}" in doc and 'pip install "aiguard @ $AIGUARD_INSTALL"' in doc


def test_workflow_is_valid_against_githubs_workflow_schema() -> None:
    schema_file = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "github-workflows.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    # Loaded as GitHub reads it: `on` stays the key "on" (YAML 1.1 would make it True).
    jsonschema.validate(workflow(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**workflow(), "jobs": {"aiguard": {"steps": []}}}, schema)  # no runs-on


def run_step(step: dict[str, Any], cwd: Path, env: dict[str, str], outputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A `run:` step as the runner executes it: bash -e, `${{ steps.X.outputs.Y }}` substituted."""
    script = re.sub(r"\$\{\{\s*steps\.\w+\.outputs\.(\w+)\s*\}\}", lambda m: outputs[m.group(1)], step["run"])
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          env={**env, **step.get("env", {})}, capture_output=True, text=True, timeout=300, check=False)


def test_workflow_steps_gate_on_findings(tmp_path: Path) -> None:
    steps = {step.get("name"): step for step in workflow()["jobs"]["aiguard"]["steps"]}
    shutil.copytree(INVENTORIES / "gaps", tmp_path / "inventories")
    output_file = tmp_path / "github_output"
    output_file.write_text("")
    env = {**os.environ, "NO_COLOR": "1", "GITHUB_OUTPUT": str(output_file),
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}

    install = steps["Install aiguard"]
    assert install["env"]["AIGUARD_INSTALL"] == "${{ vars.AIGUARD_INSTALL }}"
    unset = run_step({**install, "env": {"AIGUARD_INSTALL": ""}}, tmp_path, env, {})
    assert unset.returncode == 2 and "::error::set the repository variable AIGUARD_INSTALL" in unset.stdout

    check = run_step(steps["Check the inventory"], tmp_path, env, {})
    assert check.returncode == 0, check.stderr  # `set +e`: the verdict goes to the output, the SARIF is uploaded
    outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines())
    assert outputs == {"exit_code": "1"}
    sarif = json.loads((tmp_path / "aiguard.sarif").read_text())
    assert sarif["runs"][0]["results"]

    gate = steps["Fail on findings (1) or a broken run (2)"]
    assert gate["if"] == "steps.aiguard.outputs.exit_code != '0'"
    assert run_step(gate, tmp_path, env, outputs).returncode == 1
