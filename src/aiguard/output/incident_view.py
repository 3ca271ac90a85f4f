"""The incident report's content, prepared once for the text, Markdown and HTML formats.

``view(incident)`` turns an ``Incident`` into a title, facts and sections of plain-text tables,
checklist first (what a compliance team needs in the first hours); each renderer only decides
markup and escaping. Nothing reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiguard.output.exposure import gb_text as _number
from aiguard.output.text import counted

if TYPE_CHECKING:
    from aiguard.incident import Hop, Incident, Reach

#: Column holding a duty's status: renderers may typeset it as a badge.
STATUS = "Status"


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    note: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "None."


@dataclass(frozen=True)
class IncidentView:
    title: str
    headline: str
    facts: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    disclaimer: str


def view(incident: Incident) -> IncidentView:
    counts = {status: sum(1 for d in incident.duties if d.status == status) for status in ("required", "assumed")}
    reach = incident.reach
    headline = (f"{assets_text(len(reach.assets))} reached, {gb_text(reach.gb_total)} "
                f"({gb_text(reach.gb_sensitive)} sensitive); {counted(len(incident.credentials), 'other credential')} "
                f"to rotate; {counted(counts['required'], 'notification duty', 'notification duties')} required and "
                f"{counts['assumed']} assumed because of {counted(len(incident.unknowns), 'unknown fact')}.")
    discovered = incident.discovered + (" (a date only: taken as 00:00 UTC, the strictest reading)"
                                        if incident.discovered_assumed_midnight else "")
    facts = (
        ("Organization", incident.organization or "(not set in the inventory metadata)"),
        ("Leaked", ", ".join(incident.leaked)),
        ("Discovered", discovered),
        ("Exposed since", incident.since or "unknown (--since not given): no log can be shown to cover the exposure"),
        ("Grants and credentials as of", f"{incident.as_of} (every grant or credential unexpired then counts as open)"),
        ("Reached", (f"{assets_text(len(reach.assets))}, {gb_text(reach.gb_total)}; sensitive "
                    f"{gb_text(reach.gb_sensitive)}; unclassified {gb_text(reach.gb_unclassified)}")),
        ("Classifications", ", ".join(f"{name}: {n}" for name, n in incident.classifications.items()) or "none"),
        ("Personal data", ", ".join(incident.personal_data) or "none reached"),
        ("Data subjects' regions", ", ".join(incident.regions) or "none declared"),
        ("Also reached", ", ".join(incident.other_places) or "no store or repository"),
    )
    sections = (
        Section("checklist", "Notification checklist",
                "Deadlines count from the discovery. required: the inventory's facts trigger the duty; assumed: "
                "triggered because a fact is unknown (named); not triggered: ruled out, with the reason.",
                (STATUS, "Duty", "Recipient", "Deadline", "Basis", "Why"),
                tuple((d.status, d.title, d.recipient, d.deadline_text, d.basis, "; ".join(d.reasons))
                      for d in incident.duties)),
        Section("unknowns", f"Unknown facts ({len(incident.unknowns)})",
                "Facts the inventory does not state. Each counts against the organization: the scoping assumed "
                "the worse case. Declaring the fact in the inventory and re-running narrows the scope.",
                ("Subject", "Where", "Unknown", "Assumed"),
                tuple((u.subject, u.location, u.fact, u.assumed) for u in incident.unknowns)),
        Section("reach", "What the leaked items reach",
                "Models and datasets through every path of grants, credentials, containment, secrets found in "
                "reached places and public access; the last row is the union.",
                ("From", "#Reached", "#GB total", "#GB sensitive", "#GB unclassified", "Assets"),
                tuple(_reach_row(r.start, r) for r in incident.per_leaked)
                + ((_reach_row("all leaked items", incident.reach),) if len(incident.per_leaked) > 1 else ())),
        Section("assets", f"Reached models and datasets ({len(incident.assets)})",
                "One shortest path per asset, each hop with the file:line that opens it.",
                ("Asset", "Kind", "#GB", "Classification", "Personal data", "Store", "Path"),
                tuple((a.id, a.kind, gb_text(a.size_gb), a.classification or "unclassified",
                       "undeclared" if a.personal_data is None and a.kind == "dataset" else
                       ", ".join(a.personal_data or ()) or "none", a.store or "undeclared", path_text(a.path))
                      for a in incident.assets)),
        Section("credentials", f"Other credentials to rotate ({len(incident.credentials)})",
                "Credentials whose secret lies in a reached place (or is public): whoever holds the leaked items "
                "can use them too. Rotate them with the leaked ones.",
                ("Credential", "Kind", "Stored in", "Exposed through", "#GB opened", "Opens"),
                tuple((c.node, c.kind or "undeclared", c.stored_in or "undeclared", path_text(c.path),
                       gb_text(c.opens.gb_total), ", ".join(c.opens.assets) or "no model or dataset")
                      for c in incident.credentials),
                "No other credential is exposed."),
        Section("subjects", f"Data subjects behind the reached data ({len(incident.subjects)})",
                "The data sources of the reached datasets: whose data it is and where they are.",
                ("Source", "Kind", "Trial", "Regions", "HIPAA", "Ethics approval", "Reached datasets"),
                tuple((s.id + (f" ({s.name})" if s.name else ""), s.kind or "undeclared", s.trial_id or "-",
                       ", ".join(s.regions) or "undeclared", _flag(s.hipaa_applicable),
                       f"{s.ethics_reference or 'undeclared'}" + (f", expires {s.ethics_expires}" if s.ethics_expires
                                                                  else ""), ", ".join(s.datasets))
                      for s in incident.subjects),
                "No reached dataset names a data source."),
        Section("logs", f"Access logs of the stores involved ({len(incident.stores)})",
                "Whether each store's data-access logs exist and reach back to the start of the exposure: if "
                "they do, actual access can be determined; if not, assume everything in the store was copied.",
                ("Store", "Data-access logs", "#Retention days", "Logs from", "Actual access", "Verdict"),
                tuple((s.store, _flag(s.data_access), "undeclared" if s.retention_days is None else str(s.retention_days),
                       s.logs_from or "-", "can be determined" if s.determinable else "assume all copied", s.verdict)
                      for s in incident.stores)),
    )
    title = "Incident scope" + (f": {incident.organization}" if incident.organization else "")
    return IncidentView(title, headline, facts, sections, incident.disclaimer)


def assets_text(n: int) -> str:
    """``1 model or dataset``, ``2 models and datasets``."""
    return counted(n, "model or dataset", "models and datasets")


def path_text(hops: tuple[Hop, ...]) -> str:
    """``a -> b (grant, file:line) -> c (containment, file:line)``."""
    if not hops:
        return "-"
    return " -> ".join([hops[0].source, *(f"{h.target} ({h.rule}, {h.location})" for h in hops)])


def _reach_row(start: str, reach: Reach) -> tuple[str, ...]:
    return (start, str(len(reach.assets)), gb_text(reach.gb_total), gb_text(reach.gb_sensitive),
            gb_text(reach.gb_unclassified), ", ".join(reach.assets) or "nothing")


def gb_text(value: float) -> str:
    return f"{_number(value)} GB"


def _flag(value: bool | None) -> str:
    return "undeclared" if value is None else "yes" if value else "no"
