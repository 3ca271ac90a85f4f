"""The interface every Rego backend implements, and how a backend is picked by name.

A backend gets everything for one run at once (modules, data, input, the rules to read) and
returns each rule's value as JSON-shaped Python data. That is what an out-of-process OPA can
honour with one process or one request per check, and what keeps backends interchangeable.
Backends raise ``PolicyError`` naming the policy file for parse, compile and runtime errors; they
never return a partial result.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from aiguard.errors import UsageError
from aiguard.evaluate.policyset import Module

#: Backend name -> "module:Class"; modules are imported only when that backend is used.
BACKENDS = {
    "regorus": "aiguard.evaluate.regorus_engine:RegorusEngine",
    "opa": "aiguard.evaluate.opa_cli:OpaCliEngine",
    "opa-server": "aiguard.evaluate.opa_server:OpaServerEngine",
}


@dataclass(frozen=True)
class TestResult:
    """The outcome of one Rego ``test_*`` rule."""

    __test__ = False  # not a pytest class

    module: str
    name: str
    passed: bool
    error: str | None = None


class Engine(ABC):
    """A Rego evaluator."""

    name: ClassVar[str]
    #: Whether forked processes may each evaluate a share of the policies (an in-process engine
    #: that pays off in parallel); an engine in another process (OPA) is not split.
    forkable: bool = False

    @abstractmethod
    def evaluate(self, modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                 rules: dict[str, str]) -> dict[str, Any]:
        """Evaluate ``rules`` (key -> rule path such as ``data.pkg.deny``) on ``inventory`` (the
        merged inventory, policies' ``input``) and return key -> value.

        An undefined rule has the value ``None``. Any engine error raises ``PolicyError``.
        """

    @abstractmethod
    def run_tests(self, modules: list[Module], data: dict[str, Any], tests: list[Module]) -> list[TestResult]:
        """Run every ``test_*`` rule of ``tests`` and report each one."""


def get_engine(name: str, **options: Any) -> Engine:
    target = BACKENDS.get(name)
    if target is None:
        raise UsageError.of("engine", f"unknown engine {name!r}; choose one of {', '.join(BACKENDS)}")
    module_name, class_name = target.split(":")
    cls: type[Engine] = getattr(importlib.import_module(module_name), class_name)
    return cls(**options)
