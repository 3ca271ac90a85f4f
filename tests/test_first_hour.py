"""What a newcomer meets in the first hour: messages, summaries and the commands' own tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, ENVELOPE, INVENTORIES, METADATA, REPO, run_cli

from aiguard.cli import main
from aiguard.output.text import counted, first_sentence


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("text", "expected"), [
    ("Alert on bulk reads (e.g. Splunk, CloudTrail). Then tune.", "Alert on bulk reads (e.g. Splunk, CloudTrail)."),
    ("Notify within 72 hours (GDPR Art. 33). Record it.", "Notify within 72 hours (GDPR Art. 33)."),
    ("Use a scanner, i.e. one that reads pickles. Then more.", "Use a scanner, i.e. one that reads pickles."),
    ("One sentence only", "One sentence only"),
    ("First.\n  Second.", "First."),
    ("Ends with e.g.", "Ends with e.g."),
])
def test_first_sentence_does_not_stop_at_abbreviations(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_text_report_fix_lines_are_whole_sentences() -> None:
    result = run_cli("check", str(INVENTORIES / "gaps"), "--as-of", AS_OF)
    fixes = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("fix:")]
    assert fixes and all(fix.endswith((".", ".)")) for fix in fixes)
    assert not [fix for fix in fixes if fix.endswith(("e.g.", "Art.", "i.e."))]


def test_counted_uses_the_singular_for_one() -> None:
    assert [counted(1, "partner"), counted(2, "partner"), counted(0, "file")] == ["1 partner", "2 partners", "0 files"]
    assert counted(3, "repository", "repositories") == "3 repositories"


def test_validate_summary_counts_in_words() -> None:
    code, out, _ = invoke("validate", str(INVENTORIES / "gaps"))
    assert code == 0
    assert out.startswith("valid: 4 files; ")
    assert "1 partner," in out and "2 data sources" in out and "1 repository," in out and "access grants" in out


def test_usage_error_without_a_file_is_not_prefixed_twice() -> None:
    code, _, err = invoke("explain", "AIG-NOPE-001")
    assert code == 2
    assert err.splitlines()[0] == "aiguard: usage error:"
    assert err.splitlines()[1].startswith("  unknown policy id 'AIG-NOPE-001'")
    assert "aiguard: aiguard" not in err and "  aiguard:" not in err


def test_bad_as_of_names_the_flag_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA)
    result = run_cli("check", str(tmp_path), "--as-of", "2026-13-01")
    assert result.returncode == 2
    assert result.stderr.splitlines()[1].startswith("  --as-of: expected a date such as 2026-11-25, got '2026-13-01'")
    assert result.stderr.count("--as-of") == 1


def test_policies_list_columns_line_up_with_long_custom_ids(tmp_path: Path) -> None:
    area = tmp_path / "policies" / "a-very-long-area-name"
    area.mkdir(parents=True)
    (area / "p.rego").write_text(
        "# METADATA\n# title: Long\n# custom:\n#   id: ACMECORP-LONGAREA-001\n#   severity: critical\n"
        "package acme.long\n\ndeny contains {\"subject\": \"x\", \"message\": \"m\"} if input.never\n")
    code, out, _ = invoke("policies", "list", "--policy-dir", str(tmp_path / "policies"))
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith(("AIG-", "ACME"))]
    title_columns = {line.index(title) for line, title in
                     ((row, row.split("  ")[-1].strip()) for row in rows)}
    assert len(title_columns) == 1, out  # every title starts in the same column


@pytest.mark.parametrize("area", ["partners", "lib", "access"])
def test_policies_test_on_a_part_of_the_library(area: str) -> None:
    code, out, err = invoke("policies", "test", str(REPO / "policies" / area))
    assert code == 0, out + err
    passed = int(out.rstrip().rsplit("\n", 1)[-1].split()[0])
    assert out.rstrip().endswith(f"{passed} passed, 0 failed") and passed > 5
    everything = invoke("policies", "test")[1].rstrip().rsplit("\n", 1)[-1]
    assert int(everything.split()[0]) > passed  # only that part's tests ran


def test_contract_check_without_expected_findings_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "contract-check"), str(tmp_path)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"cannot read {tmp_path / 'expected-findings.txt'}" in result.stderr


def test_aibom_check_counts_one_record_in_the_singular(tmp_path: Path) -> None:
    (tmp_path / "hf").mkdir()
    (tmp_path / "hf" / "card.md").write_text((REPO / "tests" / "data" / "aibom" / "dataset-card.md").read_text())
    (tmp_path / "SOURCES.md").write_text("| hf/card.md | a | b | c | 1 | n/a | import |\n")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "aibom-check"), str(tmp_path)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "hf/card.md: 1 record, 1 field mapped, 7 left for a person, 0 elements skipped" in result.stdout


def test_exposure_counts_in_words() -> None:
    one = run_cli("exposure", str(REPO / "inventories" / "gaps"), "--as-of", "2026-11-25", "--from", "group:data-science")
    assert one.returncode == 0, one.stderr
    assert "Exposure as of 2026-11-25: 1 starting point;" in one.stdout
    assert "group:data-science reaches 4 models and datasets, 603 GB (600 GB sensitive)" in one.stdout
    assert "(s)" not in one.stdout
    every = run_cli("exposure", str(REPO / "inventories" / "gaps"), "--as-of", "2026-11-25")
    assert "Exposure as of 2026-11-25: 7 starting points;" in every.stdout
    assert " reaches 1 model or dataset, " in every.stdout


def test_import_summary_counts_in_words(tmp_path: Path) -> None:
    data = REPO / "tests" / "data" / "aibom"
    result = run_cli("import", str(data / "cyclonedx-ml.json"), str(data / "model-card.md"), "-o", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert "Imported 8 records (2 models, 4 datasets, 2 stores) from 2 files" in result.stdout
    assert "plus 1 value a source states that needs a person's judgement" in result.stdout
    assert "(s)" not in result.stdout


def test_one_policy_reads_in_the_singular(tmp_path: Path) -> None:
    check = run_cli("check", str(INVENTORIES / "compliant"), "--as-of", AS_OF, "--only", "AIG-PRT-001")
    assert check.returncode == 0, check.stderr
    assert "; 1 policy on 4 file(s), as of" in check.stdout
    (tmp_path / "x.rego").write_text("# METADATA\n# title: t\n# custom:\n#   id: ACME-X-001\n#   severity: low\n"
                                     "package acme.x\n\ndeny contains {\"subject\": \"controls\", \"message\": \"m\"} if {\n"
                                     "\tfalse\n}\n")
    listed = run_cli("policies", "list", "--policy-dir", str(tmp_path), "--no-builtin-policies")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[-1].startswith("1 policy, digest sha256:")
