"""``ketenwacht catalog …``: list, show and check catalogs.

The project's ``ketenwacht`` command calls ``register``; other modules add more sub-verbs (such as
``catalog import``) to the subparsers object that ``register`` returns and stores in
``groups["catalog"]``. ``python -m ketenwacht.catalogs.cli`` runs these verbs on their own.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .loader import load_catalog
from .model import LANGUAGES, Catalog, catalog_to_dict
from .problems import CatalogError
from .registry import CatalogNotFound, get_catalog, shipped_catalogs

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


def _fail(reason: str, code: int = EXIT_BAD_INPUT) -> int:
    print(f"error: {reason}", file=sys.stderr)
    return code


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _shipped() -> tuple[Catalog, ...] | None:
    try:
        return shipped_catalogs()
    except CatalogError as exc:
        # A broken shipped file is our bug, not the user's input: say which file and why.
        print("error: a shipped catalog is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def handle_list(args: argparse.Namespace) -> int:
    catalogs = _shipped()
    if catalogs is None:
        return EXIT_INTERNAL
    if args.format == "json":
        rows = [
            {
                "id": c.id,
                "version": c.version,
                "items": len(c.items),
                "title": c.title.to_dict(),
                "checksum": c.checksum,
            }
            for c in catalogs
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max((len(c.id) for c in catalogs), default=2)
    for c in catalogs:
        print(f"{c.id:<{width}}  {c.version:<7}  {_count(len(c.items), 'item'):>9}")
    return EXIT_OK


def _render_text(catalog: Catalog, language: str) -> str:
    lines = [
        f"{catalog.title.get(language)} ({catalog.id} {catalog.version})",
        catalog.description.get(language),
        f"checksum: {catalog.checksum}",
    ]
    for section in catalog.sections:
        lines += ["", f"[{section.id}] {section.title.get(language)}"]
        if section.intro:
            lines.append(f"    {section.intro.get(language)}")
        for item in section.items:
            flag = " BLOCKING" if item.blocking else ""
            lines.append(f"  {item.id}  (weight {item.weight}{flag})  {item.text.get(language)}")
    return "\n".join(lines)


def handle_show(args: argparse.Namespace) -> int:
    if _shipped() is None:
        return EXIT_INTERNAL
    try:
        catalog = get_catalog(args.catalog_id, args.version)
    except CatalogNotFound as exc:
        return _fail(str(exc))
    if args.format == "json":
        print(json.dumps(catalog_to_dict(catalog), ensure_ascii=False, indent=2))
    else:
        print(_render_text(catalog, args.lang))
    return EXIT_OK


def handle_check(args: argparse.Namespace) -> int:
    name: str = args.file
    try:
        catalog = load_catalog(sys.stdin.buffer.read() if name == "-" else Path(name))
    except CatalogError as exc:
        print(f"{name}: invalid catalog, {_count(len(exc.problems), 'problem')}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    blocking = sum(1 for item in catalog.items if item.blocking)
    print(
        f"{name}: valid catalog {catalog.id} {catalog.version}: {_count(len(catalog.sections), 'section')},"
        f" {_count(len(catalog.items), 'item')} ({blocking} blocking), checksum {catalog.checksum}"
    )
    return EXIT_OK


def register(subparsers: Any, groups: dict[str, Any] | None = None) -> Any:
    """Add the ``catalog`` verb to ``subparsers``; return (and store in ``groups``) its subparsers."""
    parser = subparsers.add_parser("catalog", help="list, show and check checklist catalogs")
    verbs = parser.add_subparsers(dest="catalog_command", metavar="COMMAND")
    verbs.required = True

    list_parser = verbs.add_parser("list", help="one line per shipped catalog: ID, version, number of items")
    list_parser.add_argument("--format", choices=("text", "json"), default="text")
    list_parser.set_defaults(handler=handle_list)

    show = verbs.add_parser("show", help="print a whole catalog")
    show.add_argument("catalog_id", metavar="ID")
    show.add_argument("--version", help="catalog version (default: the newest)")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.add_argument("--lang", choices=LANGUAGES, default="nl", help="language of the text output")
    show.set_defaults(handler=handle_show)

    check = verbs.add_parser("check", help="validate a catalog file and list every problem with its path")
    check.add_argument("file", metavar="FILE", help="YAML or JSON file, or - for standard input")
    check.set_defaults(handler=handle_check)

    if groups is not None:
        groups["catalog"] = verbs
    return verbs


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``catalog`` verbs stand-alone; returns the exit code."""
    parser = argparse.ArgumentParser(prog="ketenwacht")
    register(parser.add_subparsers(dest="command", metavar="COMMAND", required=True), {})
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has already printed its one-line reason
        return int(exc.code or 0)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
