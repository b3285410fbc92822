"""``ketenwacht export crisis-list --org SLUG --format pdf|html|xlsx|csv --out PATH``.

Writes the file atomically (a temporary file in the same folder, then renamed), records the
export, and prints the content's SHA-256 on standard error (standard output stays free for
``--out -``, which writes the file to standard output).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import translation

from ketenwacht.cli import UsageError
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.crisis import FORMATS, crisis_list_export, validate_format


def register(subparsers: argparse._SubParsersAction, groups: dict[str, argparse._SubParsersAction]) -> None:
    parser = groups["export"].add_parser(
        "crisis-list",
        help="Export the offline crisis list (critical and incident-relevant suppliers)",
        description="Export the crisis list of one organisation and record the export.",
    )
    parser.add_argument("--org", required=True, metavar="SLUG", help="the organisation's slug")
    parser.add_argument("--format", required=True, metavar="FORMAT", help="one of: " + ", ".join(FORMATS))
    parser.add_argument("--out", required=True, metavar="PATH", help="file to write, or - for standard output")
    parser.add_argument("--language", default="nl", choices=["nl", "en"], help="language of PDF/HTML/XLSX (default nl)")
    parser.set_defaults(handler=handle)


def _atomic_writer(path: Path) -> Callable[[bytes], None]:
    def write(content: bytes) -> None:
        if str(path) == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        fd, tmp = tempfile.mkstemp(prefix=".crisis-list-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    return write


def _check_out(out: str) -> Path:
    path = Path(out)
    if out == "-":
        return path
    if path.is_dir():
        raise UsageError(f"--out: {out} is a folder; give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"--out: folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"--out: cannot write to {out}")
    return path


def handle(args: argparse.Namespace) -> int:
    try:
        fmt = validate_format(args.format)
    except ValidationError as exc:
        raise UsageError(f"--format: {exc.message_dict['format'][0]}") from exc
    try:
        organisation = Organisation.objects.filter(slug=args.org).first()
    except DatabaseError as exc:
        raise UsageError(f"database not ready (run 'ketenwacht migrate'): {str(exc).splitlines()[0]}") from exc
    if organisation is None:
        raise UsageError(f"--org: no organisation with slug '{args.org}'")
    path = _check_out(args.out)
    with translation.override(args.language):
        try:
            result = crisis_list_export(
                organisation=organisation, actor=Actor(user=None, via="cli"), export_format=fmt,
                write=_atomic_writer(path),
            )
        except OSError as exc:
            raise UsageError(f"--out: cannot write to {args.out}: {exc.strerror or exc}") from exc
    print(f"sha256 {result.sha256}", file=sys.stderr)
    if args.out != "-":
        count = result.record.supplier_count
        print(f"wrote {args.out} ({fmt}, {count} supplier{'s' if count != 1 else ''})", file=sys.stderr)
    return 0
