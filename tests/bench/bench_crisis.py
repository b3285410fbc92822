"""Benchmark of the crisis list export (``make bench``; never part of ``make test``).

    python tests/bench/bench_crisis.py              # 1,000 listed suppliers
    python tests/bench/bench_crisis.py --quick      # 100 listed suppliers, for a smoke run

Sets up Django itself on a temporary SQLite database (or the ``DATABASE_URL`` given), fills one
organisation with listed suppliers (each with 2 services and 7 contacts: the full escalation
chain, account manager and DPO) plus as many unlisted ones, then times the whole export per
format: reading the list, the checksum, rendering, and recording the export. Prints a Markdown
table with the time, the file size, the PDF's page count and the queries of the read.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("KETENWACHT_DATA_DIR", tempfile.mkdtemp(prefix="ketenwacht-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "ketenwacht.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from ketenwacht.core.audit import Actor  # noqa: E402
from ketenwacht.core.models import Organisation  # noqa: E402
from ketenwacht.suppliers import crisis  # noqa: E402
from ketenwacht.suppliers.models import Contact, Service, Supplier  # noqa: E402

R = Contact.ContactRole
CONTACT_ROLES = [R.INCIDENT_CONTACT, R.ESCALATION_1, R.ESCALATION_2, R.ESCALATION_3, R.SECURITY_OFFICER,
                 R.ACCOUNT_MANAGER, R.DPO]


def fill(organisation: Organisation, listed: int) -> None:
    suppliers = Supplier.objects.bulk_create(
        Supplier(
            organisation=organisation, name=f"Leverancier {i:05d} Één & Zonen BV", status="active",
            # The first ``listed`` are on the list (critical, or high and flagged); the rest are not.
            criticality=("critical" if i % 2 == 0 else "high") if i < listed else "medium",
            incident_relevant=i < listed and i % 2 == 1, internal_owner="Dienst ICT – infrastructuur",
            framework_contract=f"RC-2024-{i:04d}", country="BE",
        )
        for i in range(2 * listed)
    )
    services, contacts = [], []
    for s in suppliers:
        for n in range(2):
            services.append(Service(organisation=organisation, supplier=s, name=f"Dienst {n} van {s.name}",
                                    purpose="Hosting van de gemeentelijke toepassingen en databanken.",
                                    own_responsibility="Toegangsbeheer en het testen van herstel."))
        for role in CONTACT_ROLES:
            always = role in (R.INCIDENT_CONTACT, R.SECURITY_OFFICER)
            contacts.append(Contact(
                organisation=organisation, supplier=s, role=role, name=f"{role.label} {s.pk}",
                email=f"{role.value}.{s.pk}@leverancier.example", phone="+32 3 760 10 10",
                reachability="24x7" if always else "hours", hours="" if always else "ma–vr 08:00–17:00",
                languages="nl, fr, en",
            ))
    Service.objects.bulk_create(services, batch_size=2000)
    Contact.objects.bulk_create(contacts, batch_size=2000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 listed suppliers instead of 1,000")
    args = parser.parse_args()
    listed = 100 if args.quick else 1000

    call_command("migrate", interactive=False, verbosity=0)
    organisation = Organisation.objects.create(slug="bench", name="Gemeente Benchmark")
    fill(organisation, listed)
    with CaptureQueriesContext(connection) as queries:
        entries = crisis.crisis_list(organisation).entries
    assert len(entries) == listed, len(entries)

    print(f"Crisis list export, {listed:,} listed suppliers ({2 * listed:,} in the register), "
          f"{len(CONTACT_ROLES)} contacts and 2 services each; {connection.vendor}; "
          f"read: {len(queries)} queries\n")
    print("| format | seconds (wall) | seconds (CPU) | size | pages |")
    print("|---|---:|---:|---:|---:|")
    for fmt in ["pdf", "html", "xlsx", "csv"]:
        start, start_cpu = time.perf_counter(), time.process_time()
        result = crisis.crisis_list_export(organisation=organisation, actor=Actor.system(), export_format=fmt)
        seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        pages = str(len(PdfReader(io.BytesIO(result.content)).pages)) if fmt == "pdf" else "–"
        print(f"| {fmt} | {seconds:.1f} | {cpu:.1f} | {len(result.content) / 1e6:.1f} MB | {pages} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
