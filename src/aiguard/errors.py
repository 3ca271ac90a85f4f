"""Errors that end a run with exit code 2.

Every error aiguard raises on bad input, bad policies or a failing engine is an ``AiguardError``;
the CLI prints its problems and exits 2. Nothing here is ever turned into a pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, pointing at where it is."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        if not self.file:  # a message about the run, not a file: the CLI already says "aiguard:"
            return f"{self.field}: {self.message}" if self.field else self.message
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class AiguardError(Exception):
    """Base class; ``problems`` lists every problem found, not just the first."""

    exit_code = 2
    kind = "error"

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", None, None, problems)]
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

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
