"""The in-process backend: Microsoft's regorus, through the ``gordon-to-regorus`` binding.

Traps measured in ``shared/notes/rego-engines.md`` shape this module: a set of objects must be
read with ``eval_rule_as_json``; errors are ``RuntimeError`` with a file:line:col snippet (and a
Rust backtrace if ``RUST_BACKTRACE`` is set, which we switch off); an engine must stay on the
thread that made it.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from aiguard.errors import PolicyError, Problem
from aiguard.evaluate.engine import Engine, TestResult
from aiguard.evaluate.policyset import Module

_LOCATION = re.compile(r"-->\s*(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+)")
_UNDEFINED = '"<undefined>"'
_TEST_RULE = re.compile(r"^(test_\w+)\s*(?:if\b|:=|=|\{)", re.MULTILINE)


def _regorus() -> Any:
    os.environ["RUST_BACKTRACE"] = "0"  # read by Rust when the first error is formatted
    import regorus

    return regorus


class RegorusEngine(Engine):
    name = "regorus"

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}  # rule key -> seconds, for benchmarks

    def _engine(self, modules: list[Module], data: dict[str, Any]) -> Any:
        engine = _regorus().Engine()
        for module in modules:
            try:
                engine.add_policy(module.name, module.text)
            except RuntimeError as error:
                raise _policy_error(error, modules, module) from None
        engine.add_data_json(json.dumps(data))
        return engine

    def evaluate(self, modules: list[Module], data: dict[str, Any], input_json: str, rules: dict[str, str]) -> dict[str, Any]:
        import time

        engine = self._engine(modules, data)
        engine.set_input_json(input_json)
        results: dict[str, Any] = {}
        for key, rule in rules.items():
            started = time.perf_counter()
            try:
                raw = engine.eval_rule_as_json(rule)
            except RuntimeError as error:
                raise _policy_error(error, modules, _module_of(rule, modules)) from None
            self.timings[key] = time.perf_counter() - started
            # regorus renders an undefined rule as the JSON string "<undefined>".
            results[key] = None if raw is None or raw == _UNDEFINED else json.loads(raw)
        return results

    def run_tests(self, modules: list[Module], data: dict[str, Any], tests: list[Module]) -> list[TestResult]:
        engine = self._engine(modules + tests, data)
        results = []
        for module in tests:
            for name in dict.fromkeys(_TEST_RULE.findall(module.text)):
                try:
                    value = engine.eval_rule(f"data.{module.package}.{name}")
                    results.append(TestResult(module.name, name, value is True))
                except RuntimeError as error:
                    results.append(TestResult(module.name, name, False, _clean(str(error))))
        return results


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
    line = int(match.group("line")) if match else None
    summary = message.splitlines()[-1].removeprefix("error: ") if message else "engine error"
    return PolicyError([Problem(file, line, None, f"regorus: {summary}\n{message}")])
