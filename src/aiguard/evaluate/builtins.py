"""The Rego builtins a policy may call: one allowed set for every engine.

A custom policy directory comes from the repository under review, so its policies must not reach
the network, the process environment, the clock or randomness: a policy that posts the inventory
with ``http.send`` or reads a CI token through ``opa.runtime().env`` would leak it, and one that
reads the clock breaks reproducible reports. Both engines enforce the same list:

- regorus: ``check_modules`` walks each custom module's syntax tree (regorus parses without
  compiling, so a module is checked on its own) and any call of a disallowed builtin is a policy
  error naming the file, the line and the builtin, before anything is evaluated;
- OPA: ``capabilities_file`` writes OPA's own capabilities (``opa capabilities --current``) minus
  the disallowed builtins, which ``opa eval``/``opa test`` get as ``--capabilities``, so OPA fails
  to compile such a policy ("undefined function"). The server backend runs ``check_modules`` before
  it pushes policies; a server's own capabilities are its operator's (see SECURITY.md).

The shipped policies are trusted (they come with the installed package) and skip the walk.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aiguard.errors import PolicyError, Problem
from aiguard.evaluate.policyset import Module

#: Disallowed builtin -> why. Everything else the engine offers is allowed.
DISALLOWED = {
    "http.send": "reaches the network",
    "net.lookup_ip_addr": "reaches the network (DNS)",
    "opa.runtime": "reads the process environment and configuration",
    "providers.aws.sign_req": "signs requests with the current time",
    "time.now_ns": "reads the clock (pass dates in through data.aiguard.as_of)",
    "rand.intn": "is random",
    "uuid.rfc4122": "is random",
    "io.jwt.decode_verify": "reads the clock",
    "crypto.x509.parse_and_verify_certificates": "reads the clock",
    "crypto.x509.parse_and_verify_certificates_with_options": "reads the clock",
}


def untrusted(modules: list[Module]) -> list[Module]:
    """The modules that do not ship with aiguard (custom policy directories, tests)."""
    # A generated module (the engines' entry and run modules) has no file: it is aiguard's own.
    return [module for module in modules if isinstance(module.path, Path) and not _shipped(str(module.path.parent))]


@functools.lru_cache(maxsize=256)
def _shipped(directory: str) -> bool:
    """Whether a directory lies in the shipped policies, symlinks resolved (one look per directory)."""
    return Path(os.path.realpath(directory)).is_relative_to(_shipped_root())


@functools.lru_cache(maxsize=1)
def _shipped_root() -> str:
    from aiguard.evaluate.policyset import builtin_policy_dir

    return os.path.realpath(builtin_policy_dir())


def check_modules(modules: list[Module]) -> None:
    """Raise ``PolicyError`` naming every call of a disallowed builtin in an untrusted module."""
    suspects = untrusted(modules)
    if not suspects:
        return
    try:
        from aiguard.evaluate.regorus_engine import _regorus

        _regorus()
    except ImportError:  # no regorus wheel for this platform: OPA's capabilities file still refuses them
        return

    problems = []
    for module in suspects:
        parser = _regorus().Engine()
        try:
            parser.add_policy(module.name, module.text)
        except RuntimeError:
            continue  # a syntax error: the engine that evaluates it reports it with its location
        for tree in json.loads(parser.get_ast_as_json()):
            for name, line in _calls(tree.get("ast")):
                if name in DISALLOWED:
                    problems.append(Problem(str(module.path), line, None,
                                            f"builtin {name} is not allowed: it {DISALLOWED[name]}"))
    if problems:
        raise PolicyError(problems)


def _calls(node: Any) -> Iterator[tuple[str, int | None]]:
    """(function name, line) of every call in a regorus syntax tree."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            call = item.get("Call")
            if isinstance(call, dict):
                name = _dotted(call.get("fcn"))
                if name:
                    span = call.get("span") or {}
                    yield name, span.get("line")
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _dotted(ref: Any) -> str | None:
    """``a.b.c`` from a ``Var``/``RefDot`` chain; None for anything computed."""
    parts: list[str] = []
    while isinstance(ref, dict):
        if "Var" in ref:
            parts.append(str(ref["Var"].get("value")))
            return ".".join(reversed(parts))
        dot = ref.get("RefDot")
        if not isinstance(dot, dict):
            return None
        field = dot.get("field")
        parts.append(str(field[1] if isinstance(field, list) and len(field) == 2 else field))
        ref = dot.get("refr")
    return None


_CAPABILITIES: dict[str, str] = {}  # opa binary -> capabilities JSON text (one `opa capabilities` per process)


def capabilities_file(opa_binary: str, directory: Path) -> Path:
    """Write OPA's capabilities minus ``DISALLOWED`` into ``directory``; return the file."""
    text = _CAPABILITIES.get(opa_binary)
    if text is None:
        try:
            completed = subprocess.run([opa_binary, "capabilities", "--current"], capture_output=True, text=True,
                                       encoding="utf-8", check=False, timeout=60)
            capabilities = json.loads(completed.stdout)
            builtins = capabilities["builtins"]
        except (OSError, ValueError, KeyError, TypeError, subprocess.TimeoutExpired):
            raise PolicyError(f"{opa_binary} capabilities --current: no capabilities document; "
                              "aiguard needs OPA v0.40 or later") from None
        capabilities["builtins"] = [b for b in builtins if b.get("name") not in DISALLOWED]
        capabilities["allow_net"] = []  # no host at all, for whatever else OPA would fetch (remote schemas)
        text = _CAPABILITIES[opa_binary] = json.dumps(capabilities)
    path = directory / "aiguard-capabilities.json"
    path.write_text(text, encoding="utf-8")
    return path
