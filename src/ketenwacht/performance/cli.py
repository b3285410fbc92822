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
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Membership, Organisation
from ketenwacht.core.selectors import organisation_by_slug, user_by_email
from ketenwacht.documents import to_pdf, to_xlsx
from ketenwacht.performance import services
from ketenwacht.performance.importing import ImportFileError, ImportResult, Layout, import_records
from ketenwacht.performance.importing.presets import PRESETS
from ketenwacht.performance.models import ImportMapping
from ketenwacht.performance.reporting import render
from ketenwacht.performance.reporting.build import sla_report
from ketenwacht.performance.statuspage import import_statuspage
from ketenwacht.sla import SLAInputError

FORMATS = ("json", "pdf", "xlsx")
MAX_FILE_BYTES = 200 * 1024 * 1024


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


def actor_arg(organisation: Organisation, email: str | None) -> Actor:
    if not email:
        return Actor(user=None, via="cli")
    user = user_by_email(email=email)
    membership = Membership.objects.filter(user=user, organisation=organisation).first() if user else None
    if membership is None or not membership.can_write:
        raise UsageError(f"--user: {email!r} is not a member of {organisation.slug!r} who may change data")
    return Actor(user=user, via="cli")


def _read(path_text: str) -> bytes:
    path = Path(path_text)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(f"{path_text}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path_text}: {exc.strerror or exc}") from None


def _layout(args: argparse.Namespace, organisation: Organisation, kind: str) -> Layout:
    if args.mapping:
        mapping = ImportMapping.objects.filter(organisation=organisation, kind=kind, name=args.mapping).first()
        if mapping is None:
            raise UsageError(f"--mapping: no saved {kind} mapping called {args.mapping!r}")
        layout = Layout.from_mapping(mapping)
    else:
        preset = args.preset or ("topdesk" if kind == "incidents" else "ketenwacht-outages")
        if preset not in PRESETS:
            raise UsageError(f"--preset: choose one of {', '.join(PRESETS)}")
        layout = Layout.from_preset(preset)
    timezone = args.timezone or layout.timezone
    return Layout(kind, layout.columns, layout.date_formats, layout.priority_map, timezone, layout.name)


def _report_result(result: ImportResult, name: str) -> int:
    if not result.ok:
        for error in result.errors:
            print(f"{name}: {error}", file=sys.stderr)
        print(f"{len(result.errors)} error(s) in {name}; nothing was imported.", file=sys.stderr)
        return 2
    prefix = "Dry run, nothing written. Would import" if result.dry_run else "Imported"
    print(f"{prefix} {result.rows} row(s): {result.summary()}")
    return 0


def _import_records(args: argparse.Namespace) -> int:
    organisation = organisation_arg(args.org)
    contract = contract_arg(organisation, args.contract)
    actor = actor_arg(organisation, args.user)
    layout = _layout(args, organisation, args.import_what)
    data = _read(args.file)
    try:
        result = import_records(contract=contract, actor=actor, data=data, filename=Path(args.file).name,
                                layout=layout, dry_run=args.dry_run)
    except ImportFileError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    return _report_result(result, args.file)


def _import_statuspage(args: argparse.Namespace) -> int:
    organisation = organisation_arg(args.org)
    contract = contract_arg(organisation, args.contract)
    actor = actor_arg(organisation, args.user)
    try:
        result = import_statuspage(contract=contract, actor=actor, data=_read(args.file), component=args.component,
                                   dry_run=args.dry_run)
    except ImportFileError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    return _report_result(result, args.file)


def _report_breaches(args: argparse.Namespace) -> int:
    organisation = organisation_arg(args.org)
    period = period_arg(args.period)
    actor = actor_arg(organisation, args.user)
    contracts = ([contract_arg(organisation, args.contract)] if args.contract
                 else list(Contract.objects.filter(organisation=organisation).select_related("supplier", "organisation")))
    totals = {"created": 0, "updated": 0, "removed": 0}
    for contract in contracts:
        try:
            counts = services.breaches_refresh(contract=contract, period=period, actor=actor)
        except SLAInputError as exc:
            print(f"{contract.reference}: the SLA terms cannot be evaluated: {exc}", file=sys.stderr)
            continue
        for key, value in counts.items():
            totals[key] += value
    print(f"Breach register for {period.label}: {totals['created']} new, {totals['updated']} updated, "
          f"{totals['removed']} no longer breaches ({len(contracts)} contract(s)).")
    return 0


def _common_import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--org", required=True, help="organisation slug")
    parser.add_argument("--contract", required=True, help="contract reference")
    parser.add_argument("--dry-run", action="store_true", help="check and show what would change, write nothing")
    parser.add_argument("--user", help="e-mail of the member the changes are attributed to (default: cli)")


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
    breaches = groups["report"].add_parser(
        "breaches", help="Record the breaches of a period in the breach register",
        description="Adds new breaches (open), updates known ones and keeps their follow-up.")
    breaches.add_argument("--org", required=True, help="organisation slug")
    breaches.add_argument("--period", required=True, help="2025-03, 2025-Q1 or 2025")
    breaches.add_argument("--contract", help="only this contract (default: all)")
    breaches.add_argument("--user", help="e-mail of the member the changes are attributed to (default: cli)")
    breaches.set_defaults(handler=_report_breaches)
    for what, help_text in (("incidents", "Import incidents from a TOPdesk, GLPI or Jira export (CSV/XLSX)"),
                            ("outages", "Import outages and maintenance from CSV/XLSX")):
        sub = groups["import"].add_parser(
            what, help=help_text,
            description="All or nothing: any bad row imports nothing and every error is listed. Rows are matched "
                        "on their external reference, so a second import updates instead of duplicating.")
        _common_import_args(sub)
        sub.add_argument("--preset", help=f"column layout: {', '.join(PRESETS)}")
        sub.add_argument("--mapping", help="name of a saved column mapping (instead of --preset)")
        sub.add_argument("--timezone", help="time zone of times without an offset (default: the organisation's)")
        sub.set_defaults(handler=_import_records, import_what=what)
    statuspage = groups["import"].add_parser(
        "statuspage", help="Import an Atlassian Statuspage incidents.json as outages")
    _common_import_args(statuspage)
    statuspage.add_argument("--component", default="", help="only incidents affecting this component")
    statuspage.set_defaults(handler=_import_statuspage)
