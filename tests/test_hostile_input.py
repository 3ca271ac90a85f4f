"""Hostile input: every file aiguard reads may be an attacker's (issue 12, part 2; SECURITY.md,
"Input handling"). Each case ends in exit 2 with a message naming file, line or field, or in the
right verdict; never a hang, a traceback, a silent skip or a write outside the tree.

Most cases run the CLI in process (``CliRunner``); those that could hang on a regression (FIFOs,
``/dev/zero``) run it in a subprocess with a timeout.
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import AS_OF, ENVELOPE, METADATA, run_cli, write_files

FIFO_TIMEOUT = 60

SENSITIVE = """\
datasets:
  - id: d1
    classification: restricted
access:
  - principal: {principal}
    asset: d1
    level: read
"""


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """``cli(*args)``: the real command in this process, from ``tmp_path``, with stdout and stderr apart."""
    import aiguard.cli.check as check_module
    from aiguard.cli import main

    def exit_now(code: int) -> None:
        raise SystemExit(code)  # the command's os._exit would end pytest itself

    monkeypatch.setattr(check_module, "exit_now", exit_now, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    for name in [name for name in os.environ if name.startswith("AIGUARD_") and name != "AIGUARD_OPA"]:
        monkeypatch.delenv(name)
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(main, list(args), env=env, catch_exceptions=False)

    yield run
    gc.enable()  # `check` turns the collector off for its short-lived process


def write(root: Path, name: str, body: str, envelope: bool = True) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((ENVELOPE + METADATA if envelope else "") + body)
    return path


def assert_exit_2(result: Result, *fragments: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


# --- 1. unbounded input work ---------------------------------------------------------------------


def test_four_hundred_thousand_schema_errors_are_summarised(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "many.yaml", "models: [" + ",".join(["1"] * 400_000) + "]\n")
    result = cli("validate", str(path))
    assert_exit_2(result, "many.yaml:6: models[0]: expected a mapping, got integer 1",
                  "models[*]: ... and 900 more like this (not listed)", "more schema errors", "at least 21,000 problems")
    assert len(result.stderr.splitlines()) < 200


def test_unknown_fields_by_the_thousand_are_summarised(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "keys.yaml", "".join(f"k{i}: 1\n" for i in range(5000)))
    result = cli("validate", str(path))
    assert_exit_2(result, "k0: unknown field", "... and 4,900 more unknown fields (not listed)")
    assert len(result.stderr.splitlines()) < 200


def test_dangling_references_by_the_thousand_are_summarised(cli, tmp_path: Path) -> None:
    grants = "".join(f"  - {{principal: 'group:g', asset: missing-{i}, level: read}}\n" for i in range(3000))
    result = cli("validate", str(write(tmp_path, "refs.yaml", "access:\n" + grants)))
    assert_exit_2(result, "(3,000 problems)", "access[*].asset: ... and 2,900 more like this")


# --- 2. one safe reader for every file ------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path):
    def make(name: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        return path
    return make


def check_subprocess(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli("check", str(tmp_path / "inv"), "--as-of", AS_OF, *args, cwd=tmp_path, env=env,
                   timeout=FIFO_TIMEOUT)


def assert_subprocess_exit_2(result, *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


@pytest.mark.parametrize("kind", ["inventory", "baseline", "data", "rego", "data.yaml", "config"])
def test_a_fifo_is_refused_wherever_a_file_is_read(tmp_path: Path, fifo, kind: str) -> None:
    write(tmp_path, "inv/a.yaml", "")
    args: list[str] = []
    env = None
    if kind == "inventory":
        target = fifo("inv/b.yaml")
    elif kind == "baseline":
        target = fifo("base.json")
        args = ["--baseline", str(target)]
    elif kind == "data":
        target = fifo("params.yaml")
        args = ["--data", str(target)]
    elif kind == "config":
        target = fifo("aiguard.toml")
        env = {"AIGUARD_CONFIG": str(target)}
    else:
        target = fifo("pol/custom/x.rego" if kind == "rego" else "pol/data.yaml")
        if kind == "data.yaml":
            (tmp_path / "pol/custom").mkdir(parents=True)
            (tmp_path / "pol/custom/x.rego").write_text("package custom.x\n")
        args = ["--policy-dir", str(tmp_path / "pol")]
    result = check_subprocess(tmp_path, *args, env=env)
    if kind == "config":  # found but not a regular file: refused like any other
        assert result.returncode == 2, result.stderr
        assert "aiguard.toml" in result.stderr
    else:
        assert_subprocess_exit_2(result, f"{target.name}: ", "not a regular file (a FIFO)")


def test_dev_zero_as_a_baseline_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    assert_subprocess_exit_2(check_subprocess(tmp_path, "--baseline", "/dev/zero"),
                             "/dev/zero: baseline file is not a regular file (a device)")


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


def test_billion_laughs_in_a_policy_data_file_is_refused(cli, tmp_path: Path) -> None:
    write_files(tmp_path, {"pol/data.yaml": BILLION_LAUGHS, "pol/custom/x.rego": "package custom.x\n"})
    write(tmp_path, "inv/a.yaml", "")
    result = cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol")
    assert_exit_2(result, "data.yaml:", "YAML aliases expand to more than 100000 nodes")


def test_billion_laughs_in_a_metadata_block_is_refused(cli, tmp_path: Path) -> None:
    metadata = "".join(f"# {line}\n" for line in ("custom:", "  id: ACME-X-001", "  severity: low",
                                                   *("  " + line for line in BILLION_LAUGHS.splitlines())))
    write_files(tmp_path, {"pol/custom/x.rego": f"# METADATA\n{metadata}package custom.x\n\ndeny contains x if false\n"})
    write(tmp_path, "inv/a.yaml", "")
    result = cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol")
    assert_exit_2(result, "x.rego:", "YAML aliases expand to more than 100000 nodes")


def test_a_policy_that_is_not_utf8_is_named(cli, tmp_path: Path) -> None:
    (tmp_path / "pol/custom").mkdir(parents=True)
    (tmp_path / "pol/custom/x.rego").write_bytes(b"package custom.x\n# caf\xe9\n")
    write(tmp_path, "inv/a.yaml", "")
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol"), "x.rego:2: not UTF-8 text (byte 0xe9)")


def test_a_policy_over_the_size_cap_is_refused(cli, tmp_path: Path) -> None:
    (tmp_path / "pol/custom").mkdir(parents=True)
    (tmp_path / "pol/custom/x.rego").write_text("package custom.x\n" + "#" * (9 * 1024 * 1024) + "\n")
    write(tmp_path, "inv/a.yaml", "")
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol"), "x.rego: policy file is",
                  "over the 8388608-byte limit")


@pytest.mark.parametrize(("text", "fragment"), [
    ("aiguard: [1\n", "data.yaml:2: invalid YAML"),
    ("aiguard:\n  parameters: [a, b]\n", "aiguard.parameters: must be a mapping"),
    ("aiguard:\n  parameters:\n    x: 3\n", "data.yaml:3: aiguard.parameters.x: must be a mapping with a 'default'"),
    ("aiguard: 1\n", "aiguard.parameters: must be a mapping"),
])
def test_a_malformed_policy_data_file_is_named(cli, tmp_path: Path, text: str, fragment: str) -> None:
    write_files(tmp_path, {"pol/data.yaml": text, "pol/custom/x.rego": "package custom.x\n"})
    write(tmp_path, "inv/a.yaml", "")
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol"), fragment)


@pytest.mark.parametrize(("text", "fragment"), [
    ('{"kind": "aiguard-baseline", "schema_version": ' + "1" * 5000 + "}", "invalid JSON"),
    ("[" * 100_000 + "]" * 100_000, "invalid JSON"),
    ('{"kind": "aiguard-baseline", "schema_version": NaN}', "invalid JSON: NaN is not JSON"),
])
def test_a_malformed_baseline_is_named(cli, tmp_path: Path, text: str, fragment: str) -> None:
    write(tmp_path, "inv/a.yaml", "")
    (tmp_path / "base.json").write_text(text)
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--baseline", "base.json"), "base.json", fragment)


# --- 3. no silent skips; the tree ------------------------------------------------------------------


def test_a_symlinked_directory_inside_the_tree_is_read(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    (tmp_path / "inv/.generated").mkdir()
    (tmp_path / "inv/.generated/b.yaml").write_text(ENVELOPE + "stores:\n  - id: s1\n    public_access: maybe\n")
    (tmp_path / "inv/stores").symlink_to(tmp_path / "inv/.generated", target_is_directory=True)
    assert_exit_2(cli("validate", "inv"), "inv/stores/b.yaml:5: stores[0].public_access")


def test_a_symlinked_directory_outside_the_tree_is_refused(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    write(tmp_path, "elsewhere/b.yaml", "")
    (tmp_path / "inv/linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert_exit_2(cli("validate", "inv"), "inv/linked: symbolic link to a directory outside the inventory tree")


def test_a_file_symlink_leaving_the_tree_is_refused_and_not_echoed(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    secret = tmp_path / "home/credentials"
    secret.parent.mkdir()
    secret.write_text("aws_secret_access_key: AKIASECRETVALUE\n")
    (tmp_path / "inv/creds.yaml").symlink_to(secret)
    result = cli("validate", "inv")
    assert_exit_2(result, "creds.yaml: symbolic link to a file outside the inventory tree")
    assert "AKIASECRETVALUE" not in result.stderr + result.stdout


def test_upper_case_suffixes_are_read(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    (tmp_path / "inv/creds.YAML").write_text(ENVELOPE + "credentials:\n  - id: c1\n    stored_in: sticky-note\n")
    assert_exit_2(cli("validate", "inv"), "creds.YAML:5: credentials[0].stored_in")


def test_a_symlink_loop_is_an_error(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    (tmp_path / "inv/loop.yaml").symlink_to(tmp_path / "inv/loop.yaml")
    assert_exit_2(cli("validate", "inv"), "loop.yaml: dangling or looping symbolic link")


# --- 4. injection into logs and terminals ----------------------------------------------------------

HOSTILE = "x\n::error::pwned\n::add-mask::secret\n::stop-commands::tok\x1b]0;owned\x07\x1b[2J\x9b31m\u202e"


@pytest.fixture
def hostile_inventory(tmp_path: Path) -> Path:
    """A waiver whose reason is hostile: every human format shows waivers' reasons."""
    body = ("exceptions:\n  - policy: AIG-IR-001\n    asset: controls\n    reason: " + json.dumps(HOSTILE)
            + "\n    approved_by: ciso@example.org\n    expires: 2027-01-31\n")
    write(tmp_path, "inv/a.yaml", body)
    return tmp_path / "inv"


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "html", "junit"])
def test_no_control_character_reaches_a_human_format(cli, hostile_inventory: Path, fmt: str) -> None:
    result = cli("check", "inv", "--as-of", AS_OF, "--format", fmt, "--only", "AIG-IR-001")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "pwned" in out  # the reason is shown, escaped
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out, (fmt, raw)
    for line in out.splitlines():
        if fmt == "github":
            assert line.startswith(("::error ", "::warning ", "::notice ")), line
        else:
            assert not line.lstrip().startswith("::"), line


