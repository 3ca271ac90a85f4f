"""Find policy files, read their ``# METADATA`` blocks, and select what a run evaluates.

regorus ignores OPA's METADATA annotations (they are comments to it), so aiguard parses them here,
with OPA's format: a ``# METADATA`` line followed by a YAML document in comment lines, placed
before the ``package`` statement (package scope).
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiguard.errors import PolicyError, Problem, UsageError
from aiguard.evaluate.parameters import PRINCIPAL_NAMES
from aiguard.load.safe import MAX_POLICY_BYTES, read_text
from aiguard.severity import SEVERITIES

#: What a policy's deny rule is called.
DENY = "deny"
#: Policies' data file (OPA loads ``data.yaml`` at the directory's path, so ``opa test policies/`` sees it too).
DATA_FILE = "data.yaml"

#: The packages of the shipped policies and library (``data.aiguard`` also holds the run's data).
RESERVED_PACKAGE = "aiguard"
_PACKAGE = re.compile(r"^package\s+([A-Za-z_][\w.]*)\s*$", re.MULTILINE)
_DENY_RULE = re.compile(rf"^{DENY}\b", re.MULTILINE)
_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")


def _yaml(file: str, text: str, first_line: int = 1) -> tuple[Any, dict[Any, int]]:
    """YAML from a policy directory and the line of each path, by the same capped reader as
    inventories (aliases, depth, duplicate keys, YAML 1.2 scalars); problems name the file and its
    line (a METADATA block starts at ``first_line``)."""
    from aiguard.errors import InputError
    from aiguard.load.yaml_events import build

    if not text.strip():
        return None, {}
    try:  # preceded by blank lines, the block's lines count as in the file, messages included
        value, builder = build(file, "\n" * (first_line - 1) + text, mapping=False)
    except InputError as error:
        raise PolicyError(error.problems) from None
    return value, builder.lines


def _read_data_file(path: Path) -> tuple[str, dict[str, tuple[dict[str, Any], int | None]]]:
    """A policy directory's ``data.yaml``: its text and the parameters it declares, each with its
    line; a malformed file or declaration is a ``PolicyError`` naming file, line and field."""
    name = str(path)
    text = read_text(path, MAX_POLICY_BYTES, PolicyError, "policy data file")
    data, lines = _yaml(name, text)
    if data is None:
        return text, {}
    section = data.get("aiguard") if isinstance(data, dict) else None
    declared = section.get("parameters", {}) if isinstance(section, dict) else None
    if not isinstance(declared, dict):
        raise PolicyError([Problem(name, lines.get((), 1), "aiguard.parameters", "must be a mapping of parameter "
                                   "names to {default, description}")])
    out, problems = {}, []
    for key, spec in declared.items():
        line = lines.get(("aiguard", "parameters", key))
        if not isinstance(spec, dict) or "default" not in spec:
            problems.append(Problem(name, line, f"aiguard.parameters.{key}", "must be a mapping with a 'default'"))
        elif message := _principal_names_problem(spec):
            problems.append(Problem(name, line, f"aiguard.parameters.{key}.{PRINCIPAL_NAMES}", message))
        else:
            out[key] = (spec, line)
    if problems:
        raise PolicyError(problems)
    return text, out


def _principal_names_problem(spec: dict[str, Any]) -> str | None:
    """What is wrong with a ``principal_names`` declaration: the flag a boolean, the default names
    already in the form policies compare (so OPA reading this file sees what aiguard passes)."""
    flag = spec.get(PRINCIPAL_NAMES, False)
    if not isinstance(flag, bool):
        return "must be true or false"
    if not flag:
        return None
    default = spec["default"]
    names = default if isinstance(default, list) else [default]
    if not all(isinstance(text, str) for text in names):
        return "needs a default that is a name or a list of names"
    from aiguard.validate.identifiers import normalise_name

    odd = [text for text in names if normalise_name(text) != text]
    return f"write the default's names as compared: {', '.join(map(normalise_name, odd))}" if odd else None


@dataclass(frozen=True)
class Module:
    """One Rego file as an engine sees it."""

    name: str  # path shown in messages, relative to its policy directory's parent
    path: Path
    text: str
    package: str


@dataclass(frozen=True)
class Policy:
    """A policy: a module with a ``deny`` rule and METADATA naming its id and severity."""

    id: str
    severity: str
    title: str
    description: str
    remediation: str
    frameworks: dict[str, list[str]]
    parameters: tuple[str, ...]
    area: str
    module: Module
    example_fix: str = ""

    @property
    def rule(self) -> str:
        return f"data.{self.module.package}.{DENY}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "title": self.title,
            "area": self.area,
            "description": self.description,
            "remediation": self.remediation,
            "frameworks": self.frameworks,
            "parameters": list(self.parameters),
            "file": self.module.name,
            "package": self.module.package,
        }


@dataclass
class PolicySet:
    """Every module, policy, test and parameter declaration of the policy directories in use."""

    modules: list[Module]
    policies: list[Policy]
    tests: list[Module]
    parameters: dict[str, dict[str, Any]]  # name -> {default, description}
    digest: str

    def by_id(self, policy_id: str) -> Policy:
        for policy in self.policies:
            if policy.id == policy_id:
                return policy
        raise UsageError(f"unknown policy id {policy_id!r}; `aiguard policies list` shows them")

    def select(self, only: tuple[str, ...] = (), skip: tuple[str, ...] = ()) -> list[Policy]:
        """Policies picked by id, id pattern (``AIG-MON-*``) or area (``monitoring``)."""
        for pattern in (*only, *skip):
            if not any(_matches(p, pattern) for p in self.policies):
                raise UsageError.of("only/skip", f"{pattern!r} matches no policy id or area")
        chosen = [p for p in self.policies if not only or any(_matches(p, o) for o in only)]
        chosen = [p for p in chosen if not any(_matches(p, s) for s in skip)]
        if not chosen:  # a check that evaluates nothing must not pass
            raise UsageError.of("only/skip", "leave no policy to evaluate")
        return chosen


def _matches(policy: Policy, pattern: str) -> bool:
    return policy.area == pattern or fnmatch.fnmatchcase(policy.id, pattern.upper())


def builtin_policy_dir() -> Path:
    """The shipped policies: inside the installed package, or the repository's ``policies/``."""
    # From this file rather than importlib.resources (10 ms of imports at every start): the wheel
    # installs aiguard as plain files, and the policies sit beside this package.
    here = Path(__file__).resolve().parents[1]
    packaged = here / "policies"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "policies"


