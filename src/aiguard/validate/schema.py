"""Validate each parsed file against the committed JSON Schema, reporting every error with its line.

The schema is generated from the pydantic model (``model.py``), so the two accept exactly the
same files (``tests/test_schema.py`` holds them to that). The verdict comes from jsonschema-rs
(Rust: a 100,000-asset inventory in 0.2 s, where pydantic took 3.8 s and Python's jsonschema far
longer); Python's jsonschema then describes the files it rejects, with lines and did-you-mean hints.
Both read the same committed schema. Where they differ, jsonschema-rs is the stricter (ECMA-262
patterns: ``$`` does not match before a final newline, ``\\d`` is ASCII), and its rejection stands,
described by its own messages: a file is never passed because the describer found nothing wrong.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from aiguard.errors import AT_LEAST, MAX_PER_KIND, InputError, Problem
from aiguard.load import Document, dotted
from aiguard.validate.collections import API_VERSION, KIND, MAX_YEAR, MIN_YEAR

SCHEMA_RESOURCE = "inventory.schema.json"


def schema_text() -> str:
    """The committed schema, exactly as shipped (``aiguard schema`` prints this)."""
    return resources.files("aiguard.schema").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")


@cache
def _verdict() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(json.loads(schema_text()), validate_formats=True)


@cache
def _validator() -> Any:
    import jsonschema  # heavy (0.15 s): only imported to describe a file that fails

    schema = json.loads(schema_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_documents(documents: list[Document]) -> None:
    """Raise ``InputError`` with all schema errors of all files, or return if every file is valid."""
    problems, _ = schema_problems(documents)
    if problems:
        raise InputError(problems)


def schema_problems(documents: list[Document]) -> tuple[list[Problem], list[Document]]:
    """Every schema problem of every file, and the files that have none."""
    problems: list[Problem] = []
    valid: list[Document] = []
    checked = []
    for document in documents:
        envelope = _envelope_problems(document)
        if envelope:
            # A file that is not an aiguard/v1 inventory is not checked field by field: its fields
            # mean something else, and a page of unknown-field errors would hide the real problem.
            problems.extend(envelope)
        else:
            checked.append(document)
    verdict = _verdict()
    for document in checked:
        if verdict.is_valid(document.data):
            valid.append(document)
            continue
        found = _described(document)
        # Rejected is rejected: never pass a file because no validator could say why.
        problems.extend(found or _strict_problems(document, verdict)
                        or [Problem(str(document.path), None, None, "rejected by the inventory schema")])
    return problems, valid


#: Schema problems described per file; a file with more is a generated mistake, and describing
#: 400,000 of them took 45 s. The rest are counted, up to ``MAX_COUNTED``.
MAX_DESCRIBED = 1000
MAX_COUNTED = 20_000


def _described(document: Document) -> list[Problem]:
    found: list[Problem] = []
    errors = _validator().iter_errors(document.data)
    for error in errors:
        if _told_by_pattern(error):
            continue
        described = _describe(document, error)
        room = MAX_DESCRIBED - len(found)
        found += described[:room]
        if len(found) >= MAX_DESCRIBED:
            more = sum(p.hidden or 1 for p in described[room:]) + sum(1 for _ in itertools.islice(errors, MAX_COUNTED))
            if more:
                counted = f"{AT_LEAST}{more:,}" if more == MAX_COUNTED else f"... and {more:,}"
                found.append(Problem(str(document.path), None, None, f"{counted} more schema errors "
                                     f"(not described: aiguard describes {MAX_DESCRIBED:,} per file)", more))
            break
    return found


def _strict_problems(document: Document, verdict: Any) -> list[Problem]:
    """jsonschema-rs's own account of a file only it rejects (a stricter pattern match)."""
    out = []
    for error in verdict.iter_errors(document.data):
        path = tuple(error.instance_path)
        out.append(Problem(str(document.path), document.line(path), dotted(path) or None, error.message))
    return out


def _envelope_problems(document: Document) -> list[Problem]:
    name, data = str(document.path), document.data
    problems = []
    for key, expected in (("apiVersion", API_VERSION), ("kind", KIND)):
        if key not in data:
            problems.append(Problem(name, 1, key, f"missing; every inventory file starts with "
                                    f"'apiVersion: {API_VERSION}' and 'kind: {KIND}'"))
        elif data[key] != expected:
            problems.append(Problem(name, document.line((key,)), key, f"expected {expected!r}, got {data[key]!r}"))
    return problems


def _describe(document: Document, error: Any) -> list[Problem]:
    """Turn one jsonschema error into problems that name the field and the line."""
    name = str(document.path)
    path = tuple(error.absolute_path)
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        return [Problem(name, document.line((*path, key)), dotted((*path, key)), f"unknown field{_suggest(key, allowed)}")
                for key in unknown[:MAX_PER_KIND]] + _more(name, path, len(unknown) - MAX_PER_KIND, "unknown fields")
    if validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return [
            Problem(name, document.line(path), dotted((*path, key)), "required field is missing") for key in missing
        ]
    if validator == "type":
        message = f"expected {_expected(error.validator_value)}, got {_kind(error.instance)} {_show(error.instance)}".rstrip()
    elif validator == "enum":
        message = f"{_show(error.instance)} is not one of: {', '.join(map(str, error.validator_value))}"
    elif validator == "const":
        message = f"expected {error.validator_value!r}, got {_show(error.instance)}"
    elif validator == "format":
        message = f"{_show(error.instance)} is not a valid {error.validator_value}"
    elif validator == "pattern" and error.schema.get("format") == "date":
        message = f"{_show(error.instance)} is not an ISO 8601 date (YYYY-MM-DD)"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(error.instance)):
            message = f"{_show(error.instance)} is outside the years {MIN_YEAR} to {MAX_YEAR} that policies can compute with"
    else:
        message = error.message
    return [Problem(name, document.line(path), dotted(path) or None, message)]


def _told_by_pattern(error: Any) -> bool:
    """A date that fails its pattern fails its format too: one message (the pattern's) is enough."""
    pattern = error.schema.get("pattern")
    return (error.validator == "format" and error.validator_value == "date" and isinstance(pattern, str)
            and isinstance(error.instance, str) and re.search(pattern, error.instance) is None)


def _suggest(key: str, allowed: list[str]) -> str:
    hint = difflib.get_close_matches(key, allowed, n=1)
    return f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"


def _more(name: str, path: tuple[Any, ...], count: int, what: str) -> list[Problem]:
    if count <= 0:
        return []
    return [Problem(name, None, dotted(path) or None, f"... and {count:,} more {what} (not listed)", count)]


_JSON_TYPES = {dict: "mapping", list: "list", str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


def _kind(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _expected(types: str | list[str]) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "a string", "boolean": "a boolean (true/false)",
             "integer": "an integer", "number": "a number", "null": "null"}
    if isinstance(types, str):
        types = [types]
    return " or ".join(names.get(t, t) for t in types)


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return ""
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + '..."'
