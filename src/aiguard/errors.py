"""Errors that end a run with exit code 2.

Every error aiguard raises on bad input, bad policies or a failing engine is an ``AiguardError``;
the CLI prints its problems and exits 2. Nothing here is ever turned into a pass.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, pointing at where it is."""

    file: str
    line: int | None
    field: str | None
    message: str
    #: On a summary line ("... and 5 more like this"): how many problems it stands for.
    hidden: int = 0

    def __str__(self) -> str:
        if not self.file:  # a message about the run, not a file: the CLI already says "aiguard:"
            return f"{self.field}: {self.message}" if self.field else self.message
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


#: Problems listed per kind (one file, one field with any list index, one message with any value);
#: the rest of that kind are counted in one line. A generated file can hold 400,000 of one mistake.
MAX_PER_KIND = 100
#: How a summary line starts when counting stopped too.
AT_LEAST = "... and at least "
#: Problems listed in all, whatever their kinds.
MAX_LISTED = 1000

_INDEX = re.compile(r"\[\d+\]")
_NUMBER = re.compile(r"\d+")
_VALUE = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")


def _order(problem: Problem) -> tuple[str, int, str, str]:
    # A problem without a line (about the whole file) sorts first; None does not compare with int.
    field = _NUMBER.sub(lambda number: number.group().zfill(12), problem.field) if problem.field else ""
    line = sys.maxsize if problem.hidden else problem.line or 0  # a file's count of the unlisted: last
    return (problem.file, line, field, problem.message)  # models[9] before models[10]


def summarise(problems: list[Problem]) -> list[Problem]:
    """``problems`` in order, at most ``MAX_PER_KIND`` of each kind and ``MAX_LISTED`` in all; each
    cut is said in a line of its own ("... and 399,900 more like this"), never silently."""
    ordered = sorted(problems, key=_order)
    if len(ordered) <= MAX_PER_KIND:
        return ordered
    out: list[Problem | None] = []
    counts: dict[tuple[str, str, str], int] = {}
    cuts: dict[tuple[str, str, str], tuple[int, Problem]] = {}
    for problem in ordered:
        if problem.hidden:  # already a summary (problems gathered from several errors)
            out.append(problem)
            continue
        field = _INDEX.sub("[*]", problem.field) if problem.field else ""
        kind = (problem.file, field, _VALUE.sub("_", problem.message))
        seen = counts[kind] = counts.get(kind, 0) + 1
        if seen <= MAX_PER_KIND:
            out.append(problem)
        elif seen == MAX_PER_KIND + 1:
            cuts[kind] = (len(out), problem)
            out.append(None)  # where the count goes
    for kind, (at, first) in cuts.items():
        more = counts[kind] - MAX_PER_KIND
        out[at] = Problem(first.file, None, kind[1] or None, f"... and {more:,} more like this (not listed)", more)
    listed = [p for p in out if p is not None]
    if len(listed) > MAX_LISTED:
        rest = len(listed) - MAX_LISTED
        hidden = sum(p.hidden or 1 for p in listed[MAX_LISTED:])
        listed = [*listed[:MAX_LISTED], Problem("", None, None, f"... and {rest:,} more lines of problems "
                                                                      "(not listed)", hidden)]
    return listed


class AiguardError(Exception):
    """Base class; ``problems`` lists every problem found, not just the first (summarised when
    there are many: ``summarise``); ``count`` is how many there were."""

    exit_code = 2
    kind = "error"

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", None, None, problems)]
        self.problems = summarise(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def count(self) -> int:
        """How many problems there were, listed or not (a lower bound when counting stopped)."""
        return sum(problem.hidden or 1 for problem in self.problems)

    @property
    def count_label(self) -> str:
        """``"3 problems"``, ``"at least 21,000 problems"`` when some were not counted."""
        bound = any(problem.message.startswith(AT_LEAST) for problem in self.problems)
        return f"{'at least ' if bound else ''}{self.count:,} problem{'s' if self.count != 1 else ''}"

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        # Rebuilt from its problems when a worker process raises it (the default pickles the text).
        return (type(self), (self.problems,))


class InputError(AiguardError):
    """The inventory cannot be read, parsed, validated or resolved."""

    kind = "input error"


class PolicyError(AiguardError):
    """A policy cannot be loaded, fails at run time, or returns something malformed."""

    kind = "policy error"


class UsageError(AiguardError):
    """A bad option, parameter or configuration value."""

    kind = "usage error"
