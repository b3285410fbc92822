"""SLA performance verbs.

``ketenwacht report sla --org SLUG --contract REF --period 2025-03|2025-Q1|2025 --format pdf|xlsx|json --out PATH``
``ketenwacht import incidents|outages FILE --org SLUG --contract REF [--preset topdesk|glpi|jira|…] [--dry-run]``
``ketenwacht import statuspage FILE --org SLUG --contract REF [--dry-run]``
``ketenwacht report breaches --org SLUG --period 2025-03`` refreshes the breach register.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from django.http import Http404

from ketenwacht.cli import UsageError
from ketenwacht.contracts.models import Contract
from ketenwacht.contracts.periods import Period, PeriodError
from ketenwacht.contracts.selectors import contract_get_by_reference
from ketenwacht.core.models import Organisation
from ketenwacht.core.selectors import organisation_by_slug
from ketenwacht.documents import to_pdf, to_xlsx
from ketenwacht.performance.reporting import render
from ketenwacht.performance.reporting.build import sla_report
from ketenwacht.sla import SLAInputError

FORMATS = ("json", "pdf", "xlsx")


def organisation_arg(slug: str) -> Organisation:
    organisation = organisation_by_slug(slug=slug)
    if organisation is None:
        raise UsageError(f"--org: unknown organisation {slug!r}")
    return organisation


def contract_arg(organisation: Organisation, reference: str) -> Contract:
    try:
        return contract_get_by_reference(organisation=organisation, reference=reference)
    except Http404:
        raise UsageError(f"--contract: {organisation.slug!r} has no contract {reference!r}") from None


def period_arg(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise UsageError(f"--period: {exc}") from None


def _write(out: str | None, data: bytes) -> None:
    if out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(out)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"--out: cannot write {out}: {exc.strerror or exc}") from None


def _report_sla(args: argparse.Namespace) -> int:
    organisation = organisation_arg(args.org)
    contract = contract_arg(organisation, args.contract)
    period = period_arg(args.period)
    if args.format in ("pdf", "xlsx") and args.out in (None, "-") and sys.stdout.isatty():
        raise UsageError(f"--out: give a file for --format {args.format}")
    try:
        report = sla_report(contract=contract, period=period, lang=args.lang)
    except SLAInputError as exc:  # stored terms the engine refuses: say which, no traceback
        raise UsageError(f"the SLA terms of {contract.reference} cannot be evaluated: {exc}") from None
    if args.format == "json":
        data = (json.dumps(render.as_json(report), indent=2, ensure_ascii=False) + "\n").encode()
    elif args.format == "pdf":
        data = to_pdf(render.document(report, args.lang))
    else:
        data = to_xlsx(render.document(report, args.lang))
    _write(args.out, data)
    if args.out not in (None, "-"):
        print(f"Wrote the SLA report of {contract.reference} for {period.label} to {args.out}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction, groups: dict[str, argparse._SubParsersAction]) -> None:
    parser = groups["report"].add_parser(
        "sla", help="SLA report of one contract for a month, quarter or year",
        description="Availability against the target, response and resolution per priority, breaches and the "
                    "service credit owed, computed by the SLA engine (see docs/sla-reports.md).",
    )
    parser.add_argument("--org", required=True, help="organisation slug")
    parser.add_argument("--contract", required=True, help="contract reference")
    parser.add_argument("--period", required=True, help="2025-03 (month), 2025-Q1 (quarter) or 2025 (year)")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--out", help="file to write (default: standard output)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of PDF/XLSX and texts")
    parser.set_defaults(handler=_report_sla)
