"""The measurability check: which SLA terms cannot be measured, why, and what to ask for instead.

A pure function over plain values (no database): ``check_terms(terms, priorities)`` takes the
fields of an SLA version as a mapping and its priority targets as a list of mappings, so it
works the same for a stored version, a form being filled in, or terms read from a document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ketenwacht.contracts.models.sla import DURATION_TERMS

TERM_LABELS = {
    "availability": gettext_lazy("Availability"),
    "downtime": gettext_lazy("What counts as downtime"),
    "maintenance": gettext_lazy("Planned maintenance"),
    "service_hours": gettext_lazy("Service hours"),
    "support_hours": gettext_lazy("Support hours"),
    "priorities": gettext_lazy("Response and resolution times"),
    "security_notification": gettext_lazy("Security incident notification"),
    "backup": gettext_lazy("Backups"),
    "rpo": gettext_lazy("Recovery point objective (RPO)"),
    "rto": gettext_lazy("Recovery time objective (RTO)"),
    "patch_critical": gettext_lazy("Patching critical vulnerabilities"),
    "audit": gettext_lazy("Audit right"),
    "pentest": gettext_lazy("Penetration tests"),
    "credits": gettext_lazy("Service credits"),
    "liability": gettext_lazy("Liability"),
}

# What to ask the supplier for instead, per term.
ASK = {
    "availability": gettext_lazy("A percentage with a measurement period and time zone, e.g. 99.8 % per month "
                                 "(Europe/Brussels)."),
    "downtime": gettext_lazy("Whether partial outages (slow, or down for some users) count as downtime, and with "
                             "which weight, e.g. 50 %."),
    "maintenance": gettext_lazy("Whether planned maintenance counts as downtime, in which weekly windows it may "
                                "happen (outside office hours), at most how many minutes per month, and how many "
                                "days' notice you get."),
    "service_hours": gettext_lazy("The hours in which the service must be available: 24x7, or weekdays and times "
                                  "with the public holidays that do not count."),
    "support_hours": gettext_lazy("The hours in which support answers and works on incidents: 24x7, or weekdays "
                                  "and times with public holidays."),
    "priorities": gettext_lazy("Per priority (P1–P4, with your own definitions): a response time and a "
                               "resolution time, each in business hours, working days or clock hours."),
    "security_notification": gettext_lazy("A deadline for reporting a security incident to you, e.g. within 24 "
                                          "clock hours."),
    "backup": gettext_lazy("How often a backup is made (e.g. every 24 hours) and how long it is kept (e.g. 30 "
                           "days)."),
    "rpo": gettext_lazy("The most data you may lose, as a time, e.g. 4 hours."),
    "rto": gettext_lazy("The longest time until the service works again after a disaster, e.g. 8 hours."),
    "patch_critical": gettext_lazy("A deadline for installing patches for critical vulnerabilities, e.g. 72 "
                                   "hours after release."),
    "audit": gettext_lazy("A right to audit (yourself or by an auditor) and how often, e.g. once a year."),
    "pentest": gettext_lazy("How often the supplier has a penetration test done, e.g. every 12 months, and that "
                            "you get the summary."),
    "credits": gettext_lazy("Credit tiers (e.g. 10 % of the monthly fee below 99.8 %, 25 % below 99 %) and a "
                            "cap."),
    "liability": gettext_lazy("A liability cap as an amount, e.g. EUR 250,000 per year."),
}

# Vague wording: (pattern on normalised text, why it is not measurable).
_EFFORT = gettext_lazy("promises effort, not a result")
_NO_DEADLINE = gettext_lazy("sets no deadline")
_INTERPRETATION = gettext_lazy("leaves the deadline or the effort open to interpretation")
_POSTPONED = gettext_lazy("postpones the agreement to later")
_AIM = gettext_lazy("states an aim, not a commitment")
_EXCEPTIONS = gettext_lazy("leaves room for exceptions")
_HOW_OFTEN = gettext_lazy("does not say how often")
VAGUE_PATTERNS: tuple[tuple[re.Pattern[str], Any], ...] = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"\bbest[- ]efforts?\b", _EFFORT),
        (r"\b(?:naar )?(?:beste|uiterste) (?:inspanning(?:en)?|vermogen)\b", _EFFORT),
        (r"\bnaar vermogen\b", _EFFORT),
        (r"\binspanningsverplichting\b", _EFFORT),
        (r"\b(?:reasonable|all reasonable|commercially reasonable) efforts?\b", _EFFORT),
        (r"\bzo (?:snel|spoedig|vlug) (?:als )?mogelijk\b", _NO_DEADLINE),
        (r"\bz\.s\.m\.|\bzsm\b", _NO_DEADLINE),
        (r"\bas soon as (?:possible|practicable|reasonably possible)\b", _NO_DEADLINE),
        (r"\basap\b", _NO_DEADLINE),
        (r"\bonverwijld\b", _NO_DEADLINE),
        (r"\bpromptly\b", _NO_DEADLINE),
        (r"\bwithout undue delay\b", _NO_DEADLINE),
        (r"\bzonder onredelijke vertraging\b", _NO_DEADLINE),
        (r"\bredelijke (?:termijn|tijd)\b", _INTERPRETATION),
        (r"\bredelijkerwijs\b", _INTERPRETATION),
        (r"\bcommercially reasonable\b", _INTERPRETATION),
        (r"\bcommercieel redelijk\w*\b", _INTERPRETATION),
        (r"\breasonable (?:time|period|timeframe|notice)\b", _INTERPRETATION),
        (r"\bin (?:onderling )?overleg\b", _POSTPONED),
        (r"\bnader (?:overeen te komen|te bepalen|af te spreken)\b", _POSTPONED),
        (r"\b(?:by mutual agreement|to be agreed|to be determined|tbd)\b", _POSTPONED),
        (r"\b(?:na)?stre(?:ven|ef\w*)\b", _AIM),
        (r"\b(?:aims? to|endeavou?rs? to|strives? to)\b", _AIM),
        (r"\b(?:indien|waar|zoveel) mogelijk\b", _EXCEPTIONS),
        (r"\b(?:if|where|as far as|wherever) (?:possible|practicable|feasible)\b", _EXCEPTIONS),
        (r"\bin principe\b", _EXCEPTIONS),
        (r"\bin principle\b", _EXCEPTIONS),
        (r"\b(?:doorgaans|normaal gesproken|in de regel|meestal)\b", _EXCEPTIONS),
        (r"\b(?:usually|normally|typically|generally)\b", _EXCEPTIONS),
        (r"\b(?:tijdig|timely|in a timely manner)\b", _NO_DEADLINE),
        (r"\b(?:regelmatig|periodiek|geregeld|regularly|periodically|from time to time)\b", _HOW_OFTEN),
    )
)


@dataclass(frozen=True)
class Finding:
    """One reason a term is not measurable."""

    term: str
    code: str  # missing_value | missing_unit | missing_period | not_agreed | vague
    reason: str
    ask: str
    field: str = ""
    phrase: str = ""

    @property
    def term_label(self) -> str:
        return str(TERM_LABELS.get(self.term, self.term))

    def to_dict(self) -> dict[str, str]:
        return {"term": self.term, "code": self.code, "field": self.field, "reason": self.reason,
                "ask": self.ask, "phrase": self.phrase}


@dataclass
class _Collector:
    findings: list[Finding] = field(default_factory=list)

    def add(self, term: str, code: str, reason: str, fld: str = "", phrase: str = "") -> None:
        self.findings.append(Finding(term, code, str(reason), str(ASK[term]), fld, phrase))


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower case without accents and with single spaces, and for each character its index in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            folded = " "
        else:
            folded = "".join(c for c in unicodedata.normalize("NFKD", ch.lower()) if not unicodedata.combining(c))
        for c in folded:
            chars.append(c)
            origin.append(i)
    return "".join(chars), origin


def vague_phrases(text: str) -> list[tuple[str, str]]:
    """Each vague phrase in ``text`` (as written) with why it is not measurable, in order of appearance."""
    if not text:
        return []
    normalised, origin = _normalise(text)
    found: list[tuple[int, int, str]] = []
    for pattern, reason in VAGUE_PATTERNS:
        for match in pattern.finditer(normalised):
            if match.end() > match.start():
                found.append((match.start(), match.end(), str(reason)))
    found.sort(key=lambda f: (f[0], -f[1]))  # at one position, the longest phrase wins
    out: list[tuple[str, str]] = []
    last_end = -1
    for start, end, reason in found:
        if start < last_end:  # overlapping matches ("commercially reasonable efforts"): keep the first
            continue
        out.append((text[origin[start]:origin[end - 1] + 1], reason))
        last_end = end
    return out


def _duration(c: _Collector, terms: Mapping[str, Any], term: str, key: str, what: str) -> None:
    value, unit = terms.get(f"{key}_value"), terms.get(f"{key}_unit")
    if value is None:
        c.add(term, "missing_value", _("No number is agreed for %(what)s.") % {"what": what}, f"{key}_value")
    elif not unit:
        c.add(term, "missing_unit", _("%(what)s has a number but no unit.") % {"what": what.capitalize()},
              f"{key}_unit")


def check_terms(terms: Mapping[str, Any], priorities: Sequence[Mapping[str, Any]] = ()) -> list[Finding]:
    """Every reason why a term of this SLA is not measurable; an empty list means all are."""
    c = _Collector()
    target = terms.get("availability_target_percent")
    if target is None:
        c.add("availability", "missing_value", _("No availability percentage is agreed."),
              "availability_target_percent")
    elif not terms.get("availability_period"):
        c.add("availability", "missing_period",
              _("The availability target has no measurement period: 99.9 % per year allows a whole working "
                "day of downtime in one go, per month less than an hour."), "availability_period")
    if not terms.get("downtime_definition"):
        c.add("downtime", "not_agreed", _("It is not agreed what counts as downtime."), "downtime_definition")
    elif terms.get("downtime_definition") == "partial_weighted" and terms.get("partial_weight") is None:
        c.add("downtime", "missing_value", _("Partial outages count, but with no agreed weight."), "partial_weight")
    if not terms.get("maintenance"):
        c.add("maintenance", "not_agreed", _("It is not agreed whether planned maintenance counts as downtime."),
              "maintenance")
    if not terms.get("maintenance_windows"):
        c.add("maintenance", "not_agreed", _("No maintenance windows are agreed."), "maintenance_windows")
    if terms.get("maintenance_max_minutes") is None:
        c.add("maintenance", "missing_value", _("No maximum amount of planned maintenance is agreed."),
              "maintenance_max_minutes")
    elif not terms.get("maintenance_max_period"):
        c.add("maintenance", "missing_period", _("The maximum planned maintenance has no period."),
              "maintenance_max_period")
    _duration(c, terms, "maintenance", "maintenance_notice", _("notice of planned maintenance"))
    if terms.get("service_hours") in (None, ""):
        c.add("service_hours", "not_agreed", _("No service hours are agreed."), "service_hours")
    if terms.get("support_hours") in (None, ""):
        c.add("support_hours", "not_agreed", _("No support hours are agreed."), "support_hours")
    _priorities(c, priorities)
    _duration(c, terms, "security_notification", "security_notification",
              _("the security incident notification deadline"))
    _duration(c, terms, "backup", "backup_frequency", _("the backup frequency"))
    _duration(c, terms, "backup", "backup_retention", _("backup retention"))
    _duration(c, terms, "rpo", "rpo", _("the recovery point objective"))
    _duration(c, terms, "rto", "rto", _("the recovery time objective"))
    _duration(c, terms, "patch_critical", "patch_critical", _("the patch deadline for critical vulnerabilities"))
    if terms.get("audit_right") is None:
        c.add("audit", "not_agreed", _("It is not agreed whether you may audit the supplier."), "audit_right")
    elif terms.get("audit_right"):
        if terms.get("audit_frequency_value") is None:
            c.add("audit", "missing_period", _("The audit right does not say how often."), "audit_frequency_value")
        elif not terms.get("audit_frequency_unit"):
            c.add("audit", "missing_unit", _("The audit frequency has a number but no unit."), "audit_frequency_unit")
    _duration(c, terms, "pentest", "pentest_frequency", _("the penetration test frequency"))
    if not terms.get("credit_tiers"):
        c.add("credits", "not_agreed", _("No service credits are agreed for missed targets."), "credit_tiers")
    elif terms.get("credit_cap_percent") is None:
        c.add("credits", "missing_value", _("The service credits have no cap."), "credit_cap_percent")
    if terms.get("liability_cap_amount") is None:
        c.add("liability", "missing_value", _("No liability cap is agreed."), "liability_cap_amount")
    wording = terms.get("wording") or {}
    for term in TERM_LABELS:
        for phrase, reason in vague_phrases(str(wording.get(term) or "")):
            c.add(term, "vague", _("“%(phrase)s” %(reason)s.") % {"phrase": phrase, "reason": reason},
                  f"wording.{term}", phrase)
    return c.findings


def _priorities(c: _Collector, priorities: Sequence[Mapping[str, Any]]) -> None:
    if not priorities:
        c.add("priorities", "not_agreed", _("No response or resolution times are agreed."), "priority_targets")
        return
    for i, row in enumerate(priorities):
        p = row.get("priority") or "?"
        prefix = f"priority_targets.{i}."
        if not (row.get("definition") or "").strip():
            c.add("priorities", "not_agreed", _("%(p)s has no definition of when it applies.") % {"p": p},
                  prefix + "definition")
        for clock, label in (("response", _("response time")), ("resolution", _("resolution time"))):
            if row.get(f"{clock}_value") is None:
                c.add("priorities", "missing_value", _("%(p)s has no %(what)s.") % {"p": p, "what": label},
                      f"{prefix}{clock}_value")
            elif not row.get(f"{clock}_unit"):
                c.add("priorities", "missing_unit", _("The %(what)s of %(p)s has no unit.") % {"p": p, "what": label},
                      f"{prefix}{clock}_unit")
        for phrase, reason in vague_phrases(str(row.get("definition") or "")):
            if reason == str(_HOW_OFTEN):
                continue  # "regelmatig" in a definition of a priority says nothing about a deadline
            c.add("priorities", "vague", _("“%(phrase)s” %(reason)s.") % {"phrase": phrase, "reason": reason},
                  prefix + "definition", phrase)


def duration_terms() -> dict[str, tuple[str, ...]]:
    """Which units each duration term accepts (for forms and the API schema)."""
    return dict(DURATION_TERMS)
