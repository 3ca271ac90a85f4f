"""The fast YAML path (rapidyaml) gives exactly what the reference reader (libyaml events) gives:
the same values, the same line for every path, and, for what it declines, the reference reader's
own result. Every comparison here runs both readers on real files."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import ENVELOPE, INVENTORIES, REPO, run_cli

from aiguard.errors import InputError
from aiguard.load import fast
from aiguard.load.documents import Document, read_document
from aiguard.testing.generate import generate, write

DRAGONFLY = REPO.parent / "shared/spec/examples/dragonfly"


def outcome(path: Path, fast_path: bool) -> Document | str:
    try:
        return read_document(path, fast=fast_path)
    except InputError as error:
        return str(error)


def assert_same(path: Path) -> bool:
    """Both readers agree on ``path``; returns whether the fast path read it itself."""
    reference, quick = outcome(path, False), outcome(path, True)
    if isinstance(reference, str) or isinstance(quick, str):
        assert quick == reference
        return False
    assert json.dumps(quick.data) == json.dumps(reference.data)  # types too: 1 vs 1.0 vs True
    assert isinstance(reference.lines, dict)
    for key in [*reference.lines, ()]:
        assert quick.line(key) == reference.line(key), key
    return isinstance(quick.lines, fast.TreeLines)


def test_the_examples_take_the_fast_path_with_the_same_values_and_lines() -> None:
    files = sorted(INVENTORIES.glob("*/*.yaml"))
    if DRAGONFLY.is_dir():
        files += sorted(DRAGONFLY.glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        assert assert_same(path), f"{path}: the fast path declined it"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_inventories_read_alike(tmp_path: Path, fmt: str, seed: int) -> None:
    files = write(generate(300, seed=seed), tmp_path, fmt)
    taken = [assert_same(path) for path in files]
    assert all(taken), "the fast path declined a generated file"


# Each case is the value of `v:` in `a:\n  v: CASE\n  w: [CASE]\n` (a mapping value and a flow
# item), or a whole file when it contains a line break.
SCALARS = [
    "1", "-1", "+1", "1.5", "1e3", "1E3", ".5", "5.", "0x1F", "0o17", "007", "1_000", "-0", "0.1e-5", "+.5",
    "true", "True", "TRUE", "false", "False", "FALSE", "yes", "no", "on", "NO", "y", "n",
    "null", "Null", "NULL", "~", "", "''", '""', ".inf", "-.inf", "+.inf", "+-.inf", ".nan", "-.nan", ".Inf", "nan",
    "inf", "Infinity", "NaN", "2026-11-25", "2026-11-25T10:00:00Z", "12:30", "1.2.3", "'1'", '"true"', "'null'",
    "'~'", '"0x1F"', "'.inf'", '"a\\tb\\u00e9\\"q"', '"\\u0001"', '"\\x01"', "'it''s'", "x #c", "x#c", "'x' # c",
    "💥", '"\\U0001F4A5"', "12345678901234567890", "1e999", "R&D", "a *b", "c:\\\\path", "'a: b'", "-", "- b",
    "[1, 'b', c]", "{b: 1}", "{}", "[]", "&x 1", "*x", "!!str 1", "!!int 3", "!foo 1", "a: b: c", "[1, 2",
]
FILES = [
    "a: 1\na: 2\n", "a: &x 1\nb: *x\n", "<<: {a: 1}\n", "--- \na: 1\n---\nb: 2\n", "? [a]\n: 1\n", "[1, 2]\n",
    "x\n", "a:\t1\n", "b:\n  a:\t1\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n...\n", "[a]: 1\n", "# only a comment\n",
    "a: |\n  x\n  y\n", "a: >\n  x\n  y\n", "a: |-\n  x\n", "a: x\n  y\n", 'a: "multi\n  line"\n',
    "a: 'multi\n\n  line'\n", "a:\n  - |\n   lit\n  - b\n", "a:\n  -\n    id: x\n  - {id: y}\n  - {\n    id: z}\n",
    "a:\n  - [1, 2]\n  - []\n  - - 3\n    - 4\n  -\n  - ''\n", "'q': 1\n\"r\": 2\n", "a: #c\n  1\n",
    '{"a": [\n  {\n    "id": "x"\n  }\n]}\n', "a:\n- b: 1\n  c:\n  - d\n", "k: [a, [b, {c: d}]]\n",
]


def _cases() -> list[str]:
    return [f"a:\n  v: {case}\n  w: [{case}]\n" for case in SCALARS] + FILES


@pytest.mark.parametrize("text", _cases())
def test_edge_cases_read_alike(tmp_path: Path, text: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text)
    assert_same(path)


def test_random_documents_read_alike(tmp_path: Path) -> None:
    """Random nestings of the edge-case scalars: whatever the fast path accepts, it reads alike."""
    rng = random.Random(20261126)
    tricky = [s for s in SCALARS if not any(c in s for c in "[]{}&*!")]
    ordinary = ["x", "an id", "2026-11-25", "1", "2.5", "true", "false", "null", "'quoted'", '"d q"', ""]

    def scalar() -> str:
        return rng.choice(tricky if rng.random() < 0.05 else ordinary)

    taken = 0

    def value(depth: int, indent: str) -> str:
        kind = rng.random()
        if depth > 3 or kind < 0.5:
            return " " + scalar()
        if kind < 0.75:
            inner = indent + "  "
            return "".join(f"\n{inner}k{i}:{value(depth + 1, inner)}" for i in range(rng.randint(1, 3)))
        inner = indent + "  "
        return "".join(f"\n{inner}-{value(depth + 1, inner)}" for _ in range(rng.randint(1, 3))) + (
            f"\n{inner}- [{scalar()}, {scalar()}]" if rng.random() < 0.3 else "")

    for index in range(150):
        path = tmp_path / f"r{index}.yaml"
        path.write_text("".join(f"top{i}:{value(0, '')}\n" for i in range(rng.randint(1, 4))))
        taken += assert_same(path)
    assert taken > 75, "the fast path should take most random documents"


@pytest.mark.parametrize("levels", [64, 65])
def test_depth_limit_is_the_same(tmp_path: Path, levels: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * levels + "]" * levels + "\n")
    assert_same(path)
    assert isinstance(outcome(path, True), str) == (levels > 64)


def test_rapidyaml_messages_do_not_reach_the_user(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(ENVELOPE + "stores: [1, 2\n")
    result = run_cli("validate", str(tmp_path / "bad.yaml"))
    assert result.returncode == 2
    assert "bad.yaml:" in result.stderr and "invalid YAML" in result.stderr
    assert "ERROR" not in result.stderr and "ryml" not in result.stderr, result.stderr


def test_a_finding_deep_in_a_large_file_gets_its_line(tmp_path: Path) -> None:
    """Lines come from the parse tree: checked against the reference reader at the far end of a
    list of thousands of records."""
    path = max(write(generate(6000, seed=4), tmp_path, "yaml"), key=lambda file: file.stat().st_size)
    quick, reference = read_document(path, fast=True), read_document(path, fast=False)
    assert isinstance(quick.lines, fast.TreeLines)
    name = next(key for key, value in quick.data.items() if isinstance(value, list))
    last = len(quick.data[name]) - 1
    assert quick.line((name, last, "id")) == reference.line((name, last, "id")) > 1000
    assert quick.line((name, last + 1)) == reference.line((name, last + 1)) == reference.line((name,))


def test_lines_survive_the_trip_from_a_worker_process(tmp_path: Path) -> None:
    """Large inventories are read by worker processes: a document comes back pickled, without
    its parse tree, and its lines are computed from a fresh parse of the same text."""
    import pickle

    path = write(generate(300, seed=5), tmp_path, "yaml")[1]
    quick, reference = read_document(path, fast=True), read_document(path, fast=False)
    received = pickle.loads(pickle.dumps(quick))
    assert received.data == reference.data
    for key in reference.lines:
        assert received.line(key) == reference.line(key), key


def test_lines_from_several_threads_at_once(tmp_path: Path) -> None:
    """Library users may check from threads: line lookups share no state between threads."""
    from concurrent.futures import ThreadPoolExecutor

    references = [read_document(path, fast=False) for path in write(generate(1500, seed=6), tmp_path, "yaml")[1:5]]

    def lines(reference: Document) -> list[int | None]:
        document = read_document(reference.path, fast=True)
        return [document.line(key) for key in reference.lines for _ in range(3)]

    expected = [[reference.line(key) for key in reference.lines for _ in range(3)] for reference in references]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lines, references)) == expected