def load_policy_set(extra_dirs: Iterable[Path | str] = (), include_builtin: bool = True) -> PolicySet:
    """Read the built-in policies and any user directories; fail on anything malformed."""
    directories = ([builtin_policy_dir()] if include_builtin else []) + [Path(d) for d in extra_dirs]
    if not directories:
        raise UsageError("no policy directory to load")
    found = _Found()
    for directory in directories:
        _read_directory(directory, found, required=directory != directories[0])
    found.problems += _reserved_packages(found.modules + found.tests)
    policies = []
    for module in found.modules:
        if not _DENY_RULE.search(module.text):
            continue  # a library module
        try:
            policies.append(_policy(module, directories))
        except PolicyError as error:
            found.problems.extend(error.problems)
    found.problems += _cross_check(policies, found.parameters)
    if found.problems:
        raise PolicyError(found.problems)
    policies.sort(key=lambda p: p.id)
    return PolicySet(found.modules, policies, found.tests, found.parameters, _digest(found))


@dataclass
class _Found:
    """What the policy directories hold, gathered directory by directory."""

    modules: list[Module] = field(default_factory=list)
    tests: list[Module] = field(default_factory=list)
    data_texts: list[tuple[str, str]] = field(default_factory=list)  # (name, text) of each data file
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _is_policy_file(name: str) -> bool:
    return not name.startswith(".") and (name.endswith(".rego") or name == DATA_FILE)


