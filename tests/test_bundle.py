"""`aiguard bundle build`: deterministic OPA bundles that a real `opa run --server --bundle` serves."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from conftest import AS_OF, INVENTORIES, OpaServer, finding_keys, run_cli, write_files

GAPS = str(INVENTORIES / "gaps")
CUSTOM_POLICY = """\
# METADATA
# title: Every store needs a name that is not its id
# custom:
#   id: ACME-STO-001
#   severity: low
package acme.stores.naming

deny contains {"subject": store.id, "message": sprintf("store %s is named after its id", [store.id])} if {
\tsome store in input.stores
\tstore.name == store.id
}
"""


def members(bundle: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(bundle, "r:gz") as tar:
        return {member.name: member for member in tar.getmembers()}


def read_member(bundle: Path, name: str) -> bytes:
    with tarfile.open(bundle, "r:gz") as tar:
        handle = tar.extractfile(name)
        assert handle is not None
        return handle.read()


def test_bundle_is_deterministic_and_complete(aiguard_bundle: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.tar.gz"
    assert run_cli("bundle", "build", "-o", str(again)).returncode == 0
    assert again.read_bytes() == aiguard_bundle.read_bytes()
    assert aiguard_bundle.read_bytes()[4:8] == b"\0\0\0\0"  # no time in the gzip header

    listing = json.loads(run_cli("policies", "list", "--format", "json").stdout)
    entries = members(aiguard_bundle)
    assert list(entries) == sorted(entries)
    assert all(m.mtime == 0 and m.uid == 0 and m.gid == 0 and m.mode == 0o644 for m in entries.values())
    assert not [name for name in entries if name.endswith("_test.rego")]
    policy_files = {p["file"] for p in listing["policies"]}
    assert policy_files <= set(entries)
    assert "policies/lib/grants.rego" in entries and "aiguard_evaluation.rego" in entries

    manifest = json.loads(read_member(aiguard_bundle, ".manifest"))
    assert manifest["revision"] == listing["digest"]
    assert manifest["roots"] == ["aiguard"]
    data = json.loads(read_member(aiguard_bundle, "data.json"))
    assert data == {"aiguard": {"parameters": listing["parameters"]}}


@pytest.mark.opa
def test_opa_reads_the_bundle(opa_binary: str, aiguard_bundle: Path, tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run([opa_binary, "inspect", "--format", "json", str(aiguard_bundle)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    inspected = json.loads(result.stdout)
    assert inspected["manifest"]["revision"].startswith("sha256:")


@pytest.fixture(scope="module")
def bundle_server(opa_binary: str, aiguard_bundle: Path):
    server = OpaServer(opa_binary, "--bundle", str(aiguard_bundle))
    yield server
    server.stop()


@pytest.mark.opa
@pytest.mark.parametrize("extra", [
    [],
    ["--as-of", "2028-02-29", "--param", "partner_grant_max_days=30", "--param", "credential_rotation_max_days=1"],
    ["--only", "partners", "--skip", "AIG-PRT-001"],
])
def test_bundle_server_gives_the_in_process_findings(bundle_server: OpaServer, extra: list[str]) -> None:
    args = ["check", GAPS, "--format", "json", *(["--as-of", AS_OF] if "--as-of" not in extra else []), *extra]
    in_process = run_cli(*args)
    served = run_cli(*args, "--opa-url", bundle_server.url, "--opa-mode", "bundle")
    assert served.returncode == in_process.returncode == 1, served.stderr
    assert finding_keys(served.stdout) == finding_keys(in_process.stdout)
    assert json.loads(served.stdout)["engine"] == "opa-server"


@pytest.mark.opa
def test_user_policies_in_a_bundle_and_a_mismatch(opa_binary: str, tmp_path: Path, inventory_dir) -> None:
    policy_dir = write_files(tmp_path / "acme-policies", {"stores/naming.rego": CUSTOM_POLICY})
    bundle = tmp_path / "acme.tar.gz"
    built = run_cli("bundle", "build", "-o", str(bundle), "--policy-dir", str(policy_dir))
    assert built.returncode == 0, built.stderr
    assert json.loads(read_member(bundle, ".manifest"))["roots"] == ["acme", "aiguard"]
    inventory = inventory_dir({"a.yaml": """\
        stores:
          - id: s1
            name: s1
            owner: data@example.org
            kind: object_storage
        """})
    server = OpaServer(opa_binary, "--bundle", str(bundle))
    try:
        args = ["check", str(inventory), "--as-of", AS_OF, "--format", "json", "--policy-dir", str(policy_dir)]
        in_process = run_cli(*args)
        served = run_cli(*args, "--opa-url", server.url, "--opa-mode", "bundle")
        assert served.returncode == 1, served.stderr
        assert finding_keys(served.stdout) == finding_keys(in_process.stdout)
        assert "ACME-STO-001" in {key[0] for key in finding_keys(served.stdout)}

        # Without the user's policies locally, the server's policies are not the local policy set.
        mismatch = run_cli("check", str(inventory), "--as-of", AS_OF, "--opa-url", server.url, "--opa-mode", "bundle")
        assert mismatch.returncode == 2
        assert "not the local policy set" in mismatch.stderr
    finally:
        server.stop()


def test_bundle_output_errors(tmp_path: Path) -> None:
    result = run_cli("bundle", "build", "-o", str(tmp_path / "missing-dir" / "b.tar.gz"))
    assert result.returncode == 2
    assert "missing-dir" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.opa
def test_signed_bundle_is_verified_by_opa(opa_binary: str, tmp_path: Path, aiguard_bundle: Path) -> None:
    """RS256 with a key pair made here; OPA serves the signed bundle and refuses a wrong key or no signature."""
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a signing key")
    for name in ("signer", "stranger"):
        subprocess.run(["openssl", "genrsa", "-out", f"{name}.pem", "2048"], cwd=tmp_path, check=True, capture_output=True)
        subprocess.run(["openssl", "rsa", "-in", f"{name}.pem", "-pubout", "-out", f"{name}.pub"], cwd=tmp_path,
                       check=True, capture_output=True)
    signed = tmp_path / "signed.tar.gz"
    built = run_cli("bundle", "build", "-o", str(signed), "--signing-key", str(tmp_path / "signer.pem"))
    assert built.returncode == 0, built.stderr
    assert ".signatures.json" in members(signed)
    again = tmp_path / "again.tar.gz"
    run_cli("bundle", "build", "-o", str(again), "--signing-key", str(tmp_path / "signer.pem"))
    assert again.read_bytes() == signed.read_bytes()

    def serve(bundle: Path, public_key: str) -> OpaServer:
        return OpaServer(opa_binary, "--bundle", "--verification-key", str(tmp_path / public_key),
                         "--signing-alg", "RS256", str(bundle))

    server = serve(signed, "signer.pub")
    try:
        args = ["check", GAPS, "--as-of", AS_OF, "--format", "json"]
        served = run_cli(*args, "--opa-url", server.url, "--opa-mode", "bundle")
        assert finding_keys(served.stdout) == finding_keys(run_cli(*args).stdout)
    finally:
        server.stop()
    with pytest.raises(RuntimeError, match="failed to verify JWT signature"):
        serve(signed, "stranger.pub")
    with pytest.raises(RuntimeError, match="missing .signatures.json"):
        serve(aiguard_bundle, "signer.pub")
