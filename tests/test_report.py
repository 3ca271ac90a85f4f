"""``aiguard report``: the audit report in Markdown and HTML, parsed back and checked.

The real CLI runs on real files; Markdown is parsed into sections and GFM tables, HTML with
``html.parser``. Expectations come from the sample's design (audit_sample.py) and from the
policies' own metadata, never from a hard-coded policy count.
"""

from __future__ import annotations

import json
import re
import shlex
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from audit_sample import MODEL_NAME, ORGANIZATION, REASON, STATUS, XSS_PRINCIPAL, XSS_SUBJECT, line_of, report_args, write_sample
from conftest import AS_OF, run_cli, write_files


@pytest.fixture
def sample(tmp_path: Path) -> tuple[Path, Path]:
    return write_sample(tmp_path)


def make_report(sample: tuple[Path, Path], out: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    result = run_cli(*report_args(*sample, "-o", str(out), *extra), env=env)
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stderr
    return out.read_text(encoding="utf-8")


# --- Markdown ----------------------------------------------------------------------------------


def split_row(line: str) -> list[str]:
    """Cells of a GFM table row: split on unescaped pipes, then undo backslash escapes."""
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in cells]


def status(cell: str) -> str:
    """A status cell ("pass", "waived", "**FAIL**") as the word it says."""
    return cell.strip("*").lower()


