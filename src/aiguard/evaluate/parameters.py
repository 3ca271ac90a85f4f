"""Policy parameters: declared with defaults in the policies' ``data.yaml``, overridden by users.

Policies read ``data.aiguard.params`` merged over the declared defaults (``aiguard.lib.parameters.params``),
so an override never needs a policy edited, and a server loaded from a bundle has the defaults.
A parameter declared with ``principal_names: true`` names principals: its values are normalised
like the inventory's principals, wherever they come from (``--param``, ``--data``, config file).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiguard.errors import InputError, Problem, UsageError
from aiguard.load.scalars import MAX_INTEGER, integer, number

#: Declaration flag of a parameter whose values are principal names (``broad_groups``).
PRINCIPAL_NAMES = "principal_names"


@dataclass
class Parameters:
    """Declared parameters and the user's overrides, checked against the defaults' types."""

    declared: dict[str, dict[str, Any]]
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def defaults(self) -> dict[str, Any]:
        return {name: spec["default"] for name, spec in sorted(self.declared.items())}

    @property
    def effective(self) -> dict[str, Any]:
        return {**self.defaults, **self.overrides}

    def set(self, name: str, value: Any, where: str = "params") -> None:
        """Override one parameter with an already-typed value (from a data or config file)."""
        self.overrides[name] = self._check(name, value, where)

    def set_text(self, assignment: str) -> None:
        """Override from ``NAME=VALUE`` text as given on the command line."""
        name, sep, text = assignment.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError.of("param_texts", f"{assignment!r}: expected NAME=VALUE")
        default = self._declared(name, "param_texts").get("default")
        value: Any = text.strip()
        try:
            if isinstance(default, bool):
                if value.lower() not in ("true", "false"):
                    raise ValueError
                value = value.lower() == "true"
            elif isinstance(default, int):
                value = integer(value)
            elif isinstance(default, float):
                value = number(value)
            elif isinstance(default, list):
                value = [item.strip() for item in value.split(",") if item.strip()]
        except ValueError:
            raise UsageError.of("param_texts", f"{name}={text}: expected {_type_name(default)}") from None
        self.set(name, value, "param_texts")

    def load_file(self, path: Path) -> None:
        """Override from a YAML/JSON file mapping parameter names to values."""
        from aiguard.load import read_document

        document = read_document(path)
        data = document.data
        if set(data) == {"aiguard"} and isinstance(data["aiguard"], dict) and "params" in data["aiguard"]:
            data = data["aiguard"]["params"]  # also accept an OPA-style data document
        problems = []
        for name, value in data.items():
            try:
                self.set(name, value, f"{path}:{document.line((name,))}")
            except UsageError as error:
                problems.append(Problem(str(path), document.line((name,)), name, error.problems[0].message))
        if problems:
            raise InputError(problems)

    def _declared(self, name: str, where: str) -> dict[str, Any]:
        if name not in self.declared:
            import difflib

            hint = difflib.get_close_matches(name, sorted(self.declared), n=1)
            known = f"did you mean {hint[0]!r}?" if hint else f"known parameters: {', '.join(sorted(self.declared))}"
            raise _error(where, f"unknown parameter {name!r}; {known}")
        return self.declared[name]

    def _check(self, name: str, value: Any, where: str) -> Any:
        default = self._declared(name, where).get("default")
        ok: bool
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_INTEGER
        elif isinstance(default, float):
            ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
                  and 0 <= value <= MAX_INTEGER and math.isfinite(value))
        elif isinstance(default, list):
            ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        else:
            ok = isinstance(value, type(default))
        if not ok:
            raise _error(where, f"parameter {name!r} must be {_type_name(default)}, got {value!r}")
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not _encodable(text):  # bytes of a non-UTF-8 command line
                raise _error(where, f"parameter {name!r}: {text!r} is not UTF-8 text")
        if self.declared[name].get(PRINCIPAL_NAMES):
            return _principal_names(name, value, where)
        return value


def _principal_names(name: str, value: Any, where: str) -> Any:
    """A parameter naming principals, as the inventory's principals are compared: look-alikes
    refused, the rest NFKC-normalised and case-folded (``All-Employees`` is ``all-employees``)."""
    from aiguard.validate.identifiers import lookalike, normalise_name

    names = value if isinstance(value, list) else [value]
    for text in names:
        reason = None if text.isascii() else lookalike(text)  # as the inventory's principals are checked
        if reason:
            raise _error(where, f"parameter {name!r}: {text!r} {reason}")
    normal = [normalise_name(text) for text in names]
    return normal if isinstance(value, list) else normal[0]


def _error(where: str, message: str) -> UsageError:
    """``where``: the request field a value came from (``params``, ``param_texts``), or its file:line."""
    if where in ("params", "param_texts"):
        return UsageError.of(where, message)
    return UsageError(f"{where}: {message}")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _type_name(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a non-negative integer"
    if isinstance(default, float):
        return "a non-negative number"
    if isinstance(default, list):
        return "a list of strings (comma-separated on the command line)"
    return type(default).__name__
