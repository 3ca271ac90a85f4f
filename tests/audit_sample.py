"""A small inventory, and a policy whose findings carry markup, shared by the audit-report tests.

Expected per policy (as of 2026-11-25, partner_grant_max_days=200): AIG-MOD-001 fails on m-secret,
AIG-CRD-002 is waived on tok-in-code, AIG-DAT-001, AIG-IR-001 and AIG-PRT-001 pass, and
TEST-XSS-001 fails with a subject, principal and message full of HTML and pipes.
"""

from __future__ import annotations

from pathlib import Path

from conftest import AS_OF, write_files

ORGANIZATION = "Acme <script>alert('org')</script> | R&D"
REASON = "<script>alert('reason')</script> | rotated in TICKET-1"
XSS_SUBJECT = "<script>alert('subject')</script>|s"
XSS_PRINCIPAL = "user:<img src=x onerror=alert(1)>"
MODEL_NAME = "<script>alert('model')</script>"

STATUS = {
    "AIG-MOD-001": "fail",
    "AIG-CRD-002": "waived",
    "AIG-DAT-001": "pass",
    "AIG-IR-001": "pass",
    "AIG-PRT-001": "pass",
    "TEST-XSS-001": "fail",
}

INVENTORY = {
    "inventory.yaml": f"""\
        apiVersion: aiguard/v1
        kind: Inventory
        metadata:
          organization: "{ORGANIZATION}"
          owner: gov@example.org
        controls:
          incident_response:
            plan: true
            covers_ai_assets: true
        exceptions:
          - policy: AIG-CRD-002
            asset: tok-in-code
            reason: "{REASON}"
            approved_by: ciso@example.org
            expires: 2027-01-31
        """,
    "assets.yaml": f"""\
        apiVersion: aiguard/v1
        kind: Inventory
        stores:
          - id: s3-open
            encryption: {{at_rest: false}}
          - id: s3-safe
            encryption: {{at_rest: true, in_transit: true}}
        models:
          - id: m-secret
            name: "{MODEL_NAME}"
            classification: confidential
            weights: {{store: s3-open}}
        datasets:
          - id: d-pii
            personal_data: [pii]
            store: s3-safe
            purposes: [research]
        """,
    "access.yaml": """\
        apiVersion: aiguard/v1
        kind: Inventory
        partners:
          - id: p1
            name: Partner One
        access:
          - principal: partner:p1
            asset: d-pii
            level: read
            granted: 2026-01-01
            expires: 2026-06-01
        credentials:
          - id: tok-in-code
            kind: api_token
            reaches: [s3-open]
            stored_in: source_code
        """,
}

XSS_POLICY = """\
    # METADATA
    # title: "Markup <b>in</b> a title | with a pipe"
    # description: A test policy whose findings carry markup.
    # custom:
    #   id: TEST-XSS-001
    #   severity: low
    #   remediation: "Never trust `<script>|x` | or [links](http://evil.example)"
    #   frameworks:
    #     "Test <Framework> | A": ["C-1 <i>x</i>"]
    package test.xss

    deny contains finding if {
    \tsome i, model in input.models
    \tfinding := {
    \t\t"subject": "<script>alert('subject')</script>|s",
    \t\t"principal": "user:<img src=x onerror=alert(1)>",
    \t\t"message": sprintf("model name %s | piped", [model.name]),
    \t\t"path": ["models", i],
    \t}
    }
    """


def write_sample(root: Path) -> tuple[Path, Path]:
    """Write the inventory and the markup policy under ``root``; return (inventory, policy dir)."""
    inventory = write_files(root / "inventory", INVENTORY)
    policies = write_files(root / "policies", {"xss.rego": XSS_POLICY})
    return inventory, policies


def report_args(inventory: Path, policies: Path, *extra: str) -> list[str]:
    """``aiguard report`` arguments for the sample: its six policies only, fixed date."""
    only = [arg for policy_id in STATUS for arg in ("--only", policy_id)]
    return ["report", str(inventory), "--as-of", AS_OF, "--policy-dir", str(policies), *only,
            "--param", "partner_grant_max_days=200", *extra]


def line_of(path: Path, text: str) -> int:
    """1-based line of the first line of ``path`` containing ``text``."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)
