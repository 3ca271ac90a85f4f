"""A file's real format, from its first bytes, in the inventory's ``weights.format`` vocabulary.

Only headers are read (a few kilobytes at most, plus the zip directory for zip files), so sniffing
a 20 GB file costs as little as sniffing a small one. A file whose header promises more bytes than
the file holds is reported as truncated, not guessed at.
"""

from __future__ import annotations

import io
import json
import pickletools
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

#: Formats that can carry code executed on load (pickle opcodes calling any importable callable).
PICKLE_BASED = frozenset({"pytorch_pickle", "pickle", "joblib"})
#: The largest safetensors JSON header accepted (the format's own reference limit is 100 MB).
MAX_SAFETENSORS_HEADER = 100_000_000
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
GGUF_MAGIC = b"GGUF"
NUMPY_MAGIC = b"\x93NUMPY"
#: HDF5 files may start with a user block of 512, 1024, 2048... bytes; the signature follows it.
_HDF5_OFFSETS = (0, 512, 1024, 2048)
#: ONNX is a protobuf ModelProto: field 1 (ir_version, a small varint) then one of fields 2 to 8.
_ONNX_SECOND_FIELDS = frozenset({0x12, 0x1A, 0x22, 0x28, 0x32, 0x3A, 0x42})
_PICKLE_PROTOCOL_BYTES = frozenset(range(2, 6))


@dataclass(frozen=True)
class Sniffed:
    """What the bytes say: a ``weights.format`` value (or ``numpy``, ``zip``, ``zlib``, ``None``
    for a file that is no weights format at all) and why the file cannot be what it claims."""

    format: str | None
    problem: str | None = None  # e.g. "truncated: header promises 1200 bytes, file has 800"

    @property
    def pickle_based(self) -> bool:
        return self.format in PICKLE_BASED


def sniff(handle: IO[bytes], size: int, name: str) -> Sniffed:
    """The format of the open binary file ``handle`` of ``size`` bytes (``name`` for zip members)."""
    head = handle.read(4096)
    if size == 0:
        return Sniffed(None, "empty file")
    if head.startswith(GGUF_MAGIC):
        return _gguf(head, size)
    if head.startswith(HDF5_MAGIC):
        return Sniffed("keras_h5")
    if head.startswith(NUMPY_MAGIC):
        return Sniffed("numpy")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(handle)
    if _protocol_pickle(head):
        return Sniffed("pickle")
    if len(head) >= 2 and head[0] == 0x78 and head[1] in (0x01, 0x5E, 0x9C, 0xDA):
        return _zlib(head, size)
    safetensors = _safetensors(head, size)
    if safetensors is not None:
        return safetensors
    if name.endswith(("saved_model.pb", "saved_model.pbtxt")):
        return Sniffed("tf_savedmodel")
    for offset in _HDF5_OFFSETS[1:]:
        if size > offset + 8:
            handle.seek(offset)
            if handle.read(8) == HDF5_MAGIC:
                return Sniffed("keras_h5")
    if len(head) >= 3 and head[0] == 0x08 and 0 < head[1] < 0x20 and head[2] in _ONNX_SECOND_FIELDS:
        return Sniffed("onnx")
    if _old_pickle(head, size):
        return Sniffed("pickle")
    return Sniffed(None)


def _protocol_pickle(head: bytes) -> bool:
    """A pickle of protocol 2 or later: it starts with the PROTO opcode."""
    return len(head) >= 2 and head[0] == 0x80 and head[1] in _PICKLE_PROTOCOL_BYTES


def _old_pickle(head: bytes, size: int) -> bool:
    """A protocol 0 or 1 pickle, which has no magic bytes (``cos\nsystem\n...`` runs a command
    all the same): the head disassembles statically (pickletools, nothing is executed) to its
    STOP opcode, or, for a file longer than the head, through at least 8 opcodes."""
    count = 0
    try:
        for opcode, _, _ in pickletools.genops(io.BytesIO(head)):
            count += 1
            if opcode.name == "STOP":
                return count >= 2
    except Exception:  # pickletools raises ValueError and others on bytes that are no pickle
        pass
    return size > len(head) and count >= 8


def _zlib(head: bytes, size: int) -> Sniffed:
    """A zlib stream; a compressed pickle (what ``joblib.dump(..., compress=True)`` writes) is
    ``joblib``, pickle-based and scanned like any pickle."""
    try:
        inner = zlib.decompressobj().decompress(head, 4096)
    except zlib.error:
        return Sniffed("zlib")
    # the inner size is unknown: a cut-off head counts as longer than what was inflated
    if _protocol_pickle(inner) or _old_pickle(inner, len(inner) + 1 if len(head) < size else len(inner)):
        return Sniffed("joblib")
    return Sniffed("zlib")


def _safetensors(head: bytes, size: int) -> Sniffed | None:
    """An 8-byte little-endian header length, a JSON object, then the tensors' bytes."""
    if len(head) < 10 or head[8:9] != b"{":
        return None
    (length,) = struct.unpack("<Q", head[:8])
    if length > MAX_SAFETENSORS_HEADER:
        return None
    if 8 + length > size:
        return Sniffed("safetensors", f"truncated: the header needs {8 + length} bytes, the file has {size}")
    return Sniffed("safetensors", _safetensors_extent(head, length, size))


def _safetensors_extent(head: bytes, length: int, size: int) -> str | None:
    """A problem when the header says the tensors end past the end of the file."""
    if 8 + length > len(head):
        return None  # a header longer than 4 KiB: the extent is not checked (it would mean reading it)
    try:
        header = json.loads(head[8 : 8 + length])
    except (ValueError, RecursionError):  # RecursionError: 2,000 nested brackets fit in the head
        return "the header is not valid JSON"
    if not isinstance(header, dict):
        return "the header is not a JSON object"
    end = 0
    for key, tensor in header.items():
        if key == "__metadata__":
            continue
        offsets = tensor.get("data_offsets") if isinstance(tensor, dict) else None
        if not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, int) for o in offsets)):
            return f"tensor {key!r} has no valid data_offsets"
        end = max(end, offsets[1])
    if 8 + length + end > size:
        return f"truncated: the tensors need {8 + length + end} bytes, the file has {size}"
    return None


def _gguf(head: bytes, size: int) -> Sniffed:
    # magic, uint32 version, uint64 tensor count, uint64 metadata count
    if size < 24 or len(head) < 24:
        return Sniffed("gguf", f"truncated: a GGUF header needs 24 bytes, the file has {size}")
    (version,) = struct.unpack("<I", head[4:8])
    if version not in (1, 2, 3):
        return Sniffed("gguf", f"unknown GGUF version {version}")
    return Sniffed("gguf")


def _zip(handle: IO[bytes]) -> Sniffed:
    """PyTorch's zip (``*/data.pkl``), a Keras v3 archive, or some other zip."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
    except Exception as error:  # BadZipFile, OSError, ValueError, NotImplementedError ("zip file version 12.9")...
        return Sniffed("zip", f"truncated or corrupt zip archive: {error}")
    if any(n == "data.pkl" or n.endswith("/data.pkl") for n in names):
        return Sniffed("pytorch_pickle")
    if "config.json" in names and any(n.endswith(".weights.h5") for n in names):
        return Sniffed("keras_h5")
    if any(n.endswith((".pkl", ".pickle")) for n in names):
        return Sniffed("pickle")
    return Sniffed("zip")