def parse_markdown(text: str) -> tuple[list[str], dict[str, list[dict[str, str]]]]:
    """Headings in order, and every table as rows of {header: cell}, keyed by the heading above it."""
    headings: list[str] = []
    tables: dict[str, list[dict[str, str]]] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            headings.append(re.sub(r"\\(.)", r"\1", line.lstrip("#").strip()))
        elif line.startswith("|") and i + 1 < len(lines) and re.fullmatch(r"\|(---\|)+", lines[i + 1]):
            header = split_row(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                cells = split_row(lines[i])
                assert len(cells) == len(header), f"malformed table row under {headings[-1]!r}: {lines[i]}"
                rows.append(dict(zip(header, cells, strict=True)))
                i += 1
            assert headings[-1] not in tables, f"two tables under {headings[-1]!r}"
            tables[headings[-1]] = rows
            continue
        i += 1
    return headings, tables


def policy_frameworks(sample: tuple[Path, Path]) -> dict[str, dict[str, list[str]]]:
    """Each sample policy's framework references, from the policies' own metadata."""
    listed = run_cli("policies", "list", "--format", "json", "--policy-dir", str(sample[1]))
    assert listed.returncode == 0, listed.stderr
    return {p["id"]: p["frameworks"] for p in json.loads(listed.stdout)["policies"] if p["id"] in STATUS}


def expected_matrix(frameworks: dict[str, dict[str, list[str]]]) -> dict[tuple[str, str], str]:
    """(framework, control) -> status, by the rule: fail beats waived beats pass."""
    mapped: dict[tuple[str, str], set[str]] = defaultdict(set)
    for policy_id, refs in frameworks.items():
        for framework, controls in refs.items():
            for control in controls:
                mapped[(framework, control)].add(policy_id)
    rank = {"fail": 0, "waived": 1, "pass": 2}
    return {key: min((STATUS[p] for p in ids), key=rank.__getitem__) for key, ids in mapped.items()}


def test_markdown_report_has_every_section_and_well_formed_tables(sample, tmp_path):
    text = make_report(sample, tmp_path / "audit.md")  # the suffix picks the format
    headings, tables = parse_markdown(text)
    inventory = sample[0]

    assert headings[0] == f"aiguard audit report: {ORGANIZATION}"
    top = [h for h in headings if h in {"Run", "Parameters", "Summary", "Compliance matrix", "Open findings (2)",
                                        "Waivers (1)", f"Policies evaluated ({len(STATUS)})", "Inventory files (3)"}]
    assert top == ["Run", "Parameters", "Summary", "Compliance matrix", "Open findings (2)", "Waivers (1)",
                   f"Policies evaluated ({len(STATUS)})", "Inventory files (3)"]
    assert "**Result: FAIL**" in text

    run = {row["Item"]: row["Value"] for row in tables["Run"]}
    assert run["Organization"] == ORGANIZATION
    assert run["As of"] == AS_OF
    assert run["Engine"] == "regorus"
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", run["Policy set digest"])
    assert run["Tool"].startswith("aiguard ")
    params = {row["Parameter"].strip("`"): row for row in tables["Parameters"]}
    assert params["partner_grant_max_days"]["Value"] == "200"
    assert params["partner_grant_max_days"]["Source"] == "override"
    assert params["reid_risk_max"]["Source"] == "default"
    assert "--param partner_grant_max_days=200" in text

    severity = {row["Severity"]: row for row in tables["By severity"]}
    assert (severity["critical"]["Open findings"], severity["critical"]["Waived"]) == ("1", "1")
    assert (severity["low"]["Open findings"], severity["high"]["Open findings"]) == ("1", "0")
    area = {row["Area"]: status(row["Status"]) for row in tables["By area"]}
    assert area == {"models": "fail", "credentials": "waived", "data": "pass", "resilience": "pass",
                    "partners": "pass", "custom": "fail"}

    findings = tables["Open findings (2)"]
    assert [(f["Policy"].strip("`"), f["Severity"]) for f in findings] == [("AIG-MOD-001", "critical"),
                                                                          ("TEST-XSS-001", "low")]
    mod = findings[0]
    assert mod["Subject"] == "m-secret"
    assert mod["Location"] == f"{inventory / 'assets.yaml'}:{line_of(inventory / 'assets.yaml', '- id: m-secret')}"
    assert "encryption.at_rest: true" in mod["Remediation"] and mod["Title"] and mod["Message"]
    xss = findings[1]
    assert (xss["Subject"], xss["Principal"]) == (XSS_SUBJECT, XSS_PRINCIPAL)
    assert xss["Message"] == f"model name {MODEL_NAME} | piped"

    (waiver,) = tables["Waivers (1)"]
    assert (waiver["Policy"].strip("`"), waiver["Subject"], waiver["Reason"]) == ("AIG-CRD-002", "tok-in-code", REASON)
    assert (waiver["Approved by"], waiver["Expires"]) == ("ciso@example.org", "2027-01-31")
    assert waiver["Exception"] == f"{inventory / 'inventory.yaml'}:{line_of(inventory / 'inventory.yaml', '- policy:')}"

    evaluated = tables[f"Policies evaluated ({len(STATUS)})"]
    policies = {row["Policy"].strip("`"): status(row["Status"]) for row in evaluated}
    assert policies == STATUS


def test_compliance_matrix_follows_the_policies_metadata_and_findings(sample, tmp_path):
    _, tables = parse_markdown(make_report(sample, tmp_path / "audit.md"))
    expected = expected_matrix(policy_frameworks(sample))
    assert set(expected.values()) == {"fail", "waived", "pass"}, "the sample must exercise all three statuses"
    found = {}
    for framework in {framework for framework, _ in expected}:
        for row in tables[framework]:
            found[(framework, row["Control"])] = status(row["Status"])
    assert found == expected


def test_check_renders_markdown_too(sample):
    args = report_args(*sample)
    result = run_cli("check", *args[1:], "--format", "markdown")
    assert result.returncode == 1, result.stderr  # findings: check still gates
    assert result.stdout.startswith("# aiguard audit report")
    assert "## Compliance matrix" in result.stdout


# --- HTML --------------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr", "source"}


class Page(HTMLParser):
    """Elements, attributes, text and section structure of a page, checking tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style = ""
        self.sections: dict[str, list[str]] = defaultdict(list)  # h2 id -> text after it
        self.section = ""
        self.articles: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "h2":
            self.section = attributes.get("id") or ""
        if tag == "article":
            self.articles.append([])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.style += data
            return
        self.text.append(data)
        self.sections[self.section].append(data)
        if "article" in self.stack:
            self.articles[-1].append(data)


def parse_html(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.stack == [], f"unclosed tags: {page.stack}"
    return page


def test_html_report_is_self_contained_escaped_and_complete(sample, tmp_path):
    text = make_report(sample, tmp_path / "audit.html")
    assert text.startswith("<!DOCTYPE html>\n")
    page = parse_html(text)
    names = [tag for tag, _ in page.tags]

    # Loads nothing and runs nothing: no script, no external resource, a CSP that forbids both.
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(names)
    assert not [a for _, attrs in page.tags for a in attrs if a in {"src", "href", "srcset"} or a.startswith("on")]
    assert "url(" not in page.style and "@import" not in page.style and page.style.strip()
    csp = [attrs["content"] for tag, attrs in page.tags if tag == "meta" and attrs.get("http-equiv")]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]

    # The markup in the inventory and in the policy came through as text, exactly.
    body = "".join(page.text)
    for value in (ORGANIZATION, XSS_SUBJECT, XSS_PRINCIPAL, f"model name {MODEL_NAME} | piped", REASON):
        assert value in body
    assert "<script>" not in text and "&lt;script&gt;" in text

    assert [attrs.get("id") for tag, attrs in page.tags if tag == "h2"] == [
        "run", "parameters", "summary", "exposure", "compliance", "findings", "waivers", "policies", "files"]
    run = " ".join(page.sections["run"])
    for fragment in (AS_OF, "regorus", "sha256:", "aiguard report", "--param partner_grant_max_days=200"):
        assert fragment in run

    # One article per finding, each with id, subject, file:line, message and remediation.
    json_report = run_cli("check", *report_args(*sample)[1:], "--format", "json")
    data = json.loads(json_report.stdout)
    articles = [" ".join(a) for a in page.articles]
    assert len(articles) == len(data["findings"]) + len(data["waived"]) == 3
    for article, finding in zip(articles, data["findings"] + data["waived"], strict=True):
        location = f"{finding['file']}:{finding['line']}"
        for value in (finding["policy_id"], finding["title"], finding["subject"], location, finding["message"]):
            assert value in article
    assert "ciso@example.org" in articles[-1] and "2027-01-31" in articles[-1]
    matrix = " ".join(page.sections["compliance"])
    assert "SC-28(1)" in matrix and "Test <Framework> | A" in matrix


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_reports_are_byte_for_byte_deterministic(sample, tmp_path, fmt):
    first = make_report(sample, tmp_path / "one", "--format", fmt, env={"PYTHONHASHSEED": "1"})
    second = make_report(sample, tmp_path / "two", "--format", fmt, env={"PYTHONHASHSEED": "2"})
    assert (tmp_path / "one").read_bytes() == (tmp_path / "two").read_bytes()
    assert first == second


@pytest.mark.parametrize("extra", [["--data", "PARAMS"], ["--no-exceptions", "--fail-on", "high"]])
def test_printed_command_reproduces_the_report(sample, tmp_path, extra):
    # Overrides from a data file are spelled out as --param, so the command needs no data file.
    data = write_files(tmp_path, {"params.yaml": "reid_risk_max: 0.05\n"}) / "params.yaml"
    extra = [str(data) if arg == "PARAMS" else arg for arg in extra]
    text = make_report(sample, tmp_path / "audit.html", *extra)
    page = parse_html(text)
    command = "".join(page.sections["run"]).split("same inventory and policy directories):")[1].strip()
    words = shlex.split(command)
    assert words[:2] == ["aiguard", "report"] and "--param" in words
    if "--data" in extra:
        assert "reid_risk_max=0.05" in words and "--data" not in words
    else:
        assert "--no-exceptions" in words and words[words.index("--fail-on") + 1] == "high"
        assert "Waivers (0)" in "".join(page.text)  # exceptions ignored: the waived finding is open
    rerun = run_cli(*words[1:])
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout == text


def test_clean_inventory_passes(tmp_path):
    inventory = write_files(tmp_path / "inv", {"a.yaml": """\
        apiVersion: aiguard/v1
        kind: Inventory
        metadata: {organization: Clean Org}
        controls: {incident_response: {plan: true, covers_ai_assets: true}}
        """})
    result = run_cli("report", str(inventory), "--as-of", AS_OF, "--only", "AIG-IR-001", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    headings, tables = parse_markdown(result.stdout)
    assert "**Result: PASS**" in result.stdout
    assert "Open findings (0)" in headings and "Waivers (0)" in headings
    assert {row["Status"] for row in tables["Policies evaluated (1)"]} == {"pass"}


def test_bad_inventory_is_an_error_and_writes_nothing(tmp_path):
    typo = "apiVersion: aiguard/v1\nkind: Inventory\nmodels:\n  - id: m\n    clasification: x\n"
    inventory = write_files(tmp_path / "inv", {"a.yaml": typo})
    out = tmp_path / "audit.html"
    result = run_cli("report", str(inventory), "--as-of", AS_OF, "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "a.yaml:5" in result.stderr
    assert not out.exists()


def test_unwritable_output_is_a_usage_error(sample, tmp_path):
    result = run_cli(*report_args(*sample, "-o", str(tmp_path / "missing-dir" / "audit.html")))
    assert result.returncode == 2
    assert "--output" in result.stderr and "Traceback" not in result.stderr
