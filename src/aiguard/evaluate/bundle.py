"""OPA bundles of aiguard's policies, for servers that answer ``--opa-url ... --opa-mode bundle``.

A bundle is a gzipped tar that OPA loads with ``opa run --server --bundle FILE`` or downloads
from a bundle service. Ours holds the policy modules (not their tests), the generated entry module
(``opa_entry``), ``data.json`` with the declared parameters at ``aiguard.parameters``, and a
``.manifest`` whose ``revision`` is the policy set's digest and whose ``roots`` are the data paths
aiguard owns on that server. The bytes depend only on the policy set (sorted entries, fixed
owner, mode and times), so two builds of the same policies are identical.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path
from typing import Any

from aiguard.errors import UsageError
from aiguard.evaluate import opa_entry
from aiguard.evaluate.policyset import PolicySet

#: The data root every aiguard policy, parameter and the entry module live under.
ROOT = "aiguard"
#: OPA's name for a bundle's signature file.
SIGNATURES = ".signatures.json"


def bundle_files(policy_set: PolicySet) -> dict[str, bytes]:
    """Bundle path -> content."""
    from aiguard.evaluate.builtins import check_modules

    check_modules(policy_set.modules)  # the server compiles with its own capabilities: refuse here
    rules = opa_entry.deny_rules(policy_set.modules)
    digest = opa_entry.digest(policy_set.modules, policy_set.parameters, rules)
    named = opa_entry.module_names(policy_set.modules)
    entry = opa_entry.entry_module(rules, digest)
    # Packages outside data.aiguard (a user's own policies) are roots of their own.
    roots = sorted({ROOT} | {m.package.split(".")[0] for m in named.values()})
    manifest: dict[str, Any] = {
        "revision": policy_set.digest,
        "roots": roots,
        "rego_version": 1,
        "metadata": {"generator": "aiguard", "evaluation_digest": digest},
    }
    files = {name: module.text.encode() for name, module in named.items()}
    if entry.name in files:
        raise UsageError(f"a policy file is called {entry.name}, the name of aiguard's generated module")
    files[entry.name] = entry.text.encode()
    files["data.json"] = _json({ROOT: {"parameters": policy_set.parameters}})
    files[".manifest"] = _json(manifest)
    return files


def build_bundle(policy_set: PolicySet, signing_key: Path | None = None, key_id: str = "default") -> bytes:
    """The bundle as deterministic ``.tar.gz`` bytes, signed when a key is given."""
    files = bundle_files(policy_set)
    if signing_key is not None:
        files[SIGNATURES] = signatures(files, signing_key, key_id)
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, content in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(content), 0, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(content))
    gz_bytes = io.BytesIO()
    # No file name and a zero time in the gzip header, so the bytes do not depend on when or where.
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz_bytes, mtime=0, compresslevel=9) as gz:
        gz.write(tar_bytes.getvalue())
    return gz_bytes.getvalue()


def write_bundle(policy_set: PolicySet, out: Path, signing_key: Path | None = None, key_id: str = "default") -> int:
    """Write the bundle to ``out``; return its size in bytes."""
    from aiguard.output.write import write_atomically

    content = build_bundle(policy_set, signing_key, key_id)
    try:
        write_atomically(out, content)
    except OSError as error:
        raise UsageError(f"-o {out}: {error.strerror}") from None
    return len(content)


def signatures(files: dict[str, bytes], key_path: Path, key_id: str) -> bytes:
    """``.signatures.json``: a JWT over every file's SHA-256, as ``opa sign`` writes it.

    A PEM private key signs with RS256 (through the ``openssl`` command: no crypto library needed;
    OPA verifies with ``--verification-key public.pem --signing-alg RS256``); any other key file
    is an HS256 secret (``--verification-key SECRET --signing-alg HS256``).
    """
    import base64
    import hashlib
    import hmac

    from aiguard.load.safe import MAX_POLICY_BYTES, read_bytes

    key = read_bytes(key_path, MAX_POLICY_BYTES, UsageError, "--signing-key file")
    if not key:
        raise UsageError(f"--signing-key {key_path}: empty file")
    algorithm = "RS256" if b"-----BEGIN" in key and b"PRIVATE KEY-----" in key else "HS256"
    hashes = [{"name": name, "hash": hashlib.sha256(_signed_form(name, content)).hexdigest(), "algorithm": "SHA-256"}
              for name, content in sorted(files.items())]

    def b64(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    header = b64(json.dumps({"alg": algorithm, "kid": key_id, "typ": "JWT"}, sort_keys=True, separators=(",", ":")).encode())
    payload = b64(json.dumps({"files": hashes, "keyid": key_id}, sort_keys=True, separators=(",", ":")).encode())
    signing_input = header + b"." + payload
    if algorithm == "HS256":
        signature = hmac.new(key, signing_input, hashlib.sha256).digest()
    else:
        signature = _openssl_rs256(key_path, signing_input)
    return _json({"signatures": [(signing_input + b"." + b64(signature)).decode()]})


def _signed_form(name: str, content: bytes) -> bytes:
    """What OPA hashes: JSON documents in canonical form (sorted keys, no spaces), other files as is."""
    if name == "data.json" or name.endswith("/data.json") or name.rsplit("/", 1)[-1] == ".manifest":
        return json.dumps(json.loads(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return content


def _openssl_rs256(key_path: Path, signing_input: bytes) -> bytes:
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        raise UsageError("--signing-key with an RSA key needs the openssl command (or use an HS256 secret)")
    result = subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(key_path)], input=signing_input,
                            capture_output=True, check=False)
    if result.returncode != 0:
        raise UsageError(f"--signing-key {key_path}: openssl cannot sign with it: "
                         f"{result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True) + "\n").encode()