def test_a_file_name_with_a_line_break_cannot_start_a_workflow_command(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a\n::error::pwned\x1b[2J.yaml", "")
    result = cli("check", "inv", "--as-of", AS_OF, "--only", "AIG-IR-001")
    assert result.exit_code == 1
    assert "a\\n::error::pwned\\x1b[2J.yaml" in result.stdout
    assert not any(line.startswith("::") for line in result.stdout.splitlines())


def test_errors_on_stderr_are_escaped(cli, tmp_path: Path) -> None:
    key = json.dumps("x\n::error::pwned\x1b[2J")
    path = write(tmp_path, "a.yaml", f"stores:\n  - id: s1\n    {key}: 1\n")
    result = cli("validate", str(path))
    assert_exit_2(result, "stores[0].x\\n::error::pwned\\x1b[2J: unknown field")
    assert "\x1b" not in result.stderr and not any(line.startswith("::") for line in result.stderr.splitlines())


def test_non_utf8_file_name_is_refused_by_name_in_every_format(tmp_path: Path) -> None:
    root = tmp_path / "inv"
    root.mkdir()
    (root / "a.yaml").write_text(ENVELOPE + METADATA)
    os.close(os.open(os.fsencode(root) + b"/caf\xe9.yaml", os.O_CREAT | os.O_WRONLY))
    result = run_cli("check", "inv", "--as-of", AS_OF, "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "caf\\xe9.yaml: file name is not UTF-8" in result.stderr and "internal error" not in result.stderr


# --- 5. look-alike names ---------------------------------------------------------------------------


@pytest.mark.parametrize(("principal", "fragment"), [
    ("group:\u0435veryone", "mixes the scripts CYRILLIC, LATIN"),
    ("group:every\u200bone", "invisible character (U+200B ZERO WIDTH SPACE)"),
    # A mark that draws nothing and that NFKC keeps: AIG-ACC-001 passed on it.
    ("group:every\u034fone", "invisible character (U+034F COMBINING GRAPHEME JOINER)"),
    ("group:every\ufe0fone", "invisible character (U+FE0F VARIATION SELECTOR-16)"),
    ("group:all\u2011employees", "U+2011 NON-BREAKING HYPHEN, which looks like '-'"),
    # One script, every letter a Latin look-alike: `--param broad_groups=ops` would miss it.
    ("group:\u043e\u0440\u0455", "written in CYRILLIC letters that each look like a Latin one: it reads as 'ops'"),
])
def test_look_alike_principals_are_refused(cli, tmp_path: Path, principal: str, fragment: str) -> None:
    path = write(tmp_path, "a.yaml", SENSITIVE.format(principal=principal))
    assert_exit_2(cli("validate", str(path)), "a.yaml:10: access[0].principal: ", fragment)


@pytest.mark.parametrize("principal", ["group:Everyone", "group:EVERYONE", "group:\uff45\uff56\uff45\uff52\uff59\uff4f\uff4e\uff45"])
def test_broad_groups_match_whatever_their_case_or_width(cli, tmp_path: Path, principal: str) -> None:
    write(tmp_path, "inv/a.yaml", SENSITIVE.format(principal=principal))
    result = cli("check", "inv", "--as-of", AS_OF, "--only", "AIG-ACC-001")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "AIG-ACC-001  d1 [group:everyone]" in result.stdout


@pytest.mark.parametrize("source", ["flag", "data file", "config file"])
def test_broad_groups_given_as_parameters_are_normalised_like_principals(cli, tmp_path: Path, source: str) -> None:
    # `All-Employees` compared unequal to the normalised `group:all-employees`: the gate was weakened.
    write(tmp_path, "inv/a.yaml", SENSITIVE.format(principal="group:all-employees"))
    args = ["check", "inv", "--as-of", AS_OF, "--only", "AIG-ACC-001"]
    if source == "flag":
        args += ["--param", "broad_groups=All-Employees,\uff33\uff54\uff41\uff46\uff46"]
    elif source == "data file":
        (tmp_path / "params.yaml").write_text("broad_groups: [All-Employees]\n")
        args += ["--data", "params.yaml"]
    else:
        (tmp_path / ".git").mkdir()
        (tmp_path / "aiguard.toml").write_text('[params]\nbroad_groups = ["ALL-EMPLOYEES"]\n')
    result = cli(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "AIG-ACC-001  d1 [group:all-employees]" in result.stdout


def test_a_look_alike_broad_group_parameter_is_refused(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", SENSITIVE.format(principal="group:all-employees"))
    result = cli("check", "inv", "--as-of", AS_OF, "--param", "broad_groups=\u0430ll-employees")
    assert_exit_2(result, "--param", "parameter 'broad_groups': '\u0430ll-employees' mixes the scripts CYRILLIC, LATIN")


@pytest.mark.parametrize(("declaration", "fragment"), [
    ("{default: [All-Staff], principal_names: true}", "principal_names: write the default's names as compared: all-staff"),
    ("{default: [x], principal_names: 1}", "principal_names: must be true or false"),
    ("{default: 3, principal_names: true}", "principal_names: needs a default that is a name or a list of names"),
])
def test_a_principal_names_declaration_is_checked(cli, tmp_path: Path, declaration: str, fragment: str) -> None:
    write_files(tmp_path, {"pol/data.yaml": f"aiguard:\n  parameters:\n    staff: {declaration}\n",
                           "pol/custom/x.rego": "package custom.x\n"})
    write(tmp_path, "inv/a.yaml", "")
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol"), "data.yaml:3: aiguard.parameters.staff.",
                  fragment)


@pytest.mark.parametrize("name", ["日本語グループ", "группа", "ομάδα"])
def test_names_in_one_other_script_are_allowed(cli, tmp_path: Path, name: str) -> None:
    # Japanese mixes kana and Han; a Cyrillic or Greek name with letters Latin has no look-alike of.
    path = write(tmp_path, "a.yaml", SENSITIVE.format(principal=f"group:{name}"))
    assert cli("validate", str(path)).exit_code == 0


# --- 6. low items ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "fragment"), [
    ("1" * 5000, "integer 11111111111111111111... is out of range (more than 64 bits)"),
    (str(10**400), "integer 10000000000000000000... is out of range"),
    ("1e400", "1e400 is not a finite number"),
    (".inf", ".inf is not a finite number"),
])
def test_numbers_no_engine_can_hold_are_input_errors(cli, tmp_path: Path, value: str, fragment: str) -> None:
    path = write(tmp_path, "a.yaml", f"models:\n  - id: m1\n    weights:\n      size_gb: {value}\n")
    assert_exit_2(cli("validate", str(path)), "a.yaml:9: models[0].weights.size_gb: " + fragment)


def test_numbers_in_json_no_engine_can_hold_are_input_errors(cli, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"apiVersion": "aiguard/v1", "kind": "Inventory",\n "models": [{"id": "m", "weights": {"size_gb": '
                    + "9" * 5000 + "}}]}\n")
    assert_exit_2(cli("validate", str(path)), "a.json:2: models[0].weights.size_gb: integer")


def test_a_lone_surrogate_is_an_input_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"apiVersion": "aiguard/v1", "kind": "Inventory",\n "metadata": {"organization": "\\ud800", '
                    '"owner": "a@b.c"}}\n')
    assert_exit_2(cli("validate", str(path)), "a.json:2: invalid JSON", "invalid Unicode character escape")


@pytest.mark.parametrize("text", ["models:\n  - id: m\n    base_model: ]in-house\n", "models:\n  - id: m\n    name: a\x0cb\n"])
def test_what_libyaml_refuses_the_fast_reader_refuses(cli, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "a.yaml", text)
    assert_exit_2(cli("validate", str(path)), "a.yaml", "invalid YAML")


@pytest.mark.parametrize("value", ["inf", "nan", "1e400", "-1"])
def test_param_values_must_be_finite(cli, tmp_path: Path, value: str) -> None:
    write(tmp_path, "inv/a.yaml", "")
    result = cli("check", "inv", "--as-of", AS_OF, "--param", f"reid_risk_max={value}")
    assert result.exit_code == 2
    assert "reid_risk_max" in result.stderr and "non-negative number" in result.stderr


def test_as_of_out_of_range_is_blamed_on_the_flag(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    result = cli("check", "inv", "--as-of", "9999-12-31")
    assert result.exit_code == 2
    assert "--as-of: 9999-12-31 is outside the years 1700 to 2199" in result.stderr
    assert "polic" not in result.stderr.split("years")[0]


def test_output_onto_a_symlink_is_refused(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n")
    (tmp_path / "report.json").symlink_to(victim)
    result = cli("check", "inv", "--as-of", AS_OF, "--format", "json", "-o", "report.json")
    assert result.exit_code == 2
    assert "report.json: is a symbolic link; refusing to write through it" in result.stderr
    assert victim.read_text() == "untouched\n"


def test_output_is_written_whole(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    (tmp_path / "report.json").write_text("old")
    result = cli("check", "inv", "--as-of", AS_OF, "--format", "json", "-o", "report.json")
    assert result.exit_code == 1, result.stderr  # the empty inventory has findings
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["findings"] > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


# --- 7. all problems in one round, did-you-mean -----------------------------------------------------


def test_schema_and_reference_problems_come_in_one_round(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "partners:\n  - id: llm-vendor\n    mfa_enforced: maybe\n")
    write(tmp_path, "inv/b.yaml", "access:\n  - principal: partner:llm-vendr\n    asset: nothing-here\n    level: read\n",
          envelope=False)
    (tmp_path / "inv/b.yaml").write_text(ENVELOPE + "access:\n  - principal: partner:llm-vendr\n    asset: raw-dta\n"
                                         "    level: read\ndatasets:\n  - id: raw-data\n")
    (tmp_path / "inv/c.yaml").write_text(ENVELOPE + "credentials:\n  - id: c1\n    expires: 26-01-01\n")
    result = cli("validate", "inv")
    assert_exit_2(result, "a.yaml:8: partners[0].mfa_enforced: expected a boolean",
                  "b.yaml:4: access[0].principal: unknown partner 'llm-vendr'; did you mean 'llm-vendor'?",
                  "b.yaml:5: access[0].asset: unknown asset", "did you mean 'raw-data'?",
                  "c.yaml:5: credentials[0].expires: \"26-01-01\" is not an ISO 8601 date")
    assert result.stderr.count("26-01-01") == 1  # one bad date, one message


def test_a_file_that_does_not_parse_does_not_hide_the_others(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "stores: [unclosed\n")
    (tmp_path / "inv/b.yaml").write_text(ENVELOPE + "stores:\n  - id: s1\n    public_access: maybe\n"
                                         "access:\n  - {principal: 'group:g', asset: elsewhere, level: read}\n")
    result = cli("validate", "inv")
    assert_exit_2(result, "a.yaml:", "invalid YAML", "b.yaml:5: stores[0].public_access")
    assert "elsewhere" not in result.stderr  # perhaps defined in the file that failed: not called unknown


def test_unknown_exception_policy_comes_with_the_rest(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "exceptions:\n  - policy: AIG-ACC-01\n    asset: '*'\n    reason: r\n"
          "    approved_by: a@b.c\n    expires: 2027-01-01\n")
    (tmp_path / "inv/b.yaml").write_text(ENVELOPE + "stores:\n  - id: s1\n    public_access: maybe\n")
    result = cli("check", "inv", "--as-of", AS_OF)
    assert_exit_2(result, "unknown policy id 'AIG-ACC-01'; did you mean 'AIG-ACC-001'?", "stores[0].public_access")


def test_unknown_parameter_gets_a_suggestion(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    result = cli("check", "inv", "--as-of", AS_OF, "--param", "reid_risk_mx=0.1")
    assert result.exit_code == 2
    assert "unknown parameter 'reid_risk_mx'; did you mean 'reid_risk_max'?" in result.stderr


def test_a_non_utf8_parameter_value_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    result = run_cli("check", "inv", "--as-of", AS_OF, "--param", "broad_groups=\udcff", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "parameter 'broad_groups'" in result.stderr and "is not UTF-8 text" in result.stderr


def test_a_deeply_nested_config_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    write(tmp_path, "inv/a.yaml", "")
    (tmp_path / "aiguard.toml").write_text("fail_on = " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = cli("check", "inv", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "aiguard.toml: invalid TOML: nested too deeply" in result.stderr


def test_bundle_output_onto_a_symlink_is_refused_and_a_fifo_key_too(tmp_path: Path) -> None:
    (tmp_path / "victim").write_text("untouched\n")
    (tmp_path / "bundle.tar.gz").symlink_to(tmp_path / "victim")
    result = run_cli("bundle", "build", "-o", "bundle.tar.gz", cwd=tmp_path, timeout=FIFO_TIMEOUT)
    assert result.returncode == 2 and "is a symbolic link" in result.stderr, result.stderr
    assert (tmp_path / "victim").read_text() == "untouched\n"
    os.mkfifo(tmp_path / "key.pem")
    result = run_cli("bundle", "build", "-o", "out.tar.gz", "--signing-key", "key.pem", cwd=tmp_path,
                     timeout=FIFO_TIMEOUT)
    assert result.returncode == 2 and "key.pem: --signing-key file is not a regular file (a FIFO)" in result.stderr


@pytest.mark.parametrize("name", ["custom/x.rego", "data.yaml"])
def test_a_policy_file_linking_out_of_its_directory_is_refused_and_not_echoed(cli, tmp_path: Path, name: str) -> None:
    secret = tmp_path / "home/id_rsa"
    secret.parent.mkdir()
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY----- SECRETKEYMATERIAL\n")
    write_files(tmp_path, {"pol/custom/y.rego": "package custom.y\n"})
    (tmp_path / "pol" / name).symlink_to(secret)
    write(tmp_path, "inv/a.yaml", "")
    result = cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol")
    assert_exit_2(result, f"pol/{name}: symbolic link to a file outside the policy directory")
    assert "SECRETKEYMATERIAL" not in result.stdout + result.stderr


def test_a_symlinked_policy_subdirectory_inside_the_directory_is_read(cli, tmp_path: Path) -> None:
    write_files(tmp_path, {"pol/custom/y.rego": "package custom.y\n", "pol/.generated/x.rego": "deny contains x if true\n"})
    (tmp_path / "pol/linked").symlink_to(tmp_path / "pol/.generated", target_is_directory=True)
    write(tmp_path, "inv/a.yaml", "")
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol"), "pol/linked/x.rego:1: no package statement")


def test_a_symlinked_policy_subdirectory_leaving_the_directory_is_refused(cli, tmp_path: Path) -> None:
    write_files(tmp_path, {"pol/custom/y.rego": "package custom.y\n", "elsewhere/x.rego": "package x\n"})
    (tmp_path / "pol/linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    write(tmp_path, "inv/a.yaml", "")
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol"),
                  "pol/linked: symbolic link to a directory outside the policy directory; refused")


def test_a_data_file_below_the_top_of_a_policy_directory_is_refused(cli, tmp_path: Path) -> None:
    write_files(tmp_path, {"pol/custom/y.rego": "package custom.y\n",
                           "pol/custom/data.yaml": "aiguard:\n  parameters:\n    x: {default: 1}\n"})
    write(tmp_path, "inv/a.yaml", "")
    assert_exit_2(cli("check", "inv", "--as-of", AS_OF, "--policy-dir", "pol"),
                  "pol/custom/data.yaml: data.yaml below the top of the policy directory; refused, not read")


def test_a_fifo_as_the_evidence_file_is_refused(tmp_path: Path, fifo) -> None:
    write(tmp_path, "inv/a.yaml", "")
    target = fifo("evidence.json")
    result = check_subprocess(tmp_path, "--evidence", str(target))
    assert_subprocess_exit_2(result, "evidence.json: evidence file is not a regular file (a FIFO)")


def test_a_metadata_problem_names_the_line_in_the_policy_file(cli, tmp_path: Path) -> None:
    write_files(tmp_path, {"pol/custom/x.rego": "# METADATA\n# title: x\n# custom:\n#   id: ACME-X-001\n"
                           "#   id: ACME-X-002\n#   severity: low\npackage custom.x\n\ndeny contains x if false\n"})
    result = cli("policies", "list", "--policy-dir", str(tmp_path / "pol"), "--no-builtin-policies")
    assert_exit_2(result, "x.rego:5: custom.id: duplicate key (first defined on line 4)")


def test_output_never_keeps_execute_bits(cli, tmp_path: Path) -> None:
    # A path in the tree may name a program (a git hook): the report replacing it is not one.
    write(tmp_path, "inv/a.yaml", "")
    target = tmp_path / "hook"
    target.write_text("#!/bin/sh\n")
    target.chmod(0o4755)
    result = cli("check", "inv", "--as-of", AS_OF, "--format", "json", "-o", "hook")
    assert result.exit_code == 1, result.stderr
    assert target.stat().st_mode & 0o7777 == 0o644


CUSTOM_POLICY = """\
# METADATA
# title: "x ##[add-mask]title"
# description: |
#   ::error::described
#     ::stop-commands::tok
# custom:
#   id: ACME-EVL-001
#   severity: high
#   remediation: "::warning::fix ##[stop-commands]tok"
package acme.evil

deny contains {"subject": "s1", "message": "::add-mask::secret ##[error]x #\u034f#[error]y"} if true
"""


@pytest.mark.parametrize("args", [("check", "inv", "--as-of", AS_OF, "--policy-dir", "custom"),
                                  ("explain", "ACME-EVL-001", "--policy-dir", "custom"),
                                  ("policies", "show", "ACME-EVL-001", "--policy-dir", "custom")])
def test_no_line_is_a_workflow_command_once_the_runner_trims_it(cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    # The Actions runner trims leading white space before looking for `::` (an indented message
    # line is a command) and finds the legacy `##[name]` anywhere in a line.
    write(tmp_path, "inv/a.yaml", "")
    write(tmp_path, "custom/evil.rego", CUSTOM_POLICY, envelope=False)
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    assert "secret" in result.stdout or "described" in result.stdout
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line and "#\u034f#[" not in line, line


def test_output_through_a_linked_directory_leading_out_is_refused(cli, tmp_path: Path) -> None:
    # `-o reports/report.json` from the CI job; the tree under review made `reports` a link out.
    write(tmp_path, "inv/a.yaml", "")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "reports").symlink_to(outside)
    result = cli("check", "inv", "--as-of", AS_OF, "--format", "json", "-o", "reports/report.json")
    assert result.exit_code == 2, result.stderr
    assert "reports/report.json: a symbolic link among its directories leads out of the working directory" in result.stderr
    assert list(outside.iterdir()) == []
    (tmp_path / "inside").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "inside")  # a link that stays in the tree is fine
    assert cli("check", "inv", "--as-of", AS_OF, "--format", "json", "-o", "linked/report.json").exit_code == 1
    assert (tmp_path / "inside" / "report.json").is_file()


def test_import_and_init_never_write_through_links_leading_out(cli, tmp_path: Path) -> None:
    # The directories `aiguard import -o/--into` and `aiguard init` write, in a tree under review.
    source = Path(__file__).parent / "data" / "aibom" / "croissant.json"
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out/link").symlink_to(outside, target_is_directory=True)
    (tmp_path / "draft").symlink_to(outside / "draft", target_is_directory=True)
    for args in (["import", str(source), "-o", "out/link/draft"], ["import", str(source), "-o", "draft"],
                 ["import", str(source), "--into", "out/link"], ["init", "out/link/starter"]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert "symbolic link" in result.stderr, result.stderr
    victim = outside / "victim.yaml"
    (tmp_path / "starter").mkdir()
    (tmp_path / "starter/inventory.yaml").symlink_to(victim)
    result = cli("init", "starter", "--force")
    assert result.exit_code == 2 and "starter/inventory.yaml" in result.stderr, result.stderr
    assert list(outside.iterdir()) == [] and sorted(p.name for p in (tmp_path / "starter").iterdir()) == ["inventory.yaml"]
    # inside the tree, both still write
    assert cli("import", str(source), "-o", "out/draft").exit_code == 0
    assert cli("init", "fresh").exit_code == 0 and (tmp_path / "fresh/inventory.yaml").is_file()
