"""A release built with real files for the evidence tests: safetensors written by the safetensors
library, a crafted malicious pickle, a GGUF file written by the gguf library, a repository with a
committed token and a JavaScript bundle with an embedded one."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
from pathlib import Path

# Built from parts so that no scanner run over this repository finds a token in the source.
GITHUB_TOKEN = "ghp_" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVb"
AWS_KEY = "AKIA" + "QWERTYUIOPASDFGH"

INVENTORY = """\
apiVersion: aiguard/v1
kind: Inventory
metadata:
  organization: Evidence Test Org
  owner: gov@example.org
stores:
  - id: s3-models
    kind: object_storage
  - id: other-store
    kind: object_storage
models:
  - id: radiology
    weights: {{store: s3-models, path: radiology/, format: safetensors, sha256: {radiology}}}
  - id: triage
    weights: {{store: s3-models, path: triage/model.safetensors, format: safetensors, sha256: {triage}}}
  - id: chat-small
    weights: {{store: s3-models, path: chat/chat.gguf, format: gguf, sha256: {chat}}}
  - id: unmapped
    weights: {{store: other-store, path: x.bin, format: onnx}}
repositories:
  - id: web-portal
    visibility: private
  - id: ml-pipelines
    visibility: private
"""


class Payload:
    """Unpickling this runs ``os.system("touch MARKER")``: the scan must find it without running it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        import os

        return (os.system, (f"touch {self.marker}",))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def directory_digest(directory: Path) -> str:
    """The digest of a directory artifact, computed the documented shell way."""
    command = "find . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum"
    out = subprocess.run(["bash", "-c", command], cwd=directory, capture_output=True, text=True, check=True)
    return out.stdout.split()[0]


def build(root: Path, marker: Path) -> dict[str, Path]:
    """Write the store, repository, bundle and inventory under ``root``; return their paths."""
    import gguf
    import numpy as np
    from safetensors.numpy import save_file

    store = root / "store"
    radiology = store / "radiology"
    radiology.mkdir(parents=True)
    save_file({"w": np.arange(12, dtype=np.float32).reshape(3, 4)}, str(radiology / "model.safetensors"))
    (radiology / "config.json").write_text('{"architecture": "resnet"}\n')
    triage = store / "triage"
    triage.mkdir()
    # A malicious pickle under a safetensors name: what the paperwork calls safe.
    (triage / "model.safetensors").write_bytes(pickle.dumps(Payload(marker), protocol=4))
    chat = store / "chat"
    chat.mkdir()
    writer = gguf.GGUFWriter(str(chat / "chat.gguf"), "llama")
    writer.add_tensor("t", np.ones((2, 2), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    repo = root / "ml-pipelines"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "train.py").write_text(f'import os\n\nTOKEN = "{GITHUB_TOKEN}"\n')
    (repo / "README.md").write_text("# pipelines\n")
    bundle = root / "web-dist"
    (bundle / "assets").mkdir(parents=True)
    (bundle / "assets" / "app.js").write_text(
        'function a(){return 1}\nconst cfg={region:"eu",key:"' + AWS_KEY + '"};\nexport{a,cfg};\n')
    inventory = root / "inventory.yaml"
    inventory.write_text(INVENTORY.format(
        radiology=directory_digest(radiology),
        triage="ab" * 32,  # declared digest of the safetensors file that was replaced
        chat=sha256(chat / "chat.gguf"),
    ))
    return {"store": store, "repo": repo, "bundle": bundle, "inventory": inventory}
