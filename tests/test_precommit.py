"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real ``pre-commit`` on real commits.

pre-commit installs a hook repository from git at a ``rev``, so uncommitted changes of this
checkout would be invisible to it. The session fixture therefore copies the current working tree
into a temporary git repository, commits it, and points the project's ``.pre-commit-config.yaml``
at that commit. pre-commit then builds its own virtualenv and pip-installs aiguard from it (once
per session, with ``PRE_COMMIT_HOME`` in a temporary directory); the developer's virtualenv is
taken off PATH so the hook can only pass by running the aiguard pre-commit installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, REPO, run_cli

pytestmark = pytest.mark.slow

LEAKED_TOKEN = """\
apiVersion: aiguard/v1
kind: Inventory
credentials:
  - id: leaked-ci-token
    kind: api_token
    reaches: [s3-ml-artifacts]
    stored_in: source_code
"""


@dataclass
class Project:
    root: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=self.root, env=self.env, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = self.run("git", *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        """``git commit`` as a user types it: the installed pre-commit hook runs first."""
        self.git("add", "-A")
        return self.run("git", "commit", "-m", message)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()


def require(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def git_env(root: Path) -> dict[str, str]:
    """An environment isolated from the user's git and pre-commit configuration."""
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    return {**env, "PATH": path, "PRE_COMMIT_HOME": str(root / "pre-commit-home"), "NO_COLOR": "1",
            "GIT_CONFIG_GLOBAL": str(root / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "aiguard test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "aiguard test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def copy_working_tree(destination: Path) -> None:
    """The files of this checkout as they are now: tracked and untracked, minus what git ignores."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=False)
    if listed.returncode == 0:
        for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
            source = REPO / name
            if source.is_file():  # tracked files deleted in the working tree are gone
                (destination / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, destination / name)
    else:  # not a git checkout (an unpacked sdist)
        shutil.copytree(REPO, destination, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", "*.egg-info", "dist", "build", ".pytest_cache", ".tools", "bench"))


@pytest.fixture(scope="session")
def hook_project(tmp_path_factory) -> Project:
    """A project repository whose .pre-commit-config.yaml uses this checkout's hooks, installed."""
    require(shutil.which("git") is not None, "git not found")
    require(subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode == 0,
            "pre-commit not installed: pip install -e '.[test]'")
    root = tmp_path_factory.mktemp("pre-commit")
    env = git_env(root)

    hooks = Project(root / "aiguard", env)
    hooks.root.mkdir()
    copy_working_tree(hooks.root)
    assert (hooks.root / ".pre-commit-hooks.yaml").is_file()
    hooks.git("init", "-q")
    hooks.git("add", "-A")
    hooks.git("commit", "-q", "-m", "aiguard working tree under test")

    project = Project(root / "project", env)
    project.root.mkdir()
    project.git("init", "-q")
    created = run_cli("init", "inventory", "--as-of", AS_OF, cwd=project.root)
    assert created.returncode == 0, created.stderr
    (project.root / "inventory" / ".pre-commit-config.yaml").unlink()  # this project uses the hook repository
    config = {"repos": [{"repo": str(hooks.root), "rev": hooks.head(), "hooks": [
        {"id": "aiguard", "args": ["inventory/", "--as-of", AS_OF]},
        {"id": "aiguard-validate", "args": ["inventory/"]},
    ]}]}
    (project.root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    installed = project.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # Builds the hook environment (pip-installs aiguard from the hook repository) once.
    built = project.run(sys.executable, "-m", "pre_commit", "install-hooks", timeout=900)
    assert built.returncode == 0, built.stdout + built.stderr
    project.git("add", "-A")
    project.git("commit", "-q", "--no-verify", "-m", "the starter inventory")  # the tests' clean HEAD
    return project


@pytest.fixture
def project(hook_project: Project):
    yield hook_project
    hook_project.git("reset", "-q", "--hard")
    hook_project.git("clean", "-q", "-fdx")


def test_a_clean_change_commits(project):
    before = project.head()
    assets = project.root / "inventory" / "assets.yaml"
    assets.write_text(assets.read_text().replace("size_gb: 120", "size_gb: 125"))
    result = project.commit("the training set grew")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert project.head() != before
    assert "aiguard check" in output and "aiguard validate" in output and "Passed" in output
    assert "Failed" not in output


def test_a_commit_introducing_a_gap_is_blocked_with_the_finding(project):
    before = project.head()
    (project.root / "inventory" / "ci.yaml").write_text(LEAKED_TOKEN)
    result = project.commit("add the CI token")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert project.head() == before  # the commit did not happen
    assert "aiguard check" in output and "Failed" in output
    assert "AIG-CRD-002" in output and "leaked-ci-token" in output and "inventory/ci.yaml:4" in output


def test_an_invalid_file_is_blocked_by_validate_with_file_and_line(project):
    before = project.head()
    (project.root / "inventory" / "typo.yaml").write_text(
        "apiVersion: aiguard/v1\nkind: Inventory\nstores:\n  - id: s9\n    encrpytion: {at_rest: true}\n")
    result = project.commit("a typo")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and project.head() == before, output
    assert "aiguard validate" in output and "inventory/typo.yaml:5" in output and "Traceback" not in output


def test_a_commit_outside_the_inventory_skips_the_hooks(project):
    (project.root / "README.md").write_text("# not an inventory\n")
    result = project.commit("docs")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Skipped" in output and "Failed" not in output


def test_pre_commit_run_all_files_reports_the_finding(project):
    (project.root / "inventory" / "ci.yaml").write_text(LEAKED_TOKEN)
    project.git("add", "-A")
    result = project.run(sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "AIG-CRD-002" in result.stdout


def test_the_snippet_aiguard_init_writes_works_as_is(tmp_path):
    """``aiguard init`` writes a ``repo: local`` hook that runs the installed aiguard."""
    require(shutil.which("git") is not None, "git not found")
    env = {**git_env(tmp_path), "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    project = Project(tmp_path / "project", env)
    project.root.mkdir()
    project.git("init", "-q")
    created = run_cli("init", str(project.root), "--as-of", AS_OF)
    assert created.returncode == 0, created.stderr
    # The starter's dates are relative to --as-of; the hook checks as of today, so pin it the same way.
    config = project.root / ".pre-commit-config.yaml"
    config.write_text(config.read_text().replace("args: ['.']", f"args: ['.', --as-of, '{AS_OF}']"))
    project.git("add", "-A")
    passed = project.run(sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (project.root / "ci.yaml").write_text(LEAKED_TOKEN)
    project.git("add", "-A")
    failed = project.run(sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never")
    assert failed.returncode == 1 and "AIG-CRD-002" in failed.stdout, failed.stdout + failed.stderr
