"""Benchmark of the gap matrix and the gap report (``make bench``; never part of ``make test``).

    python tests/bench/bench_assessments.py            # 1,000 suppliers × 3 catalogs
    python tests/bench/bench_assessments.py --quick    # 100 suppliers, for a smoke run

Sets up Django itself on a temporary SQLite database (or the ``DATABASE_URL`` given) and fills one
organisation: every supplier has one assessment against the DTC SLA checklist, the Vo-CRT policy
and the GDPR Article 28 checklist, with an answer to every item (60 per supplier). Requests go
through Django's test client, so the times are server time (middleware, session, queries,
rendering) without a network. Prints a Markdown table: median and 95th percentile, queries per
request. The matrix is also measured at a tenth of the suppliers to show its query count is flat.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("KETENWACHT_DATA_DIR", tempfile.mkdtemp(prefix="ketenwacht-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "ketenwacht.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from ketenwacht.assessments.models import Answer, Assessment, CatalogVersion  # noqa: E402
from ketenwacht.assessments.selectors import ensure_shipped_catalogs  # noqa: E402
from ketenwacht.core.models import Membership, Organisation, Role, User  # noqa: E402
from ketenwacht.suppliers.models import Criticality, Supplier  # noqa: E402

CATALOGS = ["dtc-sla", "vocrt-supplier-policy", "gdpr-art28"]
STATES = ["met", "met", "met", "partly", "not_met", "not_applicable"]


def fill(organisation: Organisation, suppliers: int, start: int = 0) -> list[Supplier]:
    ensure_shipped_catalogs()
    versions = [CatalogVersion.objects.get(organisation__isnull=True, catalog_id=c) for c in CATALOGS]
    tiers = list(Criticality.values)
    rows = Supplier.objects.bulk_create(
        [Supplier(organisation=organisation, name=f"Leverancier {i:05}", criticality=tiers[i % len(tiers)])
         for i in range(start, start + suppliers)],
        batch_size=1000,
    )
    assessments = Assessment.objects.bulk_create(
        [Assessment(organisation=organisation, supplier=s, title=f"Beoordeling {s.name}") for s in rows],
        batch_size=1000,
    )
    through = Assessment.catalogs.through
    through.objects.bulk_create(
        [through(assessment_id=a.pk, catalogversion_id=v.pk) for a in assessments for v in versions],
        batch_size=5000,
    )
    now = timezone.now()
    Answer.objects.bulk_create(
        (
            Answer(organisation=organisation, assessment=a, catalog_version=v, item_id=item.id,
                   status=STATES[(n + i) % len(STATES)], answered_at=now)
            for n, a in enumerate(assessments)
            for v in versions
            for i, item in enumerate(v.catalog.items)
        ),
        batch_size=5000,
    )
    return rows


def measure(get: Callable[[], object], repeat: int) -> tuple[float, float, float, int]:
    """Median and 95th percentile wall time, median CPU time (ms), and the queries of one request.

    SQLite runs in this process, so the CPU time includes the database's work; on a loaded
    machine it is the steadier figure.
    """
    get()  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = get()
    # Count now: ``captured_queries`` reads the connection's log, which every later request clears.
    query_count = len(queries.captured_queries)
    assert response.status_code == 200, response.status_code
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        get()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu), query_count


def verified_client(user: User) -> Client:
    client = Client()
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 suppliers instead of 1,000")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per case (default 15)")
    args = parser.parse_args()
    total = 100 if args.quick else 1000
    small = total // 10

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(slug="bench", name="Gemeente Bench")
    user = User.objects.create_user(email="bench@example.org", password=None)
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    client = verified_client(user)

    t0 = time.perf_counter()
    first = fill(organisation, small)
    results = []
    matrix = reverse("assessments:matrix")
    small_queries = {}
    for catalog in CATALOGS:
        *_times, queries = measure(lambda c=catalog: client.get(f"{matrix}?catalog={c}"), 3)
        small_queries[catalog] = queries
    fill(organisation, total - small, start=small)
    answers = Answer.objects.filter(organisation=organisation).count()
    print(f"filled {total} suppliers, {answers} answers in {time.perf_counter() - t0:.1f} s "
          f"({connection.vendor})", file=sys.stderr)

    for catalog in CATALOGS:
        *times, queries = measure(lambda c=catalog: client.get(f"{matrix}?catalog={c}"), args.repeat)
        results.append((f"matrix page, {catalog}, {total} suppliers", *times,
                        f"{queries} (at {small} suppliers: {small_queries[catalog]})"))
    *times, queries = measure(lambda: client.get(f"{matrix}?catalog=dtc-sla&format=xlsx"), max(3, args.repeat // 3))
    results.append((f"matrix XLSX, dtc-sla, {total} suppliers", *times, str(queries)))
    gaps = reverse("assessments:supplier_gaps", args=[first[0].pk])
    *times, queries = measure(lambda: client.get(f"{gaps}?format=pdf"), args.repeat)
    results.append(("gap report PDF, one supplier, 3 catalogs", *times, str(queries)))
    *times, queries = measure(lambda: client.get(gaps), args.repeat)
    results.append(("gap report page, one supplier, 3 catalogs", *times, str(queries)))

    print("| case | median (ms) | p95 (ms) | median CPU (ms) | queries |")
    print("|---|---:|---:|---:|---|")
    for name, median, p95, cpu, queries in results:
        print(f"| {name} | {median:.0f} | {p95:.0f} | {cpu:.0f} | {queries} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
