"""The in-process backend: Microsoft's regorus, through the ``gordon-to-regorus`` binding.

Traps measured in ``shared/notes/rego-engines.md`` and here shape this module:
- a set of objects must be read with ``eval_rule_as_json``; an undefined rule reads as ``"<undefined>"``;
- errors are ``RuntimeError`` with a file:line:col snippet (and a Rust backtrace if
  ``RUST_BACKTRACE`` is set, which we switch off);
- regorus caches rule values only within one evaluation: evaluating each policy separately
  recomputes the shared ``aiguard.lib`` indexes every time, so all selected policies are read
  through one generated rule (``data.aiguard.engine_run.results``) in one evaluation;
- an engine is single-threaded and must stay on the thread that made it, so for large inventories
  ``shares`` splits the policies by area for forked worker processes (one per core; the pipeline
  forks them, ``aiguard.api``), each with its own engine;
- a Rego source line may not exceed 1,024 columns.
"""

from __future__ import annotations

import json
import os
import re
import time
from typing import Any

from aiguard.errors import PolicyError, Problem, UsageError
from aiguard.evaluate.builtins import check_modules, untrusted
from aiguard.evaluate.engine import Engine, TestResult
from aiguard.evaluate.limits import (
    Limits,
    isolate,
    naming_culprit,
    run_limited,
    suspects_of,
)
from aiguard.evaluate.policyset import Module

_LOCATION = re.compile(r"-->\s*(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+)")
_TEST_RULE = re.compile(r"^(test_\w+)\s*(?:if\b|:=|=|\{)", re.MULTILINE)
_UNDEFINED = '"<undefined>"'
_RUN_PACKAGE = "aiguard.engine_run"
#: Below this input size (bytes of inventory files) forking workers costs more than it saves.
PARALLEL_ABOVE_BYTES = 2_000_000


def _regorus() -> Any:
    os.environ["RUST_BACKTRACE"] = "0"  # read by Rust when the first error is formatted
    try:
        import regorus
    except ImportError as error:  # no wheel for this platform (musllinux, glibc < 2.34), or a broken install
        raise UsageError(f"the in-process engine (regorus) cannot be loaded on this platform ({error}); "
                         "use --engine opa (the opa binary; scripts/install-opa) or --opa-url URL (an OPA server)"
                         ) from None

    return regorus


class RegorusEngine(Engine):
    name = "regorus"

    def __init__(self, workers: int | None = None, per_policy: bool = False, limits: Limits | None = None) -> None:
        """``workers``: processes for large inputs (default: one per core, at most 4).
        ``per_policy``: evaluate each rule on its own and record ``timings`` (for benchmarks).
        ``limits``: time and memory for an evaluation with custom (untrusted) policies, which
        runs in a forked child; the shipped policies alone run in process."""
        self.workers = workers if workers is not None else min(4, os.cpu_count() or 1)
        self.per_policy = per_policy
        self.limits = limits or Limits()
        self.timings: dict[str, float] = {}  # rule key -> seconds, filled when per_policy

    def evaluate(self, modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                 rules: dict[str, str]) -> dict[str, Any]:
        check_modules(modules)
        if self.per_policy:
            return self._evaluate_each(modules, data, inventory, rules)
        foreign = untrusted(modules)
        if not foreign:
            return _evaluate_together(modules, data, inventory, rules)
        return naming_culprit(
            lambda chosen: run_limited(_evaluate_together, (isolate(modules, foreign, chosen), data, inventory, chosen),
                                       self.limits),
            rules, suspects_of(rules, foreign))

    def shares(self, rules: dict[str, str], input_bytes: int) -> list[list[str]]:
        if self.per_policy or self.workers < 2 or len(rules) < 2 or input_bytes <= PARALLEL_ABOVE_BYTES:
            return [list(rules)]
        return _shares(rules, self.workers)

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
    runner = Module(f"<{_RUN_PACKAGE}>", _RUN_PACKAGE, f"package {_RUN_PACKAGE}\n\nresults := {{\n{body},\n}}\n",
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


#: Relative cost (evaluation plus collecting the findings) of each built-in policy area, measured
#: with bench/bench_policies.py on generated inventories; they differ fivefold per policy, so
#: counting policies left one worker a third busier than the other. Only speed depends on these.
AREA_COST = {
    "aiguard.policies.data": 46, "aiguard.policies.partners": 37, "aiguard.policies.models": 37,
    "aiguard.policies.clinical": 24, "aiguard.policies.monitoring": 16, "aiguard.policies.access": 14,
    "aiguard.policies.encryption": 6, "aiguard.policies.credentials": 5, "aiguard.policies.resilience": 4,
    "aiguard.policies.segmentation": 2, "aiguard.policies.source": 2, "aiguard.policies.exceptions": 1,
    # measured at 100,000 generated assets: the access graph, its walks and ~40,000 findings
    "aiguard.policies.exposure": 60, "aiguard.policies.inventory": 6,
}
#: The cost of a policy outside those areas (a custom one): the built-in average per policy.
POLICY_COST = 4


def _shares(rules: dict[str, str], workers: int) -> list[list[str]]:
    """Split rules between workers, keeping each policy area (the parent of a policy's package,
    e.g. ``aiguard.policies.partners``) together: an area's policies share helper indexes, which
    each worker would otherwise build again. Areas go, costliest first, to the least loaded worker."""
    areas: dict[str, list[str]] = {}
    for key, rule in rules.items():
        package = rule.removeprefix("data.").rpartition(".")[0]
        areas.setdefault(package.rpartition(".")[0], []).append(key)

    def cost(area: str) -> int:
        return AREA_COST.get(area, POLICY_COST * len(areas[area]))

    shares: list[list[str]] = [[] for _ in range(min(workers, len(areas)))]
    loads = [0] * len(shares)
    for area in sorted(areas, key=lambda name: (-cost(name), name)):
        least = loads.index(min(loads))
        loads[least] += cost(area)
        shares[least].extend(areas[area])
    return shares


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
