"""Hugging Face model and dataset cards (Markdown with YAML front matter) -> draft records.

The front matter is read by aiguard's own YAML reader (YAML 1.2 core schema, duplicate keys and
alias bombs rejected), not by ``huggingface_hub``: its card parsing is a ``yaml.safe_load`` of the
same block (YAML 1.1: ``license: no`` would read as false) and would bring an HTTP client along.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aiguard.errors import InputError, Problem
from aiguard.interop.draft import Draft, Record, one_line, slug
from aiguard.interop.source import Source

#: Keys only dataset cards have (the Hub's dataset card metadata).
DATASET_KEYS = frozenset((
    "pretty_name", "task_categories", "task_ids", "size_categories", "annotations_creators",
    "language_creators", "source_datasets", "multilinguality", "configs", "dataset_info", "paperswithcode_id",
))
#: Keys a card may have; a front matter with none of them is not a card.
CARD_KEYS = DATASET_KEYS | frozenset((
    "license", "license_name", "license_link", "language", "tags", "datasets", "base_model", "model-index",
    "library_name", "pipeline_tag", "metrics", "model_name", "thumbnail", "widget", "inference",
))
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_TEMPLATE = re.compile(r"\{\{|\{%|^\s*\{\s*[A-Za-z_]+\s*\}\s*$", re.MULTILINE)


def front_matter(source: Source) -> tuple[dict[str, Any], str]:
    """The card's metadata and the Markdown after it."""
    from aiguard.load.yaml_events import build as parse_yaml  # the inventory's own YAML reader

    text = source.text.replace("\r\n", "\n")
    match = _FRONT.match(text)
    if match is None:
        raise source.error(None, "no YAML front matter (a '---' block at the top): no card metadata to import", 1)
    block, body = match.group(1), text[match.end():]
    if _TEMPLATE.search(block):
        raise source.error("front matter", "a card template: the front matter is a placeholder "
                                           "({{ card_data }}), not metadata", 2)
    if not block.strip():
        raise source.error("front matter", "the front matter is empty: no card metadata to import", 2)
    try:
        data, _ = parse_yaml(source.name, "\n" + block, False)  # the newline: lines count as in the file
    except InputError as error:
        problems = []
        for p in error.problems:
            message = p.message
            if message == "an inventory file must be a mapping":
                message = "the front matter must be a mapping of card metadata (key: value), not a list or a value"
            problems.append(Problem(p.file, p.line, p.field or "front matter", message))
        raise InputError(problems) from None
    if not CARD_KEYS & data.keys():
        raise source.error("front matter", f"no Hugging Face card metadata (none of {', '.join(sorted(CARD_KEYS)[:6])}...)", 2)
    return data, body


def read(source: Source, draft: Draft) -> str:
    data, body = front_matter(source)
    is_dataset = bool(DATASET_KEYS & data.keys())
    heading = _HEADING.search(body)
    index = data.get("model-index")
    name_key = "pretty_name" if is_dataset else "model_name"
    candidates = [
        (name_key, data.get(name_key)),
        ("model-index[0].name", None if is_dataset else _model_index_name(index)),
        ("heading", heading.group(1) if heading else None),
        ("file name", Path(source.name).stem),
    ]
    key, name = next((k, str(v).strip()) for k, v in candidates if isinstance(v, str) and v.strip())
    record = Record("datasets" if is_dataset else "models", slug(name), source.name,
                    f"{source.name} front matter ({key}: {one_line(name, 80)})", {"name": name})
    _licenses(record, data)
    if not is_dataset:
        _model(source, draft, record, data, index)
    else:
        for field in ("source_datasets", "size_categories"):
            if data.get(field):
                record.notes.append(f"{field}: {one_line(_text(data[field]))}")
    draft.add(record)
    return "Hugging Face dataset card" if is_dataset else "Hugging Face model card"


def _model(source: Source, draft: Draft, record: Record, data: dict[str, Any], index: Any) -> None:
    datasets = data.get("datasets") or []
    datasets = [datasets] if isinstance(datasets, str) else datasets
    if not isinstance(datasets, list):
        raise source.error("front matter datasets", f"expected a dataset name or a list of them, got {datasets!r}")
    ids = []
    for i, name in enumerate(datasets):
        if not isinstance(name, str) or not name.strip():
            draft.skip(source.name, f"front matter datasets[{i}]", "not a dataset name")
            continue
        dataset = Record("datasets", slug(name), source.name, f"{source.name} front matter datasets[{i}]",
                         {"name": name})
        dataset.notes.append(f"named as training data of model {record.id}")
        ids.append(draft.add(dataset).id)
    if ids:
        record.set("training.datasets", ids)
    base = data.get("base_model")
    if base:
        record.set("training.base_model", _text(base))
    for field in ("library_name", "pipeline_tag"):
        if data.get(field):
            record.notes.append(f"{field}: {one_line(data[field])}")
    if index is not None:
        for problem in _model_index_problems(index):
            draft.warnings.append(f"{source.name}: model-index{problem}: evaluation results not read")


def _licenses(record: Record, data: dict[str, Any]) -> None:
    for field in ("license", "license_name", "license_link"):
        if data.get(field):
            record.notes.append(f"{field}: {one_line(_text(data[field]))}")


def _text(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _model_index_name(index: Any) -> str | None:
    if isinstance(index, list) and index and isinstance(index[0], dict) and isinstance(index[0].get("name"), str):
        return str(index[0]["name"])
    return None


def _model_index_problems(index: Any) -> list[str]:
    """Where the model-index does not follow the Hub's shape (every result names a dataset)."""
    if not isinstance(index, list):
        return [": not a list"]
    problems = []
    for i, entry in enumerate(index):
        results = entry.get("results") if isinstance(entry, dict) else None
        if not isinstance(results, list):
            problems.append(f"[{i}]: no results list")
            continue
        for j, result in enumerate(results):
            if not isinstance(result, dict) or not isinstance(result.get("dataset"), dict):
                problems.append(f"[{i}].results[{j}]: no dataset")
    return problems
