"""Supplier verbs: ``ketenwacht import suppliers FILE --org SLUG [--dry-run] [--user EMAIL]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ketenwacht.cli import UsageError
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Membership
from ketenwacht.core.selectors import organisation_by_slug, user_by_email
from ketenwacht.suppliers.importing import ImportFileError, import_suppliers

MAX_FILE_BYTES = 50 * 1024 * 1024


def _import_suppliers(args: argparse.Namespace) -> int:
    organisation = organisation_by_slug(slug=args.org)
    if organisation is None:
        raise UsageError(f"--org: unknown organisation {args.org!r}")
    user = None
    if args.user:
        user = user_by_email(email=args.user)
        membership = Membership.objects.filter(user=user, organisation=organisation).first() if user else None
        if membership is None or not membership.can_write:
            raise UsageError(f"--user: {args.user!r} is not a member of {args.org!r} who may change data")
    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(f"{args.file}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: {exc.strerror or exc}") from exc
    try:
        result = import_suppliers(
            organisation=organisation, actor=Actor(user=user, via="cli"), data=data, filename=path.name,
            dry_run=args.dry_run,
        )
    except ImportFileError as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    if not result.ok:
        for error in result.errors:
            print(f"{args.file}: {error}", file=sys.stderr)
        print(f"{len(result.errors)} error(s) in {args.file}; nothing was imported.", file=sys.stderr)
        return 2
    prefix = "Dry run, nothing written. Would import" if args.dry_run else "Imported"
    print(f"{prefix} {result.rows} row(s): {result.summary()}")
    return 0


def register(subparsers: argparse._SubParsersAction, groups: dict[str, argparse._SubParsersAction]) -> None:
    parser = groups["import"].add_parser(
        "suppliers",
        help="Import suppliers with their services and contacts from CSV or XLSX",
        description="Import suppliers with services and contacts (layout: docs/import-format.md). "
        "A file with any bad row imports nothing; re-importing the same file creates no duplicates.",
    )
    parser.add_argument("file", help="CSV (comma or semicolon) or XLSX file")
    parser.add_argument("--org", required=True, help="organisation slug")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    parser.add_argument("--user", help="e-mail of the member the changes are attributed to (default: cli)")
    parser.set_defaults(handler=_import_suppliers)
