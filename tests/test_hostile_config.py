"""A repository's config file must not take over the gate (issue 12, SECURITY.md).

Settings that run programs, contact servers, carry credentials or raise limits come only from
flags, the environment or the user config; the upward search stops at the repository root and
skips files owned by another user; every run reports the config files and settings in effect.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import AS_OF, run_cli, write_files
from inprocess import invoke

# One medium finding: AIG-SRC-001 (no secret scanning).
INVENTORY = "repositories:\n  - {id: repo-train, visibility: private, secret_scanning: false, push_protection: true}\n"


@pytest.fixture
def repo(inventory_dir, tmp_path: Path) -> Path:
    """A repository (it has .git) holding inventory/, with a nested work directory; the user
    config lives in its own XDG directory outside it."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    shutil.move(inventory_dir({"inventory.yaml": INVENTORY}), root / "inventory")
    (tmp_path / "xdg").mkdir()
    return root


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), **extra}


def run(*args: str, cwd: Path, env: dict[str, str]) -> SimpleNamespace:
    """In process, with ``run_cli``'s result attributes (``run_cli`` is the end-to-end run)."""
    returncode, stdout, stderr = invoke(*args, cwd=cwd, env=env)
    return SimpleNamespace(returncode=returncode, stdout=stdout, stderr=stderr)


