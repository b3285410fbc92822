"""A year of realistic demo incidents and outages up to now, with breaches in the register.

Generated from a fixed seed per contract and month, so running the demo again the same month
changes nothing and a later run only adds what has happened since (and closes incidents that
were still open). Some months are made bad on purpose (a long outage, a slow priority-1
resolution) so the reports, the breach register and the dashboard show breaches.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from ketenwacht.contracts.models import Contract
from ketenwacht.contracts.periods import Period
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.performance import services, validation
from ketenwacht.performance.importing.run import ImportResult, apply_rows
from ketenwacht.performance.models import Breach, ImportMapping, Source

MONTHS = 12
BREACH_MONTHS = 4
ZONE = ZoneInfo("Europe/Brussels")

SUMMARIES = {
    "P1": ["Dienst volledig onbereikbaar", "Inloggen onmogelijk voor alle gebruikers", "Database niet beschikbaar"],
    "P2": ["Trage respons bij piekbelasting", "Koppeling met rijksregister faalt", "Afdeling kan niet afdrukken"],
    "P3": ["Gebruiker kan niet inloggen", "Foutmelding bij export naar PDF", "Laptop start niet op"],
    "P4": ["Vraag over rechten", "Verzoek nieuwe snelkoppeling", "Wens: extra rapportveld"],
}


@dataclass(frozen=True)
class Profile:
    prefix: str
    incidents: tuple[int, int]
    weights: tuple[float, float, float, float]  # P1–P4
    outages: tuple[int, int]
    outage_minutes: tuple[int, int]
    partial_share: float = 0.0
    planned_monthly: bool = True
    slow_share: float = 0.08  # share of incidents that take longer than agreed
    bad_month: int | None = None  # months back: one long outage that breaks the target
    bad_minutes: int = 0


PROFILES = {
    "2022-ICT-014": Profile("SCH", (5, 10), (0.05, 0.15, 0.5, 0.3), (0, 2), (4, 15), bad_month=3, bad_minutes=95),
    "2023-SAAS-003": Profile("BZO", (4, 8), (0.05, 0.25, 0.7, 0.0), (0, 2), (10, 45), bad_month=5, bad_minutes=1500),
    "2024-WP-021": Profile("VW", (25, 45), (0.03, 0.12, 0.55, 0.3), (0, 1), (20, 90), slow_share=0.1, bad_month=1,
                           bad_minutes=600),
    "2021-NET-007": Profile("NK", (2, 6), (0.15, 0.85, 0.0, 0.0), (1, 3), (2, 12), partial_share=0.4, bad_month=2,
                            bad_minutes=40),
    "2025-TEL-002": Profile("TV", (2, 5), (1.0, 0.0, 0.0, 0.0), (0, 2), (5, 30), planned_monthly=False),
    "MW-STD-2023": Profile("MW", (0, 0), (1.0, 0.0, 0.0, 0.0), (0, 2), (5, 50), planned_monthly=False, bad_month=4,
                           bad_minutes=70),
}
# Typical time to first response and to resolution (minutes of clock time) per priority.
RESPONSE = {"P1": (5, 40), "P2": (15, 100), "P3": (30, 200), "P4": (60, 400)}
RESOLUTION = {"P1": (60, 200), "P2": (120, 420), "P3": (240, 1800), "P4": (600, 5000)}


def _moment(rng: random.Random, month: Period, office: bool) -> dt.datetime:
    days = (month.last_day - month.first_day).days + 1
    for _ in range(50):
        day = month.first_day + dt.timedelta(days=rng.randrange(days))
        if office and day.weekday() >= 5:
            continue
        minute = rng.randrange(8 * 60, 17 * 60) if office else rng.randrange(24 * 60)
        # Back to UTC before adding durations: wall-clock arithmetic goes wrong across a DST change.
        return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=ZONE).astimezone(dt.UTC)
    return dt.datetime.combine(month.first_day, dt.time(10), tzinfo=ZONE).astimezone(dt.UTC)


def _incidents(contract: Contract, profile: Profile, month: Period, now: dt.datetime) -> list[dict[str, Any]]:
    rng = random.Random(f"{contract.reference}-{month.label}-incidents")
    rows = []
    services_list = list(contract.services.all())
    for n in range(rng.randint(*profile.incidents)):
        priority = rng.choices(("P1", "P2", "P3", "P4"), weights=profile.weights)[0]
        reported = _moment(rng, month, office=rng.random() < 0.85)
        slow = rng.random() < profile.slow_share
        respond = rng.randint(*RESPONSE[priority]) * (3 if slow else 1)
        resolve = max(respond + 5, rng.randint(*RESOLUTION[priority]) * (3 if slow else 1))
        responded = reported + dt.timedelta(minutes=respond)
        resolved = reported + dt.timedelta(minutes=resolve)
        pauses = []
        if priority in ("P3", "P4") and rng.random() < 0.15:
            start = responded + dt.timedelta(minutes=rng.randint(10, 60))
            end = start + dt.timedelta(hours=rng.randint(1, 20))
            if end < resolved:
                pauses.append({"started_at": start, "ended_at": end, "reason": "Wacht op gebruiker"})
        if reported > now - dt.timedelta(minutes=5):
            continue
        if responded > now:
            responded = None
        if resolved > now:
            resolved, pauses = None, [p for p in pauses if p["ended_at"] <= now]
        rows.append({
            "external_reference": f"{profile.prefix}-{month.label.replace('-', '')}-{n + 1:03d}",
            "priority": priority, "reported_at": reported, "first_response_at": responded, "resolved_at": resolved,
            "description": rng.choice(SUMMARIES[priority]), "security_related": rng.random() < 0.03,
            "service_id": rng.choice(services_list).pk if services_list else None, "pauses": pauses,
        })
    return rows


def _outages(contract: Contract, profile: Profile, month: Period, months_back: int,
             now: dt.datetime) -> list[dict[str, Any]]:
    rng = random.Random(f"{contract.reference}-{month.label}-outages")
    rows = []
    tag = month.label.replace("-", "")

    def add(key: str, start: dt.datetime, minutes: int, planned: bool, weight: Decimal | None, text: str) -> None:
        if start > now - dt.timedelta(minutes=5):
            return
        end = start + dt.timedelta(minutes=minutes)
        rows.append({"external_reference": f"{profile.prefix}-O-{tag}-{key}", "started_at": start,
                     "ended_at": None if end > now else end, "planned": planned, "partial_weight": weight,
                     "description": text, "service_id": None})

    for n in range(rng.randint(*profile.outages)):
        partial = rng.random() < profile.partial_share
        add(f"{n + 1:02d}", _moment(rng, month, office=rng.random() < 0.6), rng.randint(*profile.outage_minutes),
            False, Decimal("0.5") if partial else None,
            "Verminderde prestaties" if partial else rng.choice(["Storing", "Onbereikbaar", "Time-outs"]))
    if profile.planned_monthly:
        sundays = [d for d in (month.first_day + dt.timedelta(days=i) for i in range(28)) if d.weekday() == 6]
        add("M", dt.datetime.combine(sundays[0], dt.time(2, 0), tzinfo=ZONE).astimezone(dt.UTC),
            rng.choice((60, 90, 120)), True, None,
            "Gepland onderhoud (aangekondigd)")
    if profile.bad_month == months_back:
        add("X", _moment(rng, month, office=True), profile.bad_minutes, False, None,
            "Grote storing: hardwaredefect, failover mislukt")
    return rows


def _write(contract: Contract, actor: Actor, kind: str, rows: list[dict[str, Any]], now: dt.datetime) -> None:
    checked = []
    for number, row in enumerate(rows, start=1):
        if kind == "incidents":
            problems = validation.check_incident(row, row["pauses"], now=now)
        else:
            problems = validation.check_outage(row, now=now)
        if not problems:
            checked.append((number, row))
    apply_rows(contract=contract, actor=actor, kind=kind, rows=checked, dry_run=False, source=Source.DEMO,
               result=ImportResult(kind=kind, dry_run=False))


def ensure_performance(organisation: Organisation, actor: Actor, contracts: list[Contract]) -> dict[str, int]:
    """A year of incidents and outages per demo contract, and the breaches of the last months."""
    now = timezone.now()
    current = Period.containing("month", now.astimezone(ZONE).date())
    counts = {"incidents": 0, "outages": 0}
    for contract in contracts:
        profile = PROFILES.get(contract.reference)
        if profile is None:
            continue
        incidents, outages = [], []
        for back in range(MONTHS - 1, -1, -1):
            month = current.shift(-back)
            if month.last_day < contract.start_date:
                continue
            incidents += _incidents(contract, profile, month, now)
            outages += _outages(contract, profile, month, back, now)
        _write(contract, actor, "incidents", incidents, now)
        _write(contract, actor, "outages", outages, now)
        counts["incidents"] += len(incidents)
        counts["outages"] += len(outages)
        for back in range(BREACH_MONTHS - 1, -1, -1):
            services.breaches_refresh(contract=contract, period=current.shift(-back), actor=actor)
    _follow_up(organisation, actor, current.shift(-(BREACH_MONTHS - 1)))
    ImportMapping.objects.get_or_create(
        organisation=organisation, kind="incidents", name="TOPdesk servicedesk (Vlotte Werkplek)",
        defaults={"preset": "topdesk", "columns": {"external_reference": "Incidentnummer", "priority": "Prioriteit",
                                                   "reported_at": "Aanmelddatum", "first_response_at": "Reactiedatum",
                                                   "resolved_at": "Datum gereed",
                                                   "description": "Korte omschrijving (Details)"}})
    return counts


def _follow_up(organisation: Organisation, actor: Actor, oldest: Period) -> None:
    """The oldest month's breaches were followed up: availability credited, a response breach waived."""
    in_month = Breach.objects.filter(organisation=organisation, period_label=oldest.label)
    if in_month.exclude(status=Breach.Status.OPEN).exists():
        return  # followed up on an earlier run: a refresh must not settle further breaches
    first = in_month.filter(status=Breach.Status.OPEN)
    for breach in first.filter(term=Breach.Term.AVAILABILITY):
        services.breach_set_status(breach=breach, actor=actor, status=Breach.Status.CREDITED,
                                   reason="Verrekend op de factuur van de volgende maand.")
    waived = first.filter(term=Breach.Term.RESPONSE).order_by("pk").first()
    if waived is not None:
        services.breach_set_status(breach=waived, actor=actor, status=Breach.Status.WAIVED,
                                   reason="Melding kwam binnen via een verkeerd kanaal; in overleg kwijtgescholden.")
