"""The library API; the CLI is a thin shell over these functions.

    >>> import aiguard
    >>> report = aiguard.check(["inventories/compliant"], as_of="2026-11-25")
    >>> report.failing("high")
    []

Each stage is a package: ``load`` (files -> documents with lines), ``validate`` (schema, merge,
references), ``evaluate`` (policies on an engine), ``findings`` (locate, waive, sort) and
``output`` (one module per format).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiguard.dates import parse_evaluation_date
from aiguard.errors import UsageError
from aiguard.evaluate.parameters import Parameters
from aiguard.evaluate.policyset import PolicySet, load_policy_set
from aiguard.findings import Finding, Report, collect
from aiguard.findings.baseline import Baseline
from aiguard.findings.baseline import apply as apply_baseline
from aiguard.findings.baseline import load as load_baseline
from aiguard.load import discover, read_documents
from aiguard.load.documents import MAX_FILE_BYTES
from aiguard.request import CheckRequest, PathLike
from aiguard.validate import MergedInventory
from aiguard.validate.inventory import validate_inventory

if TYPE_CHECKING:
    from aiguard.evaluate.engine import Engine
    from aiguard.evaluate.policyset import Policy
    from aiguard.exposure import Exposure



def load_inventory(paths: Iterable[PathLike] | PathLike, *, max_file_bytes: int = MAX_FILE_BYTES,
                   policy_ids: Collection[str] | None = None, workers: int = 1) -> MergedInventory:
    """Read, schema-check and merge an inventory; raise ``InputError`` listing every problem of
    every file and stage at once (``policy_ids``: the policies exceptions may name; ``workers``:
    processes to parse a large inventory with)."""
    documents, problems = read_documents(discover(_paths(paths)), max_file_bytes, workers)
    return validate_inventory(documents, problems, policy_ids)


#: ``validate`` is what ``aiguard validate`` runs: the schema and references, no policies.
validate = load_inventory


def parse_as_of(value: str | dt.date | None) -> dt.date:
    """The evaluation date; today when not given (the only place aiguard reads the clock)."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    return parse_day(value, "as_of")


def parse_day(value: str, field: str) -> dt.date:
    """A ``YYYY-MM-DD`` date within the years policies compute with; a usage error naming the
    request ``field`` otherwise."""
    try:
        return parse_evaluation_date(value)
    except ValueError as error:
        raise UsageError.of(field, str(error)) from None


def policy_data(policy_set: PolicySet, parameters: Parameters, as_of: dt.date) -> dict[str, Any]:
    """The ``data`` document every engine gets: declared parameters, overrides and the as-of date."""
    return {
        "aiguard": {
            "parameters": policy_set.parameters,
            "params": parameters.overrides,
            "as_of": as_of.isoformat(),
        }
    }


def make_parameters(
    policy_set: PolicySet,
    params: Mapping[str, Any] | None = None,
    param_texts: Iterable[str] = (),
    data_files: Iterable[PathLike] = (),
    params_origin: Mapping[str, str] | None = None,
) -> Parameters:
    """Overrides in rising precedence: data files, then typed values, then ``NAME=VALUE`` texts.

    ``params_origin`` names where each typed value came from (a config file's line), for errors.
    """
    parameters = Parameters(policy_set.parameters)
    for path in data_files:
        parameters.load_file(Path(path))
    for name, value in (params or {}).items():
        parameters.set(name, value, (params_origin or {}).get(name, "params"))
    for text in param_texts:
        parameters.set_text(text)
    return parameters


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one check, then restore it: an inventory is
    millions of containers without cycles, and every full collection walks them all (10 to 15%
    of the CPU of a 100,000-asset check). Nothing a check makes needs the collector to be freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(paths: Iterable[PathLike] | PathLike | CheckRequest, **options: Any) -> Report:
    """Check an inventory against the policy library and return the report.

    ``check(request)`` takes a ``CheckRequest``; ``check(paths, as_of=..., only=...)`` builds one
    from its keyword arguments (the fields of ``CheckRequest``).

    ``evidence`` (an ``aiguard verify`` file) turns on the ``evidence`` policies, which judge it
    against the inventory; without it they are not evaluated and the check is as before.

    Raises ``AiguardError`` (exit code 2 in the CLI) for unreadable or invalid input, bad
    parameters, and policies that fail to load or evaluate; it never returns a partial report.
    """
    if isinstance(paths, CheckRequest):
        if options:
            raise TypeError("check(request) takes no other arguments")
        request = paths
    else:  # CheckRequest turns any iterable of paths into its tuple of str
        request = CheckRequest(paths=paths, **options)  # type: ignore[arg-type]
    with _collector_paused():
        return _check(request)