@pytest.mark.parametrize("line,key", [
    ('opa_binary = "./evil.sh"', "opa_binary"),
    ('opa_url = "http://attacker.example:8181"', "opa_url"),
    ('opa_ca_cert = "ca.pem"', "opa_ca_cert"),
    ('opa_client_key = "key.pem"', "opa_client_key"),
    ('opa_timeout = 100000', "opa_timeout"),
    ('opa_mode = "bundle"', "opa_mode"),
    ('policy_timeout = 100000', "policy_timeout"),
    ('policy_memory = "64G"', "policy_memory"),
    ('signing_key = "attacker.pub"', "signing_key"),  # the repository would pick the key its models pass with
])
def test_a_repository_config_cannot_set_programs_servers_or_limits(repo: Path, tmp_path: Path, line: str,
                                                                   key: str) -> None:
    write_files(repo, {"aiguard.toml": f'paths = ["inventory"]\n{line}\n'})
    result = run("check", "--as-of", AS_OF, cwd=repo / "docs", env=env(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert f"{repo / 'aiguard.toml'}:2: {key}: not allowed in a repository's config file" in result.stderr
    assert "Traceback" not in result.stderr


def test_pyproject_cannot_set_them_either_and_a_token_is_never_a_file_setting(repo: Path, tmp_path: Path) -> None:
    write_files(repo, {"pyproject.toml": '[tool.aiguard]\npaths = ["inventory"]\nopa_url = "http://x"\nopa_token = "t"\n'})
    result = run("check", cwd=repo, env=env(tmp_path))
    assert result.returncode == 2
    assert "pyproject.toml:3: tool.aiguard.opa_url: not allowed" in result.stderr
    assert "pyproject.toml:4: tool.aiguard.opa_token: credentials come only from --opa-token" in result.stderr


def test_a_repository_config_cannot_send_verify_to_a_url(repo: Path, tmp_path: Path) -> None:
    # fsspec would fetch from it with the job's cloud credentials; a local directory is fine.
    write_files(repo, {"aiguard.toml": 'paths = ["inventory"]\nstore_roots = ["s1=s3://attacker/bucket", "s2=store"]\n'})
    result = run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert result.returncode == 2
    assert "aiguard.toml:2: store_roots: 's1=s3://attacker/bucket': a URL contacts a server" in result.stderr
    write_files(tmp_path / "xdg" / "aiguard", {"config.toml": 'store_roots = ["s1=s3://team/bucket"]\n'})
    write_files(repo, {"aiguard.toml": 'paths = ["inventory"]\n'})
    assert run("config", "show", cwd=repo, env=env(tmp_path)).returncode == 0


def test_the_user_config_may_set_them(repo: Path, tmp_path: Path) -> None:
    write_files(tmp_path / "xdg" / "aiguard", {"config.toml": 'policy_timeout = 33\nopa_timeout = 7\n'})
    result = run("config", "show", "inventory", cwd=repo, env=env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path / 'xdg' / 'aiguard' / 'config.toml'} (user)" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("policy_timeout"))
    assert "33" in row and "config.toml" in row


@pytest.mark.parametrize("line", ['baseline = "../../outside.json"', 'policy_dirs = ["/etc"]', 'data = ["../x.yaml"]',
                                  'output = "/tmp/aiguard-hostile-report.json"'])
def test_a_repository_config_names_only_files_inside_the_repository(repo: Path, tmp_path: Path, line: str) -> None:
    write_files(repo, {"aiguard.toml": f'paths = ["inventory"]\n{line}\n'})
    result = run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "is outside the repository" in result.stderr and "aiguard.toml:2" in result.stderr


def test_a_symlink_inside_the_repository_cannot_lead_a_config_path_out(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", repo / "link")
    write_files(repo, {"aiguard.toml": 'paths = ["inventory"]\nbaseline = "link/baseline.json"\n'})
    result = run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert result.returncode == 2 and "is outside the repository" in result.stderr


def test_the_search_stops_at_the_repository_root(repo: Path, tmp_path: Path) -> None:
    # A config file above the repository (a shared parent directory) is not the repository's.
    write_files(repo.parent, {"aiguard.toml": 'skip = ["AIG-SRC-*"]\n'})
    result = run("check", "inventory", "--as-of", AS_OF, "--only", "AIG-SRC-001", cwd=repo, env=env(tmp_path))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "config:" not in result.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown a file")
def test_a_config_file_owned_by_another_user_is_ignored_and_said(inventory_dir, tmp_path: Path) -> None:
    root = inventory_dir({"inventory.yaml": INVENTORY}).parent  # no .git: the search goes up
    planted = write_files(tmp_path, {"aiguard.toml": 'skip = ["AIG-SRC-*"]\n'}) / "aiguard.toml"
    os.chown(planted, 65534, 65534)
    result = run("check", "inventory", "--as-of", AS_OF, "--only", "AIG-SRC-001", cwd=root, env=env(tmp_path))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert f"ignoring {planted}: owned by another user (uid 65534)" in result.stderr


def test_every_run_reports_the_config_and_the_settings_that_changed_the_verdict(repo: Path, tmp_path: Path) -> None:
    write_files(repo, {"aiguard.toml": """\
        paths = ["inventory"]
        as_of = 2026-11-25
        skip = ["AIG-SRC-*"]
        fail_on = "critical"

        [params]
        partner_grant_max_days = 400
        """})
    config = repo / "aiguard.toml"
    text = run_cli("check", cwd=repo / "docs", env=env(tmp_path))
    assert text.returncode == 0, text.stderr
    assert f"config: {config} (project)" in text.stdout
    for fragment in (f'skip = ["AIG-SRC-*"]  ({config}:3)', f'fail_on = "critical"  ({config}:4)',
                     f"params.partner_grant_max_days = 400  ({config}:7)"):
        assert fragment in text.stdout, text.stdout
    report = json.loads(run("check", "--format", "json", cwd=repo, env=env(tmp_path)).stdout)
    settings = {s["name"]: s for s in report["config"]["settings"]}
    assert report["config"]["files"] == [{"path": str(config), "kind": "project"}]
    assert settings["skip"] == {"name": "skip", "value": ["AIG-SRC-*"], "source": f"{config}:3"}
    assert settings["params.partner_grant_max_days"]["value"] == 400
    # A flag overrides the file: the file's setting is then not in effect, so not reported.
    flagged = json.loads(run("check", "--format", "json", "--fail-on", "low", cwd=repo, env=env(tmp_path)).stdout)
    assert "fail_on" not in {s["name"] for s in flagged["config"]["settings"]}
    audit = run("report", "--format", "markdown", cwd=repo, env=env(tmp_path))
    assert audit.returncode in (0, 1), audit.stderr
    assert "Configuration" in audit.stdout and "AIG-SRC-*" in audit.stdout


def test_no_config_means_an_empty_config_section(inventory_dir, tmp_path: Path) -> None:
    root = inventory_dir({"inventory.yaml": INVENTORY})
    (root.parent / ".git").mkdir()
    report = json.loads(run("check", "inventory", "--as-of", AS_OF, "--format", "json", cwd=root.parent,
                                env=env(tmp_path)).stdout)
    assert report["config"] == {"files": [], "settings": []}


@pytest.mark.parametrize("line", ['output = ".git/hooks/pre-commit"', 'output = "./.git/config"',
                                  'baseline = ".git/HEAD"'])
def test_a_repository_config_may_not_name_files_inside_git(repo: Path, tmp_path: Path, line: str) -> None:
    # A report written over an executable hook ran as a program at the next commit.
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir()
    hook.write_text("#!/bin/sh\nexit 0\n")
    write_files(repo, {"aiguard.toml": f'paths = ["inventory"]\n{line}\n'})
    result = run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "is inside .git" in result.stderr and "aiguard.toml:2" in result.stderr
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"


def test_a_config_outside_any_repository_names_only_files_below_it(inventory_dir, tmp_path: Path) -> None:
    # No .git (an unpacked archive): the file's own directory bounds its paths.
    root = tmp_path / "project"
    root.mkdir()
    shutil.move(inventory_dir({"inventory.yaml": INVENTORY}), root / "inventory")
    write_files(root, {"aiguard.toml": 'paths = ["inventory"]\noutput = "../escaped.txt"\n'})
    result = run("check", "--as-of", AS_OF, cwd=root, env=env(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "is outside the repository" in result.stderr and "aiguard.toml:2" in result.stderr
    assert not (tmp_path / "escaped.txt").exists()


def test_a_repository_config_may_lower_the_file_size_cap_but_not_raise_it(repo: Path, tmp_path: Path) -> None:
    write_files(repo, {"aiguard.toml": 'paths = ["inventory"]\nmax_file_size = 10\n'})
    lowered = run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert lowered.returncode == 2 and "over the 10-byte limit" in lowered.stderr, lowered.stderr
    write_files(repo, {"aiguard.toml": 'paths = ["inventory"]\nmax_file_size = 100000000000\n'})
    raised = run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert raised.returncode == 2, (raised.stdout, raised.stderr)
    assert "aiguard.toml:2: max_file_size: 100000000000 raises the 67108864-byte limit" in raised.stderr
    write_files(tmp_path / "xdg" / "aiguard", {"config.toml": "max_file_size = 100000000000\n"})
    write_files(repo, {"aiguard.toml": 'paths = ["inventory"]\n'})
    assert run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path)).returncode == 1  # the user config may


@pytest.mark.parametrize("line", ["as_of = 9999-12-31", 'as_of = "1600-01-01"'])
def test_an_as_of_out_of_range_in_a_config_file_names_the_file(repo: Path, tmp_path: Path, line: str) -> None:
    # Not blamed on the --as-of flag the user never gave.
    write_files(repo, {"aiguard.toml": f'paths = ["inventory"]\n{line}\n'})
    result = run("check", cwd=repo, env=env(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "aiguard.toml:2: as_of:" in result.stderr and "outside the years 1700 to 2199" in result.stderr
    assert "--as-of" not in result.stderr
    write_files(repo, {"aiguard.toml": 'paths = ["inventory"]\n'})
    from_env = run("check", cwd=repo, env=env(tmp_path, AIGUARD_AS_OF="9999-01-01"))
    assert "AIGUARD_AS_OF: 9999-01-01 is outside the years 1700 to 2199 that policies can compute with\n" in from_env.stderr


def test_the_config_lines_of_the_text_report_are_escaped(repo: Path, tmp_path: Path) -> None:
    # A path the repository named (a directory with a bidirectional override and a C1 CSI in its
    # name) is shown escaped, like every other value.
    name = "inv\u202e\x9b2J"
    shutil.copytree(repo / "inventory", repo / name)
    write_files(repo, {"aiguard.toml": f'paths = ["{name}"]\n'})
    result = run("check", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert '  paths = ["inv\\u202e\\x9b2J"]  (' in result.stdout
    assert "\u202e" not in result.stdout and "\x9b" not in result.stdout


@pytest.mark.parametrize("name", ["aiguard.toml", "pyproject.toml"])
@pytest.mark.parametrize(("kind", "fragment"), [("fifo", "is not a regular file (a FIFO)"),
                                                ("directory", "is not a regular file (a directory)"),
                                                ("dangling link", "is a dangling symbolic link")])
def test_a_config_name_that_is_not_a_regular_file_is_refused(repo: Path, tmp_path: Path, name: str, kind: str,
                                                             fragment: str) -> None:
    # is_file() skipped these in silence: the repository's settings (skip, fail_on) were then dropped unseen.
    path = repo / "docs" / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to(repo / "docs" / "missing.toml")
    result = run("check", "--as-of", AS_OF, cwd=repo / "docs", env=env(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert f"{path}: config file {fragment}" in result.stderr and "Traceback" not in result.stderr


def test_a_user_config_that_is_not_a_regular_file_is_refused(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "xdg" / "aiguard" / "config.toml").mkdir(parents=True)
    result = run("check", "inventory", "--as-of", AS_OF, cwd=repo, env=env(tmp_path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "config.toml: config file is not a regular file (a directory)" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown a file")
@pytest.mark.parametrize("text,said", [("[tool.aiguard\nbroken", False), ('[tool.aiguard]\nskip = ["AIG-SRC-*"]\n', True)])
def test_a_pyproject_owned_by_another_user_is_not_parsed_for_the_run(inventory_dir, tmp_path: Path, text: str,
                                                                     said: bool) -> None:
    # A broken pyproject.toml planted in a shared parent directory failed everyone's checks (exit 2).
    root = inventory_dir({"inventory.yaml": INVENTORY}).parent  # no .git: the search goes up
    planted = write_files(tmp_path, {"pyproject.toml": text}) / "pyproject.toml"
    os.chown(planted, 65534, 65534)
    result = run("check", "inventory", "--as-of", AS_OF, "--only", "AIG-SRC-001", cwd=root, env=env(tmp_path))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert (f"ignoring {planted}: owned by another user" in result.stderr) is said
