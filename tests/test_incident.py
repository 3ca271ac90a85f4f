"""``aiguard incident``: breach scoping on a real inventory file (tests/data/incident), in process
through click's runner, plus one end-to-end subprocess run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REPO, run_cli

from aiguard.cli import main
from aiguard.incident.duties import region_class

CHAIN = str(REPO / "tests" / "data" / "incident")
LEAK = ["--leaked", "group:all-staff"]
WHEN = ["--discovered", "2026-11-27T14:30Z", "--since", "2026-06-01"]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def scoped(*args: str) -> dict[str, Any]:
    result = invoke("incident", CHAIN, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def duties(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {duty["key"]: duty for duty in document["duties"]}


# --- what is reached ----------------------------------------------------------------------------


def test_chain_through_a_secret_in_reached_logs() -> None:
    document = scoped(*LEAK, *WHEN)
    assert document["leaked"] == ["group:all-staff"]
    # all-staff reads the logs; the logs carry pat-dev; pat-dev opens the bucket and all in it
    assert document["reach"]["assets"] == ["osprey-v2", "train-logs", "trial-scans"]
    assert document["reach"]["gb_total"] == 1020.5
    assert document["reach"]["gb_sensitive"] == 1000.5  # the internal logs without personal data are not
    assert document["classifications"] == {"confidential": 1, "internal": 1, "restricted": 1}
    assert document["personal_data"] == ["health", "phi"]
    assert document["other_places"] == ["bucket-research"]
    trial = next(a for a in document["assets"] if a["id"] == "trial-scans")
    assert [(h["source"], h["target"], h["rule"]) for h in trial["path"]] == [
        ("group:all-staff", "train-logs", "grant"), ("train-logs", "credential:pat-dev", "secret"),
        ("credential:pat-dev", "bucket-research", "credential"), ("bucket-research", "trial-scans", "containment")]
    lines = [h["location"].rsplit(":", 1)[1] for h in trial["path"]]
    assert all(h["location"].startswith(CHAIN) for h in trial["path"])
    text = (Path(CHAIN) / "inventory.yaml").read_text().splitlines()
    assert "principal: group:all-staff" in text[int(lines[0]) - 1]
    assert "found_in: [train-logs]" in text[int(lines[1]) - 1]


def test_other_exposed_credentials_and_what_they_open() -> None:
    document = scoped(*LEAK, *WHEN)
    [credential] = document["credentials"]
    assert credential["node"] == "credential:pat-dev" and credential["kind"] == "personal_access_token"
    assert credential["opens"]["assets"] == ["osprey-v2", "train-logs", "trial-scans"]
    assert [h["rule"] for h in credential["path"]] == ["grant", "secret"]
    # a leaked credential is not listed again as "other"; a published one is, when anyone is leaked
    assert scoped("--leaked", "credential:pat-dev", *WHEN)["credentials"] == []
    public = scoped("--leaked", "anyone", *WHEN)
    assert [c["node"] for c in public["credentials"]] == ["credential:registry-pull"]
    assert public["reach"]["assets"] == ["osprey-v2-serve"]


def test_union_and_per_leaked_reach() -> None:
    document = scoped("--leaked", "anyone", *LEAK, *WHEN)
    assert [r["start"] for r in document["per_leaked"]] == ["anyone", "group:all-staff"]
    assert document["reach"]["assets"] == ["osprey-v2", "osprey-v2-serve", "train-logs", "trial-scans"]
    assert document["reach"]["gb_total"] == 1320.5


def test_data_subjects_behind_reached_data() -> None:
    [subjects] = scoped(*LEAK, *WHEN)["subjects"]
    assert subjects["id"] == "trial-osp-3" and subjects["trial_id"] == "NCT01234567"
    assert subjects["regions"] == ["DE", "US"] and subjects["hipaa_applicable"] is True
    assert subjects["datasets"] == ["trial-scans"]


def test_expired_grants_and_credentials_open_nothing_as_of_the_window_start() -> None:
    # old-key expired 2026-03-01, the grant of user:old 2026-01-31: open in a window from 2025-12-01
    assert scoped("--leaked", "credential:old-key", *WHEN)["reach"]["assets"] == []
    early = scoped("--leaked", "credential:old-key", "--discovered", "2026-11-27", "--since", "2025-12-01")
    assert early["as_of"] == "2025-12-01" and early["reach"]["assets"] == ["registry-cohort"]
    assert scoped("--leaked", "credential:old-key", "--discovered", "2026-11-27", "--since", "2025-12-01",
                  "--as-of", "2026-11-27")["reach"]["assets"] == []


# --- logs ---------------------------------------------------------------------------------------


def stores(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {store["store"]: store for store in document["stores"]}


def test_logs_that_reach_back_to_since_determine_access() -> None:
    bucket = stores(scoped(*LEAK, *WHEN))["bucket-research"]
    assert bucket["determinable"] is True and bucket["logs_from"] == "2025-10-23"  # 400 days before discovery
    assert bucket["assets"] == ["osprey-v2", "train-logs", "trial-scans"]


def test_logs_that_start_after_since_or_without_since_or_undeclared_mean_all_copied() -> None:
    registry = stores(scoped("--leaked", "anyone", *WHEN))["registry-prod"]
    assert registry["determinable"] is False and "start after --since 2026-06-01" in registry["verdict"]
    no_since = stores(scoped(*LEAK, "--discovered", "2026-11-27"))["bucket-research"]
    assert no_since["determinable"] is False and "--since not given" in no_since["verdict"]
    scratch = scoped("--leaked", "partner:tern-labs", *WHEN)
    assert stores(scratch)["share-scratch"]["data_access"] is None
    assert stores(scratch)["share-scratch"]["determinable"] is False
    assert {"subject": "share-scratch", "fact": "logging.data_access undeclared"}.items() <= next(
        u for u in scratch["unknowns"] if u["subject"] == "share-scratch").items()
    vault = stores(scoped("--leaked", "credential:old-key", "--discovered", "2026-11-27", "--since", "2025-12-01"))
    assert vault["vault-keys"]["verdict"].startswith("no data-access logs")


# --- the checklist ------------------------------------------------------------------------------


def test_gdpr_hipaa_and_trial_duties_with_deadlines() -> None:
    checklist = duties(scoped(*LEAK, *WHEN))
    art33 = checklist["gdpr-art33"]
    assert art33["status"] == "required" and art33["deadline"] == "2026-11-30T14:30Z"
    assert any("96 h" in reason for reason in art33["reasons"])  # the plan's 96 h is named
    assert checklist["gdpr-art34"]["status"] == "required" and checklist["gdpr-art34"]["deadline"] is None
    assert checklist["hipaa-164.404"]["status"] == "required"
    assert checklist["hipaa-164.404"]["deadline"] == "2027-01-26"  # 60 days
    for key in ("hipaa-164.406", "hipaa-164.408"):  # the count of individuals is unknown: assumed
        assert checklist[key]["status"] == "assumed"
        assert any("number of affected individuals" in r for r in checklist[key]["reasons"])
    assert "2027-03-01" in checklist["hipaa-164.408"]["deadline_text"]  # fewer than 500: year end + 60 days
    sponsor = checklist["trial-sponsor:trial-osp-3"]
    assert sponsor["deadline"] == "2026-12-04" and "NCT01234567" in sponsor["title"]
    ethics = checklist["trial-ethics:trial-osp-3"]
    assert "EC-2022-11" in ethics["recipient"] and any("expired on 2025-01-31" in r for r in ethics["reasons"])
    assert checklist["partner-inform:gannet-ai"]["status"] == "required"


def test_nothing_personal_reached_triggers_no_privacy_duty() -> None:
    checklist = duties(scoped("--leaked", "credential:registry-pull", *WHEN))
    for key in ("gdpr-art33", "gdpr-art34", "hipaa-164.404", "hipaa-164.406", "hipaa-164.408"):
        assert checklist[key]["status"] == "not triggered", key
    assert not any(key.startswith("trial-") for key in checklist)


def test_unknown_facts_count_against_the_organization_and_are_named() -> None:
    document = scoped("--leaked", "partner:tern-labs", *WHEN)
    checklist = duties(document)
    # scratch-notes: no personal_data, no sources, no classification
    assert checklist["gdpr-art33"]["status"] == "assumed"
    assert checklist["gdpr-art34"]["status"] == "assumed"
    assert checklist["hipaa-164.404"]["status"] == "assumed"
    facts = {(u["subject"], u["fact"]) for u in document["unknowns"]}
    assert {("scratch-notes", "personal_data undeclared"), ("scratch-notes", "classification undeclared"),
            ("scratch-model", "size undeclared"), ("tern-labs", "agreements.breach_notice_hours undeclared")} <= facts
    assert document["reach"]["gb_unclassified"] == 1
    notice = checklist["partner-notice:tern-labs"]
    assert notice["deadline"] is None and "undeclared" in notice["deadline_text"]


def test_unrecognised_region_counts_as_eea() -> None:
    document = scoped("--leaked", "credential:old-key", "--discovered", "2026-11-27", "--since", "2025-12-01")
    checklist = duties(document)
    assert checklist["gdpr-art33"]["status"] == "assumed"  # Atlantis: not recognised
    assert checklist["gdpr-art34"]["status"] == "assumed"  # genetic data, region unknown
    assert any("Atlantis" in u["fact"] for u in document["unknowns"])


def test_leaked_partner_owes_its_contractual_notice() -> None:
    notice = duties(scoped("--leaked", "partner:gannet-ai", *WHEN))["partner-notice:gannet-ai"]
    assert notice["deadline"] == "2026-11-29T14:30Z"  # 48 h by contract


def test_regions() -> None:
    assert [region_class(r) for r in ("EU", "de", "Germany", "EEA", "US", "United Kingdom", "APAC", "NO")] == [
        "eea", "eea", "eea", "eea", "outside", "outside", "unrecognised", "eea"]


@pytest.mark.parametrize(("given", "expected", "midnight"), [
    ("2026-11-27T15:30+01:00", "2026-11-30T14:30Z", False),
    ("2026-11-27T14:30:59Z", "2026-11-30T14:30Z", False),
    ("2026-11-27", "2026-11-30T00:00Z", True),
])
def test_discovery_times_in_utc(given: str, expected: str, midnight: bool) -> None:
    document = scoped(*LEAK, "--discovered", given)
    assert duties(document)["gdpr-art33"]["deadline"] == expected
    assert document["discovered_assumed_midnight"] is midnight


def test_hhs_annual_log_date_in_a_leap_year() -> None:
    checklist = duties(scoped(*LEAK, "--discovered", "2027-03-02"))
    assert "2028-02-29" in checklist["hipaa-164.408"]["deadline_text"]


# --- formats ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_every_format_is_deterministic_and_says_it_is_no_legal_advice(fmt: str) -> None:
    first = invoke("incident", CHAIN, *LEAK, *WHEN, "--format", fmt)
    second = invoke("incident", CHAIN, *LEAK, *WHEN, "--format", fmt)
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    assert "not legal advice" in first.output
    assert "credential:pat-dev" in first.output and "2026-11-30T14:30Z" in first.output


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize(("leaked", "expected"), [
    ("group:all-staff", ["3 models and datasets reached", "; 1 other credential to rotate;",
                         "6 notification duties required and 2 assumed because of 1 unknown fact."]),
    ("credential:registry-pull", ["1 model or dataset reached", "; 0 other credentials to rotate;",
                                  "0 notification duties required and 0 assumed because of 0 unknown facts."]),
])
def test_counts_read_as_words(fmt: str, leaked: str, expected: list[str]) -> None:
    page = invoke("incident", CHAIN, "--leaked", leaked, *WHEN, "--format", fmt).output
    flat = " ".join(page.split())  # the text format wraps its headline
    assert [phrase for phrase in expected if phrase not in flat] == []
    assert "(s)" not in page and "(ies)" not in page


def test_html_is_self_contained_and_escaped() -> None:
    page = invoke("incident", CHAIN, *LEAK, *WHEN, "--format", "html").output
    assert "default-src 'none'" in page and "<script" not in page.lower()
    assert "Osprey Therapeutics &lt;Test&gt;" in page and "Phase II &lt;b&gt;trial&lt;/b&gt;" in page
    assert '<span class="pill required">required</span>' in page


def test_markdown_escapes_inventory_text() -> None:
    page = invoke("incident", CHAIN, *LEAK, *WHEN, "--format", "markdown").output
    assert r"Phase II \<b\>trial\</b\>" in page and "<b>" not in page
    assert "| **required** | Notify the supervisory authority" in page


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "scope.md"
    result = CliRunner().invoke(main, ["incident", CHAIN, *LEAK, *WHEN, "--format", "markdown", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text().startswith("# Incident scope: Osprey Therapeutics")
    assert f"wrote {target} (markdown): 3 assets reached, 6 duties required, 1 unknown fact" in result.stderr
    failed = invoke("incident", CHAIN, *LEAK, *WHEN, "-o", str(tmp_path))
    assert failed.exit_code == 2 and "--output" in failed.output


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["--leaked", "pat-dev"], "--leaked: 'pat-dev': no such item in the inventory; did you mean 'credential:pat-dev'?"),
    (["--leaked", "credential:pat-dve"], "did you mean 'credential:pat-dev'?"),
    (["--leaked", "group:all-stuff"], ("--leaked: 'group:all-stuff': no such principal in the inventory; did you mean "
                                      "'group:all-staff'?")),
    (["--leaked", "gannet-ai"], "did you mean 'partner:gannet-ai'?"),
    (["--leaked", "bucket-research"], "'bucket-research' is a store: leak its credential or principal instead"),
    (["--leaked", "credential:nothing-like-it"], "--leaked: 'credential:nothing-like-it': no such credential"),
    (["--leaked", "anyone", "--discovered", "2026-05-01", "--since", "2026-06-01"],
     "--discovered: 2026-05-01 is before `--since 2026-06-01`"),
    (["--leaked", "anyone", "--discovered", "27.11.2026"], "--discovered: '27.11.2026': expected a date"),
    (["--leaked", "anyone", "--discovered", "2026-11-27T14:30"], "a time needs a zone"),
    (["--leaked", "anyone", "--discovered", "2026-02-30"], "--discovered: '2026-02-30'"),
    (["--leaked", "anyone", "--discovered", "2026-11-27", "--since", "2026-6-1"], "--since: expected a date such as 2026-11-25, got '2026-6-1'"),
    (["--leaked", "anyone", "--discovered", "2026-11-27", "--as-of", "soon"], "--as-of: expected a date such as 2026-11-25, got 'soon'"),
])
def test_bad_flags_exit_2_naming_the_flag(args: list[str], message: str) -> None:
    if "--discovered" not in args:
        args = [*args, *WHEN]
    result = invoke("incident", CHAIN, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_required_flags_are_usage_errors() -> None:
    assert invoke("incident", CHAIN, *WHEN).exit_code == 2  # no --leaked
    assert invoke("incident", CHAIN, *LEAK).exit_code == 2  # no --discovered


def test_bad_inventory_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("apiVersion: aiguard/v1\nkind: Inventory\nstores:\n  - id: [x]\n")
    result = invoke("incident", str(tmp_path), "--leaked", "anyone", "--discovered", "2026-11-27")
    assert result.exit_code == 2 and "bad.yaml" in result.output


def test_end_to_end_subprocess() -> None:
    result = run_cli("incident", CHAIN, *LEAK, *WHEN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("INCIDENT SCOPE: OSPREY THERAPEUTICS <TEST>")
    assert "[REQUIRED] Notify the supervisory authority of the personal data breach" in result.stdout
    assert "credential:pat-dev" in result.stdout
    bad = run_cli("incident", CHAIN, "--leaked", "nobody", *WHEN)
    assert bad.returncode == 2 and "--leaked: 'nobody'" in bad.stderr and not bad.stdout


def test_too_many_nodes_to_walk_is_exit_2_not_a_partial_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import aiguard.incident

    monkeypatch.setattr(aiguard.incident, "MAX_VISITS", 10)  # the union (6) and all-staff again (12)
    result = invoke("incident", CHAIN, *LEAK, *WHEN)
    assert result.exit_code == 2 and "reach more than 10 nodes in total" in result.output


def test_every_unknown_leaked_item_is_named_at_once() -> None:
    result = invoke("incident", CHAIN, "--leaked", "nobody", "--leaked", "anyone", "--leaked", "group:none", *WHEN)
    assert result.exit_code == 2
    assert "--leaked: 'nobody'" in result.output and "--leaked: 'group:none'" in result.output


def test_unrecognised_region_without_hipaa_applicable_assumes_hipaa() -> None:
    document = scoped("--leaked", "credential:old-key", "--discovered", "2026-11-27", "--since", "2025-12-01")
    assert duties(document)["hipaa-164.404"]["status"] == "assumed"  # biobank-x: Atlantis, hipaa undeclared
    assert ("biobank-x", "hipaa_applicable undeclared") in {(u["subject"], u["fact"]) for u in document["unknowns"]}


def test_data_source_of_undeclared_kind_may_be_a_trial(tmp_path: Path) -> None:
    """A source that does not say it is no clinical trial keeps the trial duties, as assumed."""
    (tmp_path / "inv.yaml").write_text(
        "apiVersion: aiguard/v1\nkind: Inventory\nmetadata: {organization: O, owner: o@example.org}\n"
        "stores: [{id: s1}]\n"
        "data_sources: [{id: src-unknown, regions: [DE]}, {id: src-synthetic, kind: synthetic, regions: [DE]}]\n"
        "datasets: [{id: d1, store: s1, sources: [src-unknown, src-synthetic], personal_data: [health]}]\n"
        "credentials: [{id: key, reaches: [s1]}]\n")
    result = invoke("incident", str(tmp_path / "inv.yaml"), "--leaked", "credential:key", "--discovered", "2026-11-27",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    checklist = duties(document)
    assert checklist["trial-sponsor:src-unknown"]["status"] == "assumed"
    assert checklist["trial-ethics:src-unknown"]["status"] == "assumed"
    assert not any(key.endswith(":src-synthetic") for key in checklist)
    assert ("src-unknown", "kind undeclared") in {(u["subject"], u["fact"]) for u in document["unknowns"]}
