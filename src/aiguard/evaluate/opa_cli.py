"""The OPA CLI backend: one ``opa eval`` process per check, ``opa test`` for the unit tests.

The modules, the generated entry module (``opa_entry``) and the data document are written to a
temporary directory; the request document goes to ``opa eval --stdin-input``. OPA runs with
``--strict-builtin-errors`` so that a builtin error fails the check, as it does with regorus,
instead of silently making a finding undefined.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from aiguard.errors import PolicyError, Problem, UsageError
from aiguard.evaluate import opa_entry
from aiguard.evaluate.builtins import capabilities_file, check_modules, untrusted
from aiguard.evaluate.engine import Engine, TestResult
from aiguard.evaluate.limits import (
    LimitExceeded,
    Limits,
    format_bytes,
    isolate,
    naming_culprit,
    suspects_of,
)
from aiguard.evaluate.policyset import Module

OPA_VERSION = "1.22.3"
HOW_TO_GET_OPA = (
    f"install OPA v{OPA_VERSION}: run scripts/install-opa from the aiguard repository (needs Go), or "
    f"`go install github.com/open-policy-agent/opa@v{OPA_VERSION}`, or download it from "
    "https://github.com/open-policy-agent/opa/releases; then put it on PATH or set AIGUARD_OPA"
)
#: How the Go runtime dies when RLIMIT_AS refuses it memory.
_OUT_OF_MEMORY = re.compile(r"^fatal error: (runtime: )?(out of memory|failed to reserve)", re.MULTILINE)
_LOAD_ERROR = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+): (?P<code>rego_\w+): (?P<message>.*)$", re.MULTILINE)


def tools_dir() -> Path:
    """The per-machine cache where ``scripts/install-opa`` puts the OPA it builds."""
    if os.environ.get("AIGUARD_TOOLS_DIR"):
        return Path(os.environ["AIGUARD_TOOLS_DIR"])
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "aiguard" / "bin"


def find_opa(explicit: str | None = None) -> str:
    """The ``opa`` binary: the option, then $AIGUARD_OPA, then PATH, then the tools cache."""
    if explicit or os.environ.get("AIGUARD_OPA"):
        given = explicit or os.environ["AIGUARD_OPA"]
        where = "--opa-binary" if explicit else "AIGUARD_OPA"
        found = _which(given)
        if not found:
            raise UsageError(f"{where} {given}: not an executable file; {HOW_TO_GET_OPA}")
        return found
    cached = tools_dir() / "opa"
    found = _which("opa") or (str(cached) if os.access(cached, os.X_OK) and cached.is_file() else None)
    if not found:
        raise UsageError(f"OPA not found (looked at AIGUARD_OPA, PATH and {cached}); {HOW_TO_GET_OPA}")
    return found


def _which(program: str) -> str | None:
    """An absolute path to ``program``: a path (``bin/opa``) is taken against the working
    directory, not searched for; a bare name is searched on PATH's absolute entries only, so that
    an entry such as ``.`` cannot pick a program from the checked-out tree. OPA runs in a
    temporary directory, where a relative path would name nothing."""
    if os.sep in program or (os.altsep and os.altsep in program):
        path = os.path.abspath(os.path.expanduser(program))
        return path if os.path.isfile(path) and os.access(path, os.X_OK) else None
    search = os.pathsep.join(entry for entry in os.environ.get("PATH", os.defpath).split(os.pathsep)
                             if os.path.isabs(entry))
    found = shutil.which(program, path=search)
    return os.path.abspath(found) if found else None


class OpaCliEngine(Engine):
    name = "opa"

    def __init__(self, binary: str | None = None, limits: Limits | None = None) -> None:
        self.binary = find_opa(binary)
        self.limits = limits or Limits()

    def evaluate(self, modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                 rules: dict[str, str]) -> dict[str, Any]:
        check_modules(modules)  # the same message as on regorus; --capabilities below refuses them too
        foreign = untrusted(modules)
        if not foreign:
            return self._evaluate(modules, data, inventory, rules, limited=False)
        return naming_culprit(lambda chosen: self._evaluate(isolate(modules, foreign, chosen), data, inventory, chosen),
                              rules, suspects_of(rules, foreign))

    def _evaluate(self, modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                  rules: dict[str, str], limited: bool = True) -> dict[str, Any]:
        entry_rules = sorted(set(opa_entry.deny_rules(modules)) | set(rules.values()))
        digest = opa_entry.digest(modules, data.get("aiguard", {}).get("parameters", {}), entry_rules)
        entry = opa_entry.entry_module(entry_rules, digest)
        request = json.dumps(opa_entry.request(data, inventory, rules.values()), separators=(",", ":"))
        with tempfile.TemporaryDirectory(prefix="aiguard-opa-") as tmp:
            files = _write_modules(Path(tmp), [*modules, entry])
            data_file = Path(tmp) / "data.json"
            data_file.write_text(json.dumps(data), encoding="utf-8")
            args = ["eval", "--format", "json", "--strict-builtin-errors", "--stdin-input", "--data", str(data_file),
                    "--capabilities", str(capabilities_file(self.binary, Path(tmp)))]
            for name in files:
                args += ["--data", name]
            completed = self._run([*args, opa_entry.DECISION_RULE], cwd=tmp, stdin=request, limited=limited)
        output = _json_output(completed, files)
        results = output.get("result") or []
        if not results:  # the decision is undefined: the request or the entry module is broken
            raise PolicyError([Problem(opa_entry.ENTRY_FILE, None, None, "opa: the aiguard decision is undefined")])
        decision = results[0]["expressions"][0]["value"]
        return opa_entry.read_decision(decision, rules, digest, "opa eval")

    def run_tests(self, modules: list[Module], data: dict[str, Any], tests: list[Module]) -> list[TestResult]:
        check_modules(modules + tests)
        with tempfile.TemporaryDirectory(prefix="aiguard-opa-test-") as tmp:
            files = _write_modules(Path(tmp), [*modules, *tests])
            (Path(tmp) / "data.json").write_text(json.dumps(data), encoding="utf-8")
            capabilities = capabilities_file(self.binary, Path(tmp))
            completed = self._run(["test", "--format", "json", "--capabilities", str(capabilities), "data.json", *files],
                                  cwd=tmp, limited=bool(untrusted(modules + tests)))
        output = _json_output(completed, files)
        if not isinstance(output, list):
            raise PolicyError(f"opa test: unexpected output: {str(output)[:200]}")
        results = []
        for item in output:
            module = files.get((item.get("location") or {}).get("file", ""))
            error = item.get("error")
            results.append(TestResult(
                module.name if module else str((item.get("location") or {}).get("file")),
                item.get("name", "?"),
                not item.get("fail") and not error,
                error.get("message") if isinstance(error, dict) else None,
            ))
        return results

    def _run(self, args: list[str], cwd: str, stdin: str | None = None,
             limited: bool = True) -> subprocess.CompletedProcess[str]:
        """Run OPA; ``limited`` (custom policies are in the set): under the policy limits, so that
        a runaway policy cannot run for minutes. The shipped policies alone run unlimited, as on
        regorus: a large inventory must not hit a limit meant for hostile policies."""
        limit = self.limits.set_memory_limit if limited and os.name == "posix" else None
        try:
            completed = subprocess.run([self.binary, *args], cwd=cwd, input=stdin, capture_output=True, text=True,
                                       encoding="utf-8", check=False, timeout=self.limits.timeout if limited else None,
                                       preexec_fn=limit)
        except subprocess.TimeoutExpired:
            raise LimitExceeded(f"opa {args[0]} did not finish within {self.limits.timeout:g} s "
                                "(the policy timeout)") from None
        except OSError as error:
            raise UsageError(f"cannot run {self.binary}: {error.strerror}; {HOW_TO_GET_OPA}") from None
        if limited and completed.returncode != 0 and _OUT_OF_MEMORY.search(completed.stderr):
            raise LimitExceeded(f"opa {args[0]} ran out of memory (the policy memory limit, "
                                f"{format_bytes(self.limits.memory)})")
        return completed


def _write_modules(root: Path, modules: list[Module]) -> dict[str, Module]:
    """Write each module under ``root``; return OPA's name for it (relative to ``root``) -> module."""
    named = opa_entry.module_names(modules)
    for name, module in named.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(module.text, encoding="utf-8")
    return named


def _json_output(completed: subprocess.CompletedProcess[str], files: dict[str, Module]) -> Any:
    """OPA's JSON answer; its errors (exit 1 or 2) as a ``PolicyError`` naming the policy file."""
    try:
        output = json.loads(completed.stdout)
    except ValueError:
        output = None
    if isinstance(output, dict) and output.get("errors"):
        raise opa_entry.policy_error(output["errors"], files, "opa")
    if completed.returncode not in (0, 2) or output is None or (completed.returncode == 2 and isinstance(output, dict)):
        text = (completed.stderr.strip() or completed.stdout.strip() or f"exit code {completed.returncode}")
        errors = [{"code": m["code"], "message": m["message"], "location": {"file": m["file"], "row": int(m["line"])}}
                  for m in _LOAD_ERROR.finditer(text)]  # `opa test` reports load errors as text
        raise opa_entry.policy_error(errors or [{"message": text[:2000]}], files, "opa")
    return output