def _read_directory(directory: Path, found: _Found, required: bool) -> None:
    """Every .rego file (hidden directories aside) and the parameter declarations of one directory;
    ``required``: a directory the user named must hold policies. Links are followed as in inventory
    discovery: those staying in the directory are read, those leaving it refused."""
    from aiguard.load.discover import walk

    if not directory.is_dir():
        raise UsageError(f"policy directory {directory} does not exist")
    reached: dict[Path, Path] = {}  # real path -> the path shown
    problems_before = len(found.problems)
    walk(directory, [directory.resolve()], _is_policy_file, reached, found.problems, "the policy directory")
    files = sorted(reached.values())
    if required and len(found.problems) == problems_before and not any(p.name.endswith(".rego") for p in files):
        raise UsageError(f"policy directory {directory} holds no .rego files")
    for path in files:
        if path.name == DATA_FILE:
            _read_data(directory, path, found)
            continue
        try:
            text = read_text(path, MAX_POLICY_BYTES, PolicyError, "policy file")
        except PolicyError as error:
            found.problems.extend(error.problems)
            continue
        match = _PACKAGE.search(text)
        if not match:
            found.problems.append(Problem(str(path), 1, None, "no package statement"))
            continue
        module = Module(str(path.relative_to(directory.parent)), path, text, match.group(1))
        (found.tests if path.name.endswith("_test.rego") else found.modules).append(module)


def _read_data(directory: Path, data_path: Path, found: _Found) -> None:
    """The parameter declarations of a policy directory's top ``data.yaml``; one further down is
    refused (OPA would load it under that directory's path, where no policy reads parameters)."""
    if data_path.parent != directory:
        found.problems.append(Problem(str(data_path), None, None, f"{DATA_FILE} below the top of the policy "
                                      f"directory; refused, not read (declare parameters in {directory / DATA_FILE})"))
        return
    try:
        text, declared = _read_data_file(data_path)
    except PolicyError as error:
        found.problems.extend(error.problems)
        return
    found.data_texts.append((str(data_path.relative_to(directory.parent)), text))
    for key, (spec, line) in declared.items():
        if key in found.parameters:
            found.problems.append(Problem(str(data_path), line, f"aiguard.parameters.{key}",
                                          "parameter declared twice"))
        found.parameters[key] = spec


def _reserved_packages(modules: list[Module]) -> list[Problem]:
    """A custom module may not join a package of aiguard's own: Rego merges a package's modules, so
    one there could add to a shipped partial rule (mark every found secret declared, and AIG-EVD-005
    falls silent) or shadow data on one engine and conflict on the other."""
    from aiguard.evaluate.builtins import untrusted

    problems = []
    for module in untrusted(modules):
        if module.package == RESERVED_PACKAGE or module.package.startswith(RESERVED_PACKAGE + "."):
            match = _PACKAGE.search(module.text)
            line = module.text[: match.start()].count("\n") + 1 if match else None
            problems.append(Problem(str(module.path), line, "package", f"package {module.package} is reserved for "
                                    "aiguard's own policies and library, which a custom module there could change; "
                                    "use a package of your own (package acme.<name>)"))
    return problems


def _cross_check(policies: list[Policy], parameters: dict[str, dict[str, Any]]) -> list[Problem]:
    """Ids unique across directories; every parameter a policy names is declared."""
    problems = []
    seen: dict[str, Policy] = {}
    for policy in policies:
        if policy.id in seen:
            problems.append(Problem(str(policy.module.path), None, "custom.id",
                                    f"policy id {policy.id} also used by {seen[policy.id].module.path}"))
        seen[policy.id] = policy
        for name in policy.parameters:
            if name not in parameters:
                problems.append(Problem(str(policy.module.path), None, "custom.parameters", f"undeclared parameter {name!r}"))
    return problems


