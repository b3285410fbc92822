"""Benchmark of the supplier list: REST API and web page (``make bench``; never part of ``make test``).

    python tests/bench/bench_api.py             # 10,000 suppliers, 30,000 contacts
    python tests/bench/bench_api.py --quick     # 1,000 suppliers, for a smoke run

Sets up Django itself on a temporary SQLite database (or the ``DATABASE_URL`` given), fills one
organisation, and times requests through Django's test client: that is the server time (all
middleware, authentication, queries, serialisation and rendering), without a network. Prints a
Markdown table: median and 95th percentile of the wall time per case, the median CPU time, and
the queries each request made.
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
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from ketenwacht.core.models import Membership, Organisation, Role, User  # noqa: E402
from ketenwacht.core.services import api_token_create  # noqa: E402
from ketenwacht.suppliers.models import Contact, Criticality, Service, Supplier, SupplierStatus  # noqa: E402

CITIES = ["Antwerpen", "Gent", "Leuven", "Utrecht", "Zwolle", "Hasselt", "Brugge", "Tilburg"]
ROLES = ["incident_contact", "escalation_1", "account_manager"]


def fill(organisation: Organisation, suppliers: int, contacts_each: int) -> None:
    statuses, tiers = list(SupplierStatus.values), list(Criticality.values)
    rows = Supplier.objects.bulk_create(
        (
            Supplier(
                organisation=organisation, name=f"Leverancier {i:05}", country="BE" if i % 2 else "NL",
                city=CITIES[i % len(CITIES)], status=statuses[i % len(statuses)], criticality=tiers[i % len(tiers)],
                incident_relevant=i % 7 == 0, processes_personal_data=i % 3 == 0,
            )
            for i in range(suppliers)
        ),
        batch_size=1000,
    )
    Service.objects.bulk_create(
        (Service(organisation=organisation, supplier=s, name=f"Dienst {s.name}", kind="service") for s in rows),
        batch_size=1000,
    )
    Contact.objects.bulk_create(
        (
            Contact(organisation=organisation, supplier=s, name=f"Contact {j}", role=ROLES[j % len(ROLES)],
                    email=f"contact{j}@example.org")
            for s in rows
            for j in range(contacts_each)
        ),
        batch_size=2000,
    )


def measure(get: Callable[[], object], repeat: int) -> tuple[float, float, float, int]:
    """Median and 95th percentile of wall time, median CPU time (ms), and the queries of one request.

    The CPU time of this process hardly depends on other load on the machine; on a busy machine
    it is the steadier figure (the database work of SQLite runs in-process, so it is included).
    """
    get()  # warm-up: imports, caches, the token's last-used stamp
    with CaptureQueriesContext(connection) as queries:
        response = get()
    query_count = len(queries)  # now: later requests clear the connection's query log
    assert response.status_code == 200, response.content[:500]
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        get()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    wall.sort()
    return statistics.median(wall), wall[int(0.95 * (len(wall) - 1))], statistics.median(cpu), query_count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 suppliers and fewer repetitions")
    parser.add_argument("--repeat", type=int, default=None, help="requests per case (default 50, quick 10)")
    args = parser.parse_args()
    suppliers = 1_000 if args.quick else 10_000
    repeat = args.repeat or (10 if args.quick else 50)

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(slug="bench", name="Benchmark")
    t0 = time.perf_counter()
    fill(organisation, suppliers, 3)
    fill_seconds = time.perf_counter() - t0

    user = User.objects.create_user(email="bench@example.org", password=None)
    membership = Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    _token, key = api_token_create(membership=membership)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    web = Client()
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    web.force_login(user)
    session = web.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    cases = [
        ("API `GET /api/v1/suppliers` (page 1 of 50)", api, "/api/v1/suppliers"),
        ("API last page", api, "/api/v1/suppliers?page=last"),
        ("API `?pageSize=500`", api, "/api/v1/suppliers?pageSize=500"),
        ("API `?ordering=-contacts`", api, "/api/v1/suppliers?ordering=-contacts"),
        ("API `?criticality=critical,high&incidentRelevant=true`", api,
         "/api/v1/suppliers?criticality=critical,high&incidentRelevant=true"),
        ("API `?search=leverancier 0999`", api, "/api/v1/suppliers?search=leverancier%200999"),
        ("API `?serviceKind=service`", api, "/api/v1/suppliers?serviceKind=service"),
        ("API `GET /api/v1/contacts` (page 1)", api, "/api/v1/contacts"),
        ("API `GET /api/v1/suppliers/{id}`", api, f"/api/v1/suppliers/{Supplier.objects.order_by('pk').first().pk}"),
    ]
    try:  # the web page belongs to another area; the benchmark still reports the API without it
        cases.append(("Web `/suppliers/` (page 1)", web, reverse("suppliers:list")))
    except NoReverseMatch as exc:
        print(f"(web list page skipped: {exc})", file=sys.stderr)

    vendor = connection.vendor
    print(f"Supplier list with {suppliers:,} suppliers, {suppliers:,} services and {3 * suppliers:,} contacts "
          f"in one organisation; {vendor}; {repeat} requests per case; data filled in {fill_seconds:.1f} s.\n")
    print("| case | median ms | p95 ms | median CPU ms | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, client, path in cases:
        median, p95, cpu, queries = measure(lambda c=client, p=path: c.get(p), repeat)
        print(f"| {label} | {median:.1f} | {p95:.1f} | {cpu:.1f} | {queries} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
