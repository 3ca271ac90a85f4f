"""Model signatures verified with model-signing (the OpenSSF model signing library).

A signature file (``*.sig``, ``*.sigstore``, ``*.sigstore.json``) inside a model directory, or
``<file>.sig`` next to a single-file model, is verified against the public key given with
``--signing-key`` (an elliptic-curve key in PEM, as ``model_signing sign key`` uses). Key
verification runs offline. Sigstore keyless signatures need the Sigstore trust root, fetched over
the network, and the signer's expected identity, which the inventory does not record: those are
reported as not verified, never as verified.
"""

from __future__ import annotations

import os
from typing import Any


def verify(model_path: str, signature_path: str, ignored: list[str], public_key: str | None) -> dict[str, Any]:
    """``{"file", "verified": True/False/None, "error"}``; None when it could not be attempted."""
    name = os.path.basename(signature_path)
    if public_key is None:
        return {"file": name, "verified": None, "error": "not verified: no --signing-key given"}
    try:
        import model_signing
    except ImportError:
        return {"file": name, "verified": None,
                "error": "not verified: model-signing is not installed (pip install 'aiguard[signing]')"}
    try:
        config = model_signing.verifying.Config().use_elliptic_key_verifier(public_key=public_key)
        if ignored:
            config.set_hashing_config(model_signing.hashing.Config().set_ignored_paths(paths=ignored))
        config.verify(model_path, signature_path)
    except Exception as error:  # noqa: BLE001 (any failure to verify is a failed verification)
        message = str(error).splitlines()[0][:300] if str(error) else ""
        return {"file": name, "verified": False, "error": f"{type(error).__name__}: {message}"}
    return {"file": name, "verified": True, "error": None}
