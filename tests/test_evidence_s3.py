"""Weights in an S3 bucket, verified through fsspec against a real S3-compatible server (moto in
server mode) started on 127.0.0.1 by the test."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from evidence_example import build

from aiguard.cli import main

pytest.importorskip("s3fs")
pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")


@pytest.fixture
def s3_server(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for name, value in {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                            "AWS_DEFAULT_REGION": "us-east-1"}.items():
            monkeypatch.setenv(name, value)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_weights_in_s3_are_hashed_sniffed_and_scanned(s3_server: str, tmp_path: Path) -> None:
    paths = build(tmp_path, tmp_path / "MARKER")
    client = boto3.client("s3", endpoint_url=s3_server)
    client.create_bucket(Bucket="models")
    for file in sorted(paths["store"].rglob("*")):
        if file.is_file():
            client.upload_file(str(file), "models", f"release/{file.relative_to(paths['store']).as_posix()}")
    local, remote = tmp_path / "local.json", tmp_path / "remote.json"
    runner = CliRunner()
    for out, root in ((local, str(paths["store"])), (remote, "s3://models/release")):
        result = runner.invoke(main, ["verify", str(paths["inventory"]), "-o", str(out), "--date", "2026-11-24",
                                      "--store-root", f"s3-models={root}"])
        assert result.exit_code == 0, result.output
    local_models = json.loads(local.read_text())["models"]
    remote_models = json.loads(remote.read_text())["models"]
    for record in local_models + remote_models:
        record.pop("root")
    assert remote_models == local_models  # same digests, formats and pickle findings as on disk
    assert not (tmp_path / "MARKER").exists()
    missing = runner.invoke(main, ["verify", str(paths["inventory"]), "-o", str(tmp_path / "x.json"),
                                   "--store-root", "s3-models=s3://models/nothing-here"])
    assert missing.exit_code == 2 and "does not exist" in missing.output
