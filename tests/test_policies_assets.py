"""The model, data and clinical policies (AIG-MOD-002..006, AIG-DAT-002..009, AIG-CLN-001..004)
end to end through the real CLI: one finding per (policy, subject, principal), the file and line
each finding points at, and parameters changed from the command line.

The Rego unit tests next to each policy cover the conditions and boundaries; this checks what the
Rego tests cannot: how findings land in a multi-file inventory.
"""

from __future__ import annotations

import json

from conftest import AS_OF, run_cli

ASSETS = """\
stores:
  - id: bucket
    encryption: {at_rest: true, key: provider_managed, in_transit: true}
  - id: key-vault
    encryption: {at_rest: true, key: hsm, in_transit: true}
models:
  - id: scorer
    classification: restricted
    proprietary: true
    weights:
      store: bucket
      format: pickle
      last_scan: {tool: modelscan, date: 2026-11-01, result: clean}
    deployments:
      - endpoint: https://internal.example
        exposure: internal
      - endpoint: https://api.example
        exposure: public
        authentication: true
        rate_limited: false
datasets:
  - id: trial-data
    classification: confidential
    store: bucket
    personal_data: [health]
    deidentification:
      status: pseudonymised
      key_store: key-vault
      last_risk_assessment: 2026-01-10
      risk_score: 0.05
    sources: [trial]
    purposes: [research]
    retention: {until: 2030-01-01}
data_sources:
  - id: trial
    kind: clinical_trial
    hipaa_applicable: true
    ethics_approval: {reference: EC-1, expires: 2028-01-01}
    consent: {purposes: [research]}
"""

PARTNERS = """\
partners:
  - id: vendor
    agreements:
      dpa: {signed: 2025-01-01}
access:
  - principal: group:eng
    asset: bucket
    level: read
  - principal: partner:vendor
    asset: bucket
    level: read
  - principal: partner:vendor
    asset: trial-data
    level: read
"""

MINE = [f"AIG-MOD-00{n}" for n in range(2, 7)] + [f"AIG-DAT-00{n}" for n in range(2, 10)] + \
    [f"AIG-CLN-00{n}" for n in range(1, 5)]


def check(root, *extra: str) -> dict:
    only = [arg for policy in MINE for arg in ("--only", policy)]
    result = run_cli("check", str(root), "--as-of", AS_OF, "--format", "json", *only, *extra)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def line_of(root, name: str, text: str, occurrence: int = 1) -> tuple[str, int]:
    """(file name, line) of the n-th line of an inventory file that starts with ``text``."""
    lines = [n for n, line in enumerate((root / name).read_text().splitlines(), 1) if line.startswith(text)]
    return name, lines[occurrence - 1]


def located(report: dict) -> dict[tuple[str, str, str], tuple[str, int]]:
    return {(f["policy_id"], f["subject"], f["principal"] or ""): (f["file"].rsplit("/", 1)[-1], f["line"])
            for f in report["findings"]}


def test_findings_are_unique_and_point_at_what_must_change(inventory_dir) -> None:
    root = inventory_dir({"assets.yaml": ASSETS, "partners.yaml": PARTNERS})
    report = check(root)
    weights = line_of(root, "assets.yaml", "    weights:")
    first_vendor_grant = line_of(root, "partners.yaml", "  - principal: partner:vendor")
    assert located(report) == {
        # the store's provider-managed key, pointed at the model's weights block
        ("AIG-MOD-002", "scorer", ""): weights,
        # no digest, no signature
        ("AIG-MOD-004", "scorer", ""): weights,
        # the public deployment (the second), not the model
        ("AIG-MOD-005", "scorer", ""): line_of(root, "assets.yaml", "      - endpoint: https://api.example"),
        # one finding per partner, at its first grant reaching the dataset (the one on the store)
        ("AIG-CLN-003", "trial-data", "partner:vendor"): first_vendor_grant,
        ("AIG-CLN-004", "trial-data", "partner:vendor"): first_vendor_grant,
    }
    assert len(report["findings"]) == 5


def test_parameters_from_the_command_line_change_outcomes(inventory_dir) -> None:
    root = inventory_dir({"assets.yaml": ASSETS, "partners.yaml": PARTNERS})
    report = check(root, "--param", "model_scan_max_age_days=7", "--param", "reid_risk_max=0.01",
                   "--param", "reid_assessment_max_age_days=30")
    fired = {(key[0], location) for key, location in located(report).items()}
    # the clean scan of 2026-11-01 is now too old
    assert ("AIG-MOD-003", line_of(root, "assets.yaml", "      last_scan:")) in fired
    # risk_score 0.05 > 0.01
    assert ("AIG-DAT-005", line_of(root, "assets.yaml", "      risk_score:")) in fired
    # assessed on 2026-01-10, 319 days before the as-of date, > 30
    assert ("AIG-DAT-004", line_of(root, "assets.yaml", "      last_risk_assessment:")) in fired
    assert len(report["findings"]) == 5 + 3