def _check(request: CheckRequest) -> Report:
    from aiguard._version import __version__
    from aiguard.evaluate.engine import get_engine

    baseline = request.baseline
    if baseline is not None and not isinstance(baseline, Baseline):
        baseline = load_baseline(baseline)  # before the evaluation: a bad file fails fast
    day = parse_as_of(request.as_of)
    policy_set = load_policy_set(request.policy_dirs, include_builtin=request.builtin_policies)
    selected = policy_set.select(request.only, request.skip)
    evidence_document = _load_evidence(request.evidence, selected)
    if evidence_document is None:
        selected = [policy for policy in selected if not _judges_evidence(policy)]
    parameters = make_parameters(policy_set, request.params, request.param_texts, request.data_files,
                                 request.params_origin)
    inventory = load_inventory(request.paths, max_file_bytes=request.max_file_bytes, workers=request.workers,
                               policy_ids={policy.id for policy in policy_set.policies})
    backend = get_engine(request.engine, **request.engine_options)
    data = policy_data(policy_set, parameters, day)
    if evidence_document is not None:
        from aiguard.evidence.document import inventory_digest

        data["aiguard"]["evidence"] = evidence_document
        data["aiguard"]["inventory_digest"] = inventory_digest(inventory)
    run = _Run(backend, policy_set, data, inventory, day, not request.no_exceptions)
    findings = run.findings(selected, request.workers)
    findings, baseline_absent = apply_baseline(findings, baseline) if baseline else (findings, 0)
    return Report(
        request=request,
        tool_version=__version__,
        engine=backend.name,
        policy_digest=policy_set.digest,
        policies=selected,
        as_of=day.isoformat(),
        parameters=parameters.effective,
        parameter_overrides=dict(parameters.overrides),
        files=[str(d.path) for d in inventory.documents],
        organization=(inventory.data.get("metadata") or {}).get("organization"),
        findings=findings,
        baseline_absent=baseline_absent,
        evidence=_evidence_summary(evidence_document, request.evidence),
        exposures=_exposures(inventory, day) if request.exposure else None,
    )


class _Run:
    """Evaluate and collect. For a large inventory and an engine that allows it, the policies are
    split into shares (``aiguard.parallel``) that forked workers evaluate and collect side by side:
    collecting is per policy, so the shares are independent, and turning 200,000 raw results into
    located findings is a CPU cost that splits as well as evaluation does."""

    def __init__(self, backend: Engine, policy_set: PolicySet, data: dict[str, Any], inventory: MergedInventory,
                 day: dt.date, apply_exceptions: bool) -> None:
        self.backend, self.policy_set, self.data = backend, policy_set, data
        self.inventory, self.day, self.apply_exceptions = inventory, day, apply_exceptions

    def findings(self, policies: list[Policy], workers: int) -> list[Finding]:
        from aiguard.parallel import fork_map, policy_shares, worth_forking

        size = sum(document.size for document in self.inventory.documents)
        if not (self.backend.forkable and len(policies) > 1 and worth_forking(workers, size)):
            return self._collect(policies)
        shares = policy_shares(policies, workers)
        parts = fork_map(_Run._collect, [(share,) for share in shares], len(shares), first_here=True, context=self)
        return sorted((finding for part in parts for finding in part), key=Finding.sort_key)

    def _collect(self, policies: list[Policy]) -> list[Finding]:
        raw = self.backend.evaluate(self.policy_set.modules, self.data, self.inventory.data,
                                    {policy.id: policy.rule for policy in policies})
        return collect(raw, policies, self.inventory, self.day, apply_exceptions=self.apply_exceptions)


#: The policy area that judges an evidence file; evaluated only when a check is given one.
EVIDENCE_AREA = "evidence"


def _judges_evidence(policy: Policy) -> bool:
    """A shipped policy of the evidence area. A custom policy is always evaluated, whatever its
    directory is called: one in a folder named ``evidence`` was dropped in silence (a PASS)."""
    from aiguard.evaluate.builtins import untrusted

    return policy.area == EVIDENCE_AREA and not untrusted([policy.module])


def _load_evidence(evidence: str | None, selected: list[Policy]) -> dict[str, Any] | None:
    if evidence is None:
        if selected and all(_judges_evidence(policy) for policy in selected):
            raise UsageError.of("evidence", "the evidence policies need an evidence file (from `aiguard verify`)")
        return None
    from aiguard.evidence.document import load

    return load(evidence)


def _evidence_summary(document: dict[str, Any] | None, path: str | None) -> dict[str, Any] | None:
    if document is None:
        return None
    from aiguard.evidence.document import summary

    return summary(document, str(path))


def _exposures(inventory: MergedInventory, day: dt.date) -> list[Exposure]:
    from aiguard.exposure import exposures

    return exposures(inventory, day)


def _paths(paths: Iterable[PathLike] | PathLike) -> list[PathLike]:
    return [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)

