"""Benchmarks of SLA performance (``make bench``; never part of ``make test``).

    python tests/bench/bench_performance.py            # full sizes, Markdown on stdout
    python tests/bench/bench_performance.py --quick    # smaller sizes, for a smoke run

Runs against a fresh SQLite database in a temporary data directory (or the database in
``DATABASE_URL``). Cases: one contract with five years of data (50,000 incidents, 10,000
outages): the monthly SLA report page and ``report sla --format json``; the SLA overview of
500 contracts; and the import of a 100,000-row TOPdesk-shaped CSV. Times are medians; the query
count of each request is measured too (it must not grow with the data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("KETENWACHT_DATA_DIR", tempfile.mkdtemp(prefix="ketenwacht-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenwacht.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from ketenwacht.cli import main as cli_main  # noqa: E402
from ketenwacht.contracts import services as contract_services  # noqa: E402
from ketenwacht.contracts.models import Contract, SlaPriorityTarget, SlaVersion  # noqa: E402
from ketenwacht.core.audit import Actor  # noqa: E402
from ketenwacht.core.models import Membership, Organisation, Role, User  # noqa: E402
from ketenwacht.performance.importing import Layout, import_records  # noqa: E402
from ketenwacht.performance.models import Incident, IncidentPause, Outage  # noqa: E402
from ketenwacht.suppliers.models import Supplier  # noqa: E402

ZONE = ZoneInfo("Europe/Brussels")
OFFICE = {"timezone": "Europe/Brussels", "weekly": {d: [["08:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
          "public_holidays": {"country": "BE"}}
TARGETS = [("P1", 1, 4), ("P2", 2, 8), ("P3", 4, 16), ("P4", 8, 40)]
FIRST = dt.datetime(2021, 1, 1, tzinfo=ZONE)
LAST = dt.datetime(2026, 1, 1, tzinfo=ZONE)


def median_time(fn, repeat: int) -> tuple[float, int]:  # noqa: ANN001
    """Median seconds over ``repeat`` runs, and the queries of the last run."""
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def make_contract(org: Organisation, supplier: Supplier, reference: str, start: dt.date) -> Contract:
    contract = Contract.objects.create(organisation=org, supplier=supplier, reference=reference, title="Dienst",
                                       start_date=start, end_date=dt.date(2030, 12, 31),
                                       value_per_month=Decimal("1000"))
    version = SlaVersion.objects.create(
        organisation=org, contract=contract, label="SLA", valid_from=start, timezone="Europe/Brussels",
        availability_target_percent=Decimal("99.9"), availability_period="month", downtime_definition="full_only",
        maintenance="excluded", support_hours=OFFICE, credit_tiers=[{"below_percent": 99.9, "credit_percent": 10}])
    SlaPriorityTarget.objects.bulk_create([
        SlaPriorityTarget(organisation=org, sla_version=version, priority=p, response_value=r,
                          response_unit="business_hours", resolution_value=s, resolution_unit="business_hours")
        for p, r, s in TARGETS])
    return contract


def fill(contract: Contract, n_incidents: int, n_outages: int, start: dt.datetime, end: dt.datetime,
         seed: int) -> None:
    rng = random.Random(seed)
    # Arithmetic in UTC: adding minutes to a local wall time can go backwards at a DST change.
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    span = int((end - start).total_seconds())
    incidents = []
    for i in range(n_incidents):
        reported = start + dt.timedelta(seconds=rng.randrange(span))
        responded = reported + dt.timedelta(minutes=rng.randint(5, 600))
        resolved = responded + dt.timedelta(minutes=rng.randint(30, 6000))
        incidents.append(Incident(organisation_id=contract.organisation_id, contract=contract,
                                  external_reference=f"I-{seed}-{i}", priority=rng.choice("1234").join(("P", "")),
                                  reported_at=reported, first_response_at=responded, resolved_at=resolved,
                                  description="Benchmark"))
    Incident.objects.bulk_create(incidents, batch_size=5000)
    pauses = [IncidentPause(organisation_id=contract.organisation_id, incident=inc,
                            started_at=inc.first_response_at, ended_at=inc.first_response_at + dt.timedelta(hours=2))
              for inc in incidents[::10]]
    IncidentPause.objects.bulk_create(pauses, batch_size=5000)
    outages = []
    for i in range(n_outages):
        begin = start + dt.timedelta(seconds=rng.randrange(span))
        outages.append(Outage(organisation_id=contract.organisation_id, contract=contract, external_reference=f"O-{i}",
                              started_at=begin, ended_at=begin + dt.timedelta(minutes=rng.randint(1, 60)),
                              planned=rng.random() < 0.1))
    Outage.objects.bulk_create(outages, batch_size=5000)


def topdesk_csv(rows: int) -> bytes:
    rng = random.Random(7)
    out = io.StringIO()
    out.write("Incidentnummer;Korte omschrijving (Details);Prioriteit;Aanmelddatum;Reactiedatum;Datum gereed;Status\r\n")
    start = dt.datetime(2021, 1, 1, 7, 0, tzinfo=dt.UTC)
    for i in range(rows):
        # Instants in UTC, written as the local wall time a ticket system shows.
        reported = start + dt.timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
        responded = reported + dt.timedelta(minutes=rng.randint(5, 300))
        resolved = responded + dt.timedelta(minutes=rng.randint(30, 3000))
        reported, responded, resolved = (t.astimezone(ZONE) for t in (reported, responded, resolved))
        out.write(f"I {i:07d};Melding {i};P{rng.randint(1, 4)} {rng.choice(['Kritiek', 'Hoog', 'Normaal', 'Laag'])};"
                  f"{reported:%d-%m-%Y %H:%M};{responded:%d-%m-%Y %H:%M};{resolved:%d-%m-%Y %H:%M};Afgemeld\r\n")
    return out.getvalue().encode("utf-8")


def verified_client(org: Organisation) -> Client:
    user = User.objects.create_user(email=f"bench{User.objects.count()}@example.org", password=None)
    Membership.objects.create(user=user, organisation=org, role=Role.EDITOR)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def run(quick: bool) -> list[tuple[str, str, str, str]]:
    scale = 10 if quick else 1
    repeat = 3 if quick else 5
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(slug="bench", name="Benchmark")
    supplier = Supplier.objects.create(organisation=org, name="Leverancier")
    results = []

    big = make_contract(org, supplier, "BIG", FIRST.date())
    t0 = time.perf_counter()
    fill(big, 50_000 // scale, 10_000 // scale, FIRST, LAST, seed=1)
    setup = time.perf_counter() - t0
    size = f"{50_000 // scale:,} incidents, {10_000 // scale:,} outages over 5 years"
    client = verified_client(org)
    seconds, queries = median_time(
        lambda: client.get(f"/performance/contracts/{big.pk}/report/?period=2025-06").content, repeat)
    results.append(("monthly report page (2025-06)", size, f"{seconds:.3f} s", str(queries)))
    out = Path(tempfile.mkdtemp()) / "report.json"
    seconds, queries = median_time(lambda: cli_main(["report", "sla", "--org", "bench", "--contract", "BIG",
                                                     "--period", "2025-06", "--format", "json", "--out", str(out)]),
                                   repeat)
    results.append(("`report sla --format json` (2025-06)", size, f"{seconds:.3f} s", str(queries)))
    seconds, queries = median_time(lambda: client.get(f"/performance/contracts/{big.pk}/report.pdf?period=2025-06"),
                                   repeat)
    results.append(("monthly report PDF (2025-06)", size, f"{seconds:.3f} s", str(queries)))
    seconds, queries = median_time(lambda: client.get(f"/performance/contracts/{big.pk}/report/?period=2025"),
                                   max(1, repeat // 2))
    results.append(("yearly report page (2025)", size, f"{seconds:.3f} s", str(queries)))

    contracts = 500 // scale
    now = timezone.now()
    month_start = now.astimezone(ZONE).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    for i in range(contracts - 1):
        c = make_contract(org, supplier, f"C-{i:04d}", FIRST.date())
        fill(c, 20, 3, month_start, now - dt.timedelta(minutes=10), seed=100 + i)
    seconds, queries = median_time(lambda: client.get("/performance/").content, repeat)
    results.append(("SLA overview (this period)", f"{contracts} contracts", f"{seconds:.3f} s", str(queries)))
    seconds, queries = median_time(lambda: client.get("/").content, repeat)
    results.append(("dashboard with the SLA panel", f"{contracts} contracts", f"{seconds:.3f} s", str(queries)))

    rows = 100_000 // scale
    data = topdesk_csv(rows)
    target = contract_services.contract_create(organisation=org, actor=Actor.system(), supplier=supplier,
                                               reference="IMPORT", title="Import", start_date=FIRST.date())
    layout = Layout.from_preset("topdesk")
    for label, dry in (("import, dry run", True), ("import, first time", False), ("import, same file again", False)):
        t0 = time.perf_counter()
        result = import_records(contract=target, actor=Actor.system(), data=data, filename="topdesk.csv",
                                layout=layout, dry_run=dry)
        took = time.perf_counter() - t0
        assert result.ok, result.errors[:3]
        results.append((f"TOPdesk CSV {label}", f"{rows:,} rows ({len(data) / 1e6:.1f} MB)",
                        f"{took:.1f} s", f"{rows / took:,.0f} rows/s"))
    print(f"(set-up of the five-year contract: {setup:.1f} s)", file=sys.stderr)
    return results


def markdown(results: list[tuple[str, str, str, str]], quick: bool) -> str:
    engine = connection.vendor
    lines = [
        "## SLA performance (`ketenwacht.performance`)", "",
        "Command (part of `make bench`):", "", "```console", ".venv/bin/python tests/bench/bench_performance.py",
        "```", "",
        "One contract with five years of data (incidents uniform over 2021–2025 with one in ten paused, outages of "
        "1–60 minutes, 10 % planned), four priorities on office hours with Belgian public holidays, 99.9 % per "
        "month; 500 contracts with this month's incidents and outages for the overview; a TOPdesk-shaped CSV "
        "(semicolon, Dutch headings, dd-mm-yyyy) for the import. Requests go through the Django test client "
        "(templates, charts and all); times are medians; the last column is the number of database queries "
        "(or, for imports, the throughput).", "",
        f"Database: {engine}; Python {platform.python_version()}; {platform.machine()}"
        + (" — **quick run, a tenth of the sizes**" if quick else ""), "",
        "| case | size | median time | queries / rate |", "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in results]
    return "\n".join(lines) + "\n"


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    text = markdown(run(args.quick), args.quick)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