def _digest(found: _Found) -> str:
    """Identifies the policy set: every module's name and text, and every data file's."""
    digest = hashlib.sha256()
    for name, text in sorted([(m.name, m.text) for m in found.modules] + found.data_texts):
        digest.update(f"{name}\0{text}\0".encode())
    return "sha256:" + digest.hexdigest()


def parse_metadata(text: str) -> list[tuple[int, str]]:
    """The ``# METADATA`` blocks of a Rego file: (line of the marker, YAML text)."""
    blocks, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() == "# METADATA":
            start, body = i + 1, []
            i += 1
            while i < len(lines) and lines[i].lstrip().startswith("#"):
                comment = lines[i].lstrip()[1:]
                body.append(comment[1:] if comment.startswith(" ") else comment)
                i += 1
            blocks.append((start, "\n".join(body)))
        else:
            i += 1
    return blocks


def _policy(module: Module, directories: list[Path]) -> Policy:
    meta, line = _metadata(module)
    custom = meta.get("custom")
    if not isinstance(custom, dict):
        raise PolicyError([Problem(str(module.path), line, "METADATA", "needs a 'custom' mapping with 'id' and 'severity'")])
    _check_custom(custom, str(module.path), line)
    policy_id = custom["id"]
    directory = next(d for d in directories if module.path.is_relative_to(d))
    relative = module.path.relative_to(directory)
    return Policy(
        id=policy_id,
        severity=custom["severity"],
        title=str(meta.get("title", policy_id)),
        description=str(meta.get("description", "")).strip(),
        remediation=str(custom.get("remediation", "")).strip(),
        frameworks={str(k): list(v) for k, v in (custom.get("frameworks") or {}).items()},
        parameters=tuple(custom.get("parameters") or ()),
        area=relative.parts[0] if len(relative.parts) > 1 else "custom",  # the policy's first directory
        module=module,
        example_fix=str(custom.get("example_fix", "")).strip(),
    )


def _metadata(module: Module) -> tuple[dict[str, Any], int]:
    """The package-scoped METADATA block of a policy module, parsed, and the line of its marker."""
    file = str(module.path)
    package = _PACKAGE.search(module.text)
    package_line = module.text[: package.start()].count("\n") + 1 if package else 1
    blocks = [(line, body) for line, body in parse_metadata(module.text) if line < package_line]
    if not blocks:
        raise PolicyError([Problem(file, 1, None, "policy has a deny rule but no '# METADATA' block before its package")])
    line, body = blocks[0]
    meta = _yaml(file, body, line + 1)[0] or {}  # the block starts below its marker
    if not isinstance(meta, dict):
        raise PolicyError([Problem(file, line, "METADATA", "needs a 'custom' mapping with 'id' and 'severity'")])
    return meta, line


def _check_custom(custom: dict[str, Any], file: str, line: int) -> None:
    """The ``custom`` fields aiguard reads: every problem at once."""
    problems = []
    policy_id, severity = custom.get("id"), custom.get("severity")
    if not isinstance(policy_id, str) or not _ID.match(policy_id):
        problems.append(Problem(file, line, "custom.id", f"missing or malformed policy id {policy_id!r} (e.g. ACME-DAT-001)"))
    if severity not in SEVERITIES:
        problems.append(Problem(file, line, "custom.severity", f"{severity!r} is not one of {', '.join(SEVERITIES)}"))
    frameworks = custom.get("frameworks") or {}
    if not isinstance(frameworks, dict) or not all(
        isinstance(v, list) and all(isinstance(ref, str) for ref in v) for v in frameworks.values()
    ):
        # YAML reads `HIPAA: [164.410]` as the number 164.41: references must be quoted strings.
        problems.append(Problem(file, line, "custom.frameworks", "must map a framework name to a list of "
                                "references written as strings (quote numeric ones such as '164.410')"))
    if not isinstance(custom.get("parameters") or [], list):
        problems.append(Problem(file, line, "custom.parameters", "must be a list of parameter names"))
    if problems:
        raise PolicyError(problems)
