"""The notification checklist of an incident: which duties the reached data triggers, and by when.

Each rule reads only what the scoping found (reached datasets, their sources, the partners) and
the discovery time. A duty is REQUIRED when the inventory's facts trigger it, ASSUMED when it is
triggered only because a fact is unknown (the unknown fact is named), and NOT_TRIGGERED otherwise;
every duty considered is listed, so a reader sees what was ruled out and why.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from aiguard.incident import (
    SPECIAL_CATEGORIES,
    DataSubjects,
    Duty,
    ReachedAsset,
    utc_text,
)

if TYPE_CHECKING:
    from aiguard.incident import _Scoper

REQUIRED, ASSUMED, NOT_TRIGGERED = "required", "assumed", "not triggered"

#: Region names and codes read as the EU/EEA (GDPR applies) or as known to be outside it;
#: anything else is unrecognised and counts as possibly EU/EEA.
_EEA_COUNTRIES = {
    "at": "austria", "be": "belgium", "bg": "bulgaria", "hr": "croatia", "cy": "cyprus", "cz": "czechia",
    "dk": "denmark", "ee": "estonia", "fi": "finland", "fr": "france", "de": "germany", "gr": "greece",
    "el": "greece", "hu": "hungary", "ie": "ireland", "it": "italy", "lv": "latvia", "lt": "lithuania",
    "lu": "luxembourg", "mt": "malta", "nl": "netherlands", "pl": "poland", "pt": "portugal", "ro": "romania",
    "sk": "slovakia", "si": "slovenia", "es": "spain", "se": "sweden", "is": "iceland", "li": "liechtenstein",
    "no": "norway",
}
EEA = {"eu", "eea", "europe", "european union", "european economic area", "czech republic",
       *_EEA_COUNTRIES, *_EEA_COUNTRIES.values()}
OUTSIDE_EEA = {"us", "usa", "united states", "uk", "gb", "united kingdom", "ch", "switzerland", "ca", "canada",
               "jp", "japan", "cn", "china", "in", "india", "au", "australia", "br", "brazil", "sg", "singapore",
               "kr", "south korea", "il", "israel", "mx", "mexico", "za", "south africa", "nz", "new zealand"}
US = {"us", "usa", "united states"}


def region_class(region: str) -> str:
    """"eea", "outside" or "unrecognised" for a free-text region such as ``EU``, ``DE`` or ``US``."""
    key = " ".join(region.casefold().replace("_", " ").split())
    return "eea" if key in EEA else "outside" if key in OUTSIDE_EEA else "unrecognised"


def days_after(moment: dt.datetime, days: int) -> str:
    return (moment.date() + dt.timedelta(days=days)).isoformat()


class Checklist:
    """The duties of one incident, from the scoped facts."""

    def __init__(self, scoper: _Scoper, assets: tuple[ReachedAsset, ...], subjects: tuple[DataSubjects, ...],
                 places: tuple[str, ...]) -> None:
        self.scoper, self.assets, self.subjects = scoper, assets, subjects
        #: every reached model, dataset, store and repository, and the stores holding reached assets
        self.compromised = {a.id for a in assets} | {a.store for a in assets if a.store} | set(places)
        self.discovered: dt.datetime = scoper.discovered
        datasets = [a for a in assets if a.kind == "dataset"]
        self.personal = [a for a in datasets if a.personal_data]
        self.undeclared = [a for a in datasets if a.personal_data is None]
        sources = {s.id: s for s in subjects}
        # Regions of the people behind the (possibly) personal data, and why some are unknown.
        self.eea: set[str] = set()
        self.unknown_regions: list[str] = []
        self.hipaa_sources = [s for s in subjects if s.hipaa_applicable]
        self.hipaa_unknown: list[str] = []
        for asset in self.personal + self.undeclared:
            record = scoper.record(asset.id)[2]  # type: ignore[index]
            if not record.get("sources"):
                self.unknown_region(asset.id, asset.location, f"dataset {asset.id} names no data source")
            for source in (sources[i] for i in record.get("sources") or ()):
                if not source.regions:
                    self.unknown_region(source.id, source.location, f"data source {source.id} declares no regions")
                for region in source.regions:
                    kind = region_class(region)
                    if kind == "eea":
                        self.eea.add(region)
                    elif kind == "unrecognised":
                        self.unknown_region(source.id, source.location,
                                            f"region {region!r} of data source {source.id} is not recognised")
                maybe_us = [r for r in source.regions if r.casefold() in US or region_class(r) == "unrecognised"]
                if source.hipaa_applicable is None and (maybe_us or not source.regions):
                    self.hipaa_unknown.append(f"data source {source.id} does not declare hipaa_applicable")
                    scoper.unknown(source.id, source.location, "hipaa_applicable undeclared",
                                   "HIPAA notices assumed (subjects in the US or in unknown regions)")

    def unknown_region(self, subject: str, location: str, text: str) -> None:
        self.unknown_regions.append(text)
        self.scoper.unknown(subject, location, text,
                            "counted as possibly in the EU/EEA (GDPR) and the US (HIPAA, unless hipaa_applicable "
                            "is declared)")

    def duties(self) -> tuple[Duty, ...]:
        return (*self.gdpr(), *self.hipaa(), *self.trials(), *self.partners())

    # GDPR

    def gdpr(self) -> list[Duty]:
        ids = _ids(self.personal)
        maybe = _ids(self.undeclared)
        region_reasons = ([f"data subjects in the EU/EEA ({', '.join(sorted(self.eea))})"] if self.eea else []) + \
            [f"unknown: {text}" for text in sorted(set(self.unknown_regions))]
        eea_status = REQUIRED if self.eea else ASSUMED if self.unknown_regions else NOT_TRIGGERED
        if self.personal:
            personal_status, personal_reasons = REQUIRED, [f"personal data reached: {ids}"]
        elif self.undeclared:
            personal_status, personal_reasons = ASSUMED, [f"unknown: personal_data undeclared on {maybe}"]
        else:
            personal_status, personal_reasons = NOT_TRIGGERED, ["no reached dataset holds personal data"]
        if self.undeclared and self.personal:
            personal_reasons.append(f"unknown: personal_data undeclared on {maybe}")
        status = _both(personal_status, eea_status)
        reasons = personal_reasons + (region_reasons or ["no data subject is in the EU/EEA"])
        plan = ((self.scoper.data.get("controls") or {}).get("incident_response") or {}).get("notification_hours")
        if status != NOT_TRIGGERED and plan is not None and plan > 72:
            reasons.append(f"your incident response plan allows {plan} h (controls.incident_response.notification_hours): "
                           "the law allows 72 h")
        deadline = self.discovered + dt.timedelta(hours=72)
        art33 = Duty("gdpr-art33", "Notify the supervisory authority of the personal data breach",
                     "lead supervisory authority", "GDPR Art. 33(1)", status, utc_text(deadline),
                     f"{utc_text(deadline)} (72 h after discovery); if later, give the reasons for the delay",
                     tuple(reasons))

        special = sorted({k for a in self.personal for k in a.personal_data or () if k in SPECIAL_CATEGORIES})
        special_ids = _ids(a for a in self.personal if set(a.personal_data or ()) & set(SPECIAL_CATEGORIES))
        if special:
            special_status, special_reasons = REQUIRED, [(f"special categories reached ({', '.join(special)}): "
                                                         f"{special_ids}")]
        elif self.undeclared:
            special_status, special_reasons = ASSUMED, [f"unknown: personal_data undeclared on {maybe}"]
        else:
            special_status, special_reasons = NOT_TRIGGERED, ["no health, genetic, biometric or PHI data reached"]
        status = _both(special_status, eea_status)
        art34 = Duty("gdpr-art34", "Communicate the breach to the data subjects", "the data subjects (individually)",
                     "GDPR Art. 34(1) (high risk: special categories, Art. 9)", status, None,
                     "without undue delay", tuple(special_reasons + (region_reasons or
                                                                     ["no data subject is in the EU/EEA"])))
        return [art33, art34]

    # HIPAA

    def hipaa(self) -> list[Duty]:
        phi = [a for a in self.personal if "phi" in (a.personal_data or ())]
        reasons: list[str] = []
        if phi:
            reasons.append(f"PHI reached: {_ids(phi)}")
        if self.hipaa_sources:
            reasons.append("reached data from hipaa_applicable sources: " + ", ".join(s.id for s in self.hipaa_sources))
        unknown = [f"unknown: {text}" for text in sorted(set(self.hipaa_unknown))]
        if self.undeclared:
            unknown.append(f"unknown: personal_data undeclared on {_ids(self.undeclared)} (may be PHI)")
        if any("names no data source" in text or "declares no regions" in text for text in self.unknown_regions):
            unknown.append("unknown: some data subjects' regions (may be in the US)")
        status = REQUIRED if reasons else ASSUMED if unknown else NOT_TRIGGERED
        reasons += unknown
        if status == NOT_TRIGGERED:
            reasons = ["no PHI and no hipaa_applicable source reached"]
        sixty = days_after(self.discovered, 60)
        count = "the number of affected individuals is not in the inventory"
        if status != NOT_TRIGGERED:
            self.scoper.unknown("affected individuals", "-", "number of affected individuals (per State)",
                                "assumed 500 or more, more than 500 in a State: media and HHS notices within 60 days")
        year_end = dt.date(self.discovered.year, 12, 31) + dt.timedelta(days=60)
        media_status = ASSUMED if status != NOT_TRIGGERED else NOT_TRIGGERED
        return [
            Duty("hipaa-164.404", "Notify each affected individual", "affected individuals (first-class mail or "
                 "e-mail if agreed; substitute notice if contact details are out of date)", "HIPAA 45 CFR 164.404",
                 status, sixty, f"without unreasonable delay, at the latest {sixty} (60 days after discovery)",
                 tuple(reasons)),
            Duty("hipaa-164.406", "Notify prominent media outlets", "media serving each State or jurisdiction with "
                 "more than 500 affected residents", "HIPAA 45 CFR 164.406", media_status, sixty,
                 f"without unreasonable delay, at the latest {sixty}",
                 (*reasons, (f"unknown: {count}; required if more than 500 residents of a State or jurisdiction "
                                   "are affected")) if media_status != NOT_TRIGGERED else tuple(reasons)),
            Duty("hipaa-164.408", "Notify the Secretary of HHS", "HHS Office for Civil Rights (breach portal)",
                 "HIPAA 45 CFR 164.408", media_status, sixty,
                 f"{sixty} if 500 or more individuals (with the individual notices); fewer than 500: log it and "
                 f"report by {year_end.isoformat()} (60 days after the end of {self.discovered.year})",
                 (*reasons, f"unknown: {count}; assumed 500 or more") if media_status != NOT_TRIGGERED
                 else tuple(reasons)),
        ]

    # clinical trials

    def trials(self) -> list[Duty]:
        duties = []
        seven = days_after(self.discovered, 7)
        for source in self.subjects:
            if source.kind not in ("clinical_trial", None):
                continue
            # A source that does not say what it is may be a trial: its duties are assumed, not dropped.
            status = REQUIRED if source.kind == "clinical_trial" else ASSUMED
            trial = source.trial_id or "trial id undeclared"
            if source.kind is None:
                self.scoper.unknown(source.id, source.location, "kind undeclared",
                                    "may be a clinical trial: the sponsor's and ethics committee's duties are assumed")
            elif source.trial_id is None:
                self.scoper.unknown(source.id, source.location, "trial_id undeclared",
                                    "the sponsor and registries must be found by hand")
            eea = any(region_class(r) != "outside" for r in source.regions) or not source.regions
            what = "clinical trial" if status == REQUIRED else "data source (unknown: kind undeclared, may be a trial)"
            base = [f"reached datasets from {what} {source.id} ({trial}): {', '.join(source.datasets)}"]
            if eea:
                duties.append(Duty(f"trial-sponsor:{source.id}", f"Inform the trial sponsor of {trial}",
                                   "trial sponsor (who assesses a serious breach and reports it to the member states)",
                                   "EU Clinical Trials Regulation 536/2014 Art. 52; ICH E6 GCP", status, seven,
                                   f"without undue delay; a serious breach reaches the member states by {seven} "
                                   "(7 days after the sponsor becomes aware)",
                                   (*base, "trial subjects in the EU/EEA or in unknown regions")))
            else:
                duties.append(Duty(f"trial-sponsor:{source.id}", f"Inform the trial sponsor of {trial}", "trial sponsor",
                                   "ICH E6 GCP; the protocol and clinical trial agreement", status, None,
                                   "without undue delay, as the protocol requires", tuple(base)))
            reasons = list(base)
            if source.ethics_reference is None:
                reasons.append("unknown: ethics_approval.reference undeclared: find the committee by hand")
                self.scoper.unknown(source.id, source.location, "ethics_approval undeclared",
                                    "the ethics committee to inform must be found by hand")
            elif source.ethics_expires and source.ethics_expires < self.scoper.as_of.isoformat():
                reasons.append(f"approval {source.ethics_reference} expired on {source.ethics_expires}")
            duties.append(Duty(f"trial-ethics:{source.id}", f"Inform the ethics committee of {trial}",
                               f"ethics committee of approval {source.ethics_reference or '(undeclared)'}",
                               "the approval's conditions; EU CTR Art. 52 via the sponsor", status, None,
                               "without undue delay, as the approval's conditions require", tuple(reasons)))
        return duties

    # partners

    def partners(self) -> list[Duty]:
        data = self.scoper.data
        partners = {p["id"]: p for p in data["partners"]}
        reached = self.compromised
        duties = []
        for start in self.scoper.starts:
            kind, _, name = start.partition(":")
            if kind != "partner" or name not in partners:
                continue
            hours = ((partners[name].get("agreements") or {}).get("breach_notice_hours"))
            if hours is None:
                deadline, text = None, "no contractual notice time (agreements.breach_notice_hours undeclared)"
                self.scoper.unknown(name, self.scoper.where("partners", self.scoper.inventory.ids[name][1]),
                                    "agreements.breach_notice_hours undeclared",
                                    "no contractual deadline to hold the partner to")
            else:
                moment = self.discovered + dt.timedelta(hours=hours)
                deadline, text = utc_text(moment), (f"{utc_text(moment)} ({hours} h by contract; from the partner's own " \
                    "discovery, which may be earlier)")
            duties.append(Duty(f"partner-notice:{name}", f"Obtain the breach notice of partner {name}",
                               f"partner {name} (its access was leaked)",
                               "the partner agreement (DPA/BAA breach notice clause)", REQUIRED, deadline, text,
                               (f"{start} is among the leaked items",)))
        granted: dict[str, set[str]] = {}
        for grant in data["access"]:
            kind, _, name = grant["principal"].partition(":")
            if kind == "partner" and grant["asset"] in reached and grant["principal"] not in self.scoper.starts:
                granted.setdefault(name, set()).add(grant["asset"])
        for name, assets in sorted(granted.items()):
            duties.append(Duty(f"partner-inform:{name}", f"Inform partner {name}",
                               f"partner {name} (holds access to reached data)",
                               "the partner agreement (DPA Art. 28 / BAA); shared credentials", REQUIRED, None,
                               "without undue delay: shared data is compromised; rotate what you share with it",
                               (f"its grants reach compromised places: {', '.join(sorted(assets))}",)))
        return duties


def _both(first: str, second: str) -> str:
    """A duty needing two conditions: the weaker of the two statuses."""
    order = (NOT_TRIGGERED, ASSUMED, REQUIRED)
    return order[min(order.index(first), order.index(second))]


def _ids(assets: Any) -> str:
    return ", ".join(sorted(a.id for a in assets))
