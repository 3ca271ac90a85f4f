"""Differential fuzz of the two YAML readers: mutated inventory files, fixed seed.

Whatever the fast path (rapidyaml) accepts, the reference reader (libyaml's events) must accept
with the same values and lines; the fast path may only decline (and leave the file, with every
diagnostic, to the reference reader). A mutation the fast path accepted and libyaml refused
(``base_model: ]in-house``, a raw form feed) would pass a file that the reference reader calls
invalid. ``AIGUARD_FUZZ_CASES`` sets the number of mutated files (``.ci/run`` runs more).
"""

from __future__ import annotations

import json
import os
import random

from aiguard.errors import InputError
from aiguard.load import fast
from aiguard.load.yaml_events import build
from conftest import INVENTORIES

CASES = int(os.environ.get("AIGUARD_FUZZ_CASES", "1500"))
SEED = int(os.environ.get("AIGUARD_FUZZ_SEED", "20261130"))
#: Characters that mean something to YAML, or that one reader or the other refuses.
ALPHABET = [*"[]{},:-?#&*!|>'\"%@`~ \n", "\t", "\x0c", "\x0b", "\r", "\x00", "\x1b", "\x7f", "\x85", "\x9b",
            "\u2028", "\ufeff", "\ufffe", "é", "1", "0x", "1e400", "9" * 20, "<<", "---", "...", ": ", "- ", "\\"]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        operation = rng.random()
        if operation < 0.45:
            text = text[:at] + rng.choice(ALPHABET) + text[at:]
        elif operation < 0.65:
            text = text[:at] + text[at + rng.randint(1, 4):]
        elif operation < 0.85:
            text = text[:at] + rng.choice(ALPHABET) + text[at + 1:]
        else:
            lines = text.split("\n")
            index = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[index])
            text = "\n".join(lines)
    return text


def disagreement(text: str) -> str | None:
    """Why the two readers disagree on ``text``, or None."""
    quick = fast.parse(text, False)
    if quick is None:
        return None  # declined: the reference reader reads it, and says what is wrong
    data, lines = quick
    try:
        reference, builder = build("case", text)
    except InputError as error:
        return f"the fast path accepted what the reference reader refuses: {error}"
    if json.dumps(data) != json.dumps(reference):
        return f"different values: {data!r} != {reference!r}"
    for path, line in builder.lines.items():
        if lines.get(path) != line:
            return f"different line for {path}: {lines.get(path)} != {line}"
    return None


def test_the_readers_agree_on_mutated_inventories() -> None:
    rng = random.Random(SEED)
    sources = [path.read_text() for path in sorted(INVENTORIES.glob("*/*.yaml"))]
    failures = []
    for index in range(CASES):
        text = mutate(rng, rng.choice(sources))
        reason = disagreement(text)
        if reason:
            failures.append(f"case {index}: {reason}\n{text!r}")
    assert not failures, f"{len(failures)} of {CASES} mutated files read differently:\n" + "\n\n".join(failures[:5])


def test_the_known_disagreements_are_gone() -> None:
    for text in ("a:\n  base_model: ]in-house\n", "a:\n  name: a\x0cb\n", "a: }x\n", "a: @x\n", "a: `x\n"):
        assert disagreement(text) is None, text
