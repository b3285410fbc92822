"""Assessment verbs: ``catalog import FILE --org SLUG`` and ``export assessment --org SLUG --id N --out PATH``.

The command line is an operator tool: it acts as the operator (``Actor.cli()``, full rights,
audited as "cli") unless ``--user EMAIL`` names a writing member to attribute the change to.
Output is English, like the other verbs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import translation

from ketenwacht.assessments import services
from ketenwacht.assessments.exports import assessment_export
from ketenwacht.assessments.models import Assessment
from ketenwacht.cli import UsageError
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Membership, Organisation
from ketenwacht.core.selectors import organisation_by_slug, user_by_email

MAX_CATALOG_BYTES = 5 * 1024 * 1024


def _organisation(slug: str) -> Organisation:
    organisation = organisation_by_slug(slug=slug)
    if organisation is None:
        raise UsageError(f"--org: unknown organisation {slug!r}")
    return organisation


def _actor(email: str | None, organisation: Organisation) -> Actor:
    if not email:
        return Actor.cli()
    user = user_by_email(email=email)
    membership = Membership.objects.filter(user=user, organisation=organisation).first() if user else None
    if membership is None or not membership.can_write:
        raise UsageError(f"--user: {email!r} is not a member of {organisation.slug!r} who may change data")
    return Actor(user=user, via="cli")


def _read(name: str) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_CATALOG_BYTES + 1)
    else:
        path = Path(name)
        try:
            if path.stat().st_size > MAX_CATALOG_BYTES:
                raise UsageError(f"{name}: larger than {MAX_CATALOG_BYTES // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"{name}: {exc.strerror or exc}") from exc
    if len(data) > MAX_CATALOG_BYTES:
        raise UsageError(f"{name}: larger than {MAX_CATALOG_BYTES // (1024 * 1024)} MB")
    return data


def _catalog_import(args: argparse.Namespace) -> int:
    organisation = _organisation(args.org)
    actor = _actor(args.user, organisation)
    data = _read(args.file)
    with translation.override("en"):
        try:
            version = services.catalog_import(organisation=organisation, actor=actor, source=data)
        except ValidationError as exc:
            problems = exc.message_dict.get("file")
            if problems:
                noun = "problem" if len(problems) == 1 else "problems"
                print(f"{args.file}: invalid catalog, {len(problems)} {noun}; nothing was imported:",
                      file=sys.stderr)
                for problem in problems:
                    print(f"  {problem}", file=sys.stderr)
                return 2
            raise UsageError(f"{args.file}: {' '.join(exc.messages)}") from exc
    blocking = sum(1 for item in version.catalog.items if item.blocking)
    print(f"Imported {version.catalog_id} {version.version} for {organisation.slug}: {version.item_count} items "
          f"({blocking} blocking), checksum {version.checksum}")
    return 0


def _export_assessment(args: argparse.Namespace) -> int:
    organisation = _organisation(args.org)
    assessment = (Assessment.objects.select_related("organisation", "supplier", "signed_off_by")
                  .filter(organisation=organisation, pk=args.id).first())
    if assessment is None:
        raise UsageError(f"--id: organisation {organisation.slug!r} has no assessment {args.id}")
    text = json.dumps(assessment_export(assessment), ensure_ascii=False, indent=2) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--out: {args.out}: {exc.strerror or exc}") from exc
    print(f"Wrote assessment {assessment.pk} ({assessment.get_status_display()}) to {args.out}", file=sys.stderr)
    return 0


def _positive_id(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 2**63:
        raise argparse.ArgumentTypeError(f"not an assessment id: {value!r}")
    return int(value)


def register(subparsers: argparse._SubParsersAction, groups: dict[str, argparse._SubParsersAction]) -> None:
    catalog = groups.get("catalog")
    if catalog is not None:  # the pure catalog module registers the verb first
        parser = catalog.add_parser(
            "import", help="load an organisation's own catalog into the web app",
            description="Validate a catalog file and store it as an organisation's own catalog version. "
            "A file with any problem imports nothing (exit 2, every problem listed with its YAML path).",
        )
        parser.add_argument("file", metavar="FILE", help="YAML or JSON catalog file, or - for standard input")
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--user", help="e-mail of the writing member to attribute the import to (default: cli)")
        parser.set_defaults(handler=_catalog_import)

    export = groups["export"].add_parser(
        "assessment", help="one assessment as JSON",
        description="Write one assessment as JSON: catalogs (ID, version, checksum), answers, scores per "
        "section, unmet blocking items and the sign-off history.",
    )
    export.add_argument("--org", required=True, help="organisation slug")
    export.add_argument("--id", required=True, type=_positive_id, help="assessment id")
    export.add_argument("--out", required=True, help="file to write, or - for standard output")
    export.set_defaults(handler=_export_assessment)
