"""What one check is asked to do: a frozen ``CheckRequest``, built once (by the CLI from its
options, or by a program) and echoed by the ``Report`` so that a report can say how to reproduce it.

Problems with a request are ``UsageError``s whose problems name the request's field (``as_of``,
``only``...), not a command-line flag: the CLI maps fields back to its flags (``aiguard.cli``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiguard.load.documents import MAX_FILE_BYTES

if TYPE_CHECKING:
    from aiguard.findings.baseline import Baseline

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class CheckRequest:
    """The inputs of ``aiguard.api.check``.

    ``params`` are typed parameter overrides (``params_origin`` names where each came from, for
    messages); ``param_texts`` are ``NAME=VALUE`` texts, as ``--param`` takes them; ``data_files``
    are YAML/JSON files of overrides. Precedence rises: data files, ``params``, ``param_texts``.
    ``no_exceptions`` ignores the inventory's exceptions (an audit sees every gap); ``baseline``
    (a file or a loaded ``Baseline``) marks the findings it accepts, which then do not fail.
    ``evidence`` (an ``aiguard verify`` file) turns on the ``evidence`` policies, which judge it
    against the inventory; without it they are not evaluated. ``exposure`` also computes what every
    starting point of the access graph reaches (``Report.exposures``, the audit report's section).
    ``workers``: processes for a large inventory (the library's default is this process alone;
    the CLI uses the machine's cores)."""

    paths: tuple[str, ...]
    as_of: str | dt.date | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    param_texts: tuple[str, ...] = ()
    data_files: tuple[str, ...] = ()
    params_origin: Mapping[str, str] = field(default_factory=dict)
    policy_dirs: tuple[str, ...] = ()
    builtin_policies: bool = True
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    engine: str = "regorus"
    engine_options: Mapping[str, Any] = field(default_factory=dict)
    max_file_bytes: int = MAX_FILE_BYTES
    no_exceptions: bool = False
    baseline: str | Baseline | None = None
    evidence: str | None = None
    exposure: bool = False
    workers: int = 1
    # Where the settings came from: the config files applied and the settings files or AIGUARD_*
    # variables put in effect ({"files": [...], "settings": [{"name", "value", "source"}]}); the
    # CLI fills it in, for the report.
    config: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        # Any iterable of str or path-like in, tuples of str out: hashable, iterable twice, printable.
        for name in ("paths", "param_texts", "data_files", "policy_dirs", "only", "skip"):
            object.__setattr__(self, name, _strings(getattr(self, name)))
        for name in ("baseline", "evidence"):
            value: object = getattr(self, name)  # typed narrower than what callers may pass
            if isinstance(value, os.PathLike):
                object.__setattr__(self, name, os.fspath(value))

    @property
    def baseline_file(self) -> str | None:
        """The baseline's file name (a loaded ``Baseline`` knows its own)."""
        if self.baseline is None or isinstance(self.baseline, str):
            return self.baseline
        return self.baseline.path


def _strings(values: Iterable[PathLike] | PathLike) -> tuple[str, ...]:
    if isinstance(values, (str, os.PathLike)):
        return (os.fspath(values),)
    return tuple(os.fspath(value) for value in values)
