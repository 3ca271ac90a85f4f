"""The in-process backend: Microsoft's regorus, through the ``gordon-to-regorus`` binding.

Traps measured in ``shared/notes/rego-engines.md`` and here shape this module:
- a set of objects must be read with ``eval_rule_as_json``; an undefined rule reads as ``"<undefined>"``;
- errors are ``RuntimeError`` with a file:line:col snippet (and a Rust backtrace if
  ``RUST_BACKTRACE`` is set, which we switch off);
- regorus caches rule values only within one evaluation: evaluating each policy separately
  recomputes the shared ``aiguard.lib`` indexes every time, so all selected policies are read
  through one generated rule (``data.aiguard.engine_run.results``) in one evaluation;
- an engine is single-threaded and must stay on the thread that made it, so for large inventories
  the run splits the policies between forked worker processes (``aiguard.parallel``), each with
  its own engine;
- a Rego source line may not exceed 1,024 columns.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiguard.errors import PolicyError, Problem, UsageError
from aiguard.evaluate.builtins import check_modules, untrusted
from aiguard.evaluate.engine import Engine, TestResult
from aiguard.evaluate.policyset import Module

if TYPE_CHECKING:
    from aiguard.evaluate.limits import Limits

_LOCATION = re.compile(r"-->\s*(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+)")
_TEST_RULE = re.compile(r"^(test_\w+)\s*(?:if\b|:=|=|\{)", re.MULTILINE)
_UNDEFINED = '"<undefined>"'
_RUN_PACKAGE = "aiguard.engine_run"


#: Where the pinned regorus build has wheels (README, "Platforms").
PLATFORMS = "macOS, Windows and Linux with glibc 2.34 or newer (manylinux_2_34, x86_64 and aarch64)"


def _regorus() -> Any:
    os.environ["RUST_BACKTRACE"] = "0"  # read by Rust when the first error is formatted
    try:
        import regorus
    except ImportError as error:  # no wheel for this platform (musllinux, older glibc), or a broken install
        raise UsageError.of("engine", f"the in-process engine regorus cannot be loaded here ({error}); it is "
                            f"built for {PLATFORMS}. Evaluate with OPA instead: `engine=opa` (OPA from "
                            "scripts/install-opa or $AIGUARD_OPA) or an OPA server (`engine_options.url=URL`)") from None
    return regorus


class RegorusEngine(Engine):
    name = "regorus"

    def __init__(self, per_policy: bool = False, limits: Limits | None = None) -> None:
        """``per_policy``: evaluate each rule on its own and record ``timings`` (for benchmarks).
        ``limits``: time and memory for an evaluation with custom (untrusted) policies, which
        runs in a forked child; the shipped policies alone run in process."""
        self.per_policy = per_policy
        self.forkable = not per_policy  # timings must be measured in this process
        self._limits = limits  # None: the defaults, made when custom policies first need them
        self.timings: dict[str, float] = {}  # rule key -> seconds, filled when per_policy

    def evaluate(self, modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                 rules: dict[str, str]) -> dict[str, Any]:
        check_modules(modules)
        if self.per_policy:
            return self._evaluate_each(modules, data, inventory, rules)
        foreign = untrusted(modules)
        if not foreign:
            return _evaluate_together(modules, data, inventory, rules)
        # Imported here: only custom policies run in a limited child (a pre-commit start need not pay).
        from aiguard.evaluate.limits import isolate, naming_culprit, run_limited, suspects_of

        return naming_culprit(
            lambda chosen: run_limited(_evaluate_together, (isolate(modules, foreign, chosen), data, inventory, chosen),
                                       self.limits),
            rules, suspects_of(rules, foreign))

    @property
    def limits(self) -> Limits:
        from aiguard.evaluate.limits import Limits

        if self._limits is None:
            self._limits = Limits()
        return self._limits

    def _evaluate_each(self, modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                       rules: dict[str, str]) -> dict[str, Any]:
        engine = _engine(modules, data)
        _set_input(engine, inventory)
        results: dict[str, Any] = {}
        for key, rule in rules.items():
            started = time.perf_counter()
            results[key] = _read(engine, rule, modules)
            self.timings[key] = time.perf_counter() - started
        return results

    def run_tests(self, modules: list[Module], data: dict[str, Any], tests: list[Module]) -> list[TestResult]:
        check_modules(modules + tests)
        if not untrusted(modules + tests):
            return _run_tests(modules, data, tests)
        from aiguard.evaluate.limits import run_limited

        return run_limited(_run_tests, (modules, data, tests), self.limits)


def _run_tests(modules: list[Module], data: dict[str, Any], tests: list[Module]) -> list[TestResult]:
    engine = _engine(modules + tests, data)
    results = []
    for module in tests:
        for name in dict.fromkeys(_TEST_RULE.findall(module.text)):
            try:
                value = engine.eval_rule(f"data.{module.package}.{name}")
                results.append(TestResult(module.name, name, value is True))
            except RuntimeError as error:
                results.append(TestResult(module.name, name, False, _clean(str(error))))
    return results


def _engine(modules: list[Module], data: dict[str, Any]) -> Any:
    engine = _regorus().Engine()
    for module in modules:
        try:
            engine.add_policy(module.name, module.text)
        except RuntimeError as error:
            raise _policy_error(error, modules, module) from None
    engine.add_data_json(json.dumps(data))
    return engine


def _set_input(engine: Any, inventory: dict[str, Any]) -> None:
    # From Python objects: twice as fast as json.dumps + set_input_json (0.5 s vs 1.1 s at 100k assets).
    engine.set_input(inventory)


def _evaluate_together(modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                       rules: dict[str, str]) -> dict[str, Any]:
    """All rules in one evaluation, so shared helper rules are computed once."""
    keys = list(rules)
    body = ",\n".join(f"\t{json.dumps(str(i))}: {rules[key]}" for i, key in enumerate(keys))
    runner = Module(f"<{_RUN_PACKAGE}>", Path(_RUN_PACKAGE), f"package {_RUN_PACKAGE}\n\nresults := {{\n{body},\n}}\n",
                    _RUN_PACKAGE)
    engine = _engine([*modules, runner], data)
    _set_input(engine, inventory)
    values = _read(engine, f"data.{_RUN_PACKAGE}.results", modules)
    if not isinstance(values, dict):  # an undefined member makes the whole object undefined
        return {key: _read(engine, rules[key], modules) for key in keys}
    return {key: values.get(str(i)) for i, key in enumerate(keys)}


def _read(engine: Any, rule: str, modules: list[Module]) -> Any:
    try:
        raw = engine.eval_rule_as_json(rule)
    except RuntimeError as error:
        raise _policy_error(error, modules, _module_of(rule, modules)) from None
    return None if raw is None or raw == _UNDEFINED else json.loads(raw)


def _module_of(rule: str, modules: list[Module]) -> Module | None:
    package = rule.removeprefix("data.").rpartition(".")[0]
    return next((m for m in modules if m.package == package), None)


def _clean(message: str) -> str:
    return message.split("Stack backtrace:")[0].strip()


def _policy_error(error: RuntimeError, modules: list[Module], fallback: Module | None) -> PolicyError:
    message = _clean(str(error))
    match = _LOCATION.search(message)
    by_name = {m.name: m for m in modules}
    module = by_name.get(match.group("file")) if match else None
    module = module or fallback
    file = str(module.path) if module else "policies"
    line = int(match.group("line")) if match and module else None
    summary = message.splitlines()[-1].removeprefix("error: ") if message else "engine error"
    return PolicyError([Problem(file, line, None, f"regorus: {summary}\n{message}")])
