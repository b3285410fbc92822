"""The ``ketenwacht`` command line.

Each area registers its verbs through a ``register(subparsers, groups)`` function in its
``cli`` module; ``groups`` holds the shared verbs (``import``, ``export``, ``report``) so
that e.g. ``import suppliers`` and ``import incidents`` live side by side. A handler
returns the exit code: 0 for success, 2 with a one-line reason for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

import django

# Modules with a ``register(subparsers, groups)``; the pure ones need no Django set-up.
PURE_VERB_MODULES = ["ketenwacht.sla.cli", "ketenwacht.catalogs.cli"]
DJANGO_VERB_MODULES = [
    "ketenwacht.core.cli",
    "ketenwacht.suppliers.cli",
    "ketenwacht.suppliers.crisis_cli",
    "ketenwacht.demo.cli",
    "ketenwacht.contracts.cli",
    "ketenwacht.assessments.cli",
    "ketenwacht.performance.cli",
]
PURE_VERBS = {"sla"}
SHARED_GROUPS = {
    "import": "Import data from files",
    "export": "Export data to files",
    "report": "Produce reports",
}


class UsageError(Exception):
    """Bad input on the command line: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits with 2 as well; keep it one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenwacht.settings")
    django.setup()


def build_parser(modules: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(prog="ketenwacht", description="Ketenwacht: IT suppliers and their SLAs.")
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    groups: dict[str, argparse._SubParsersAction] = {}
    for name, help_text in SHARED_GROUPS.items():
        group_parser = subparsers.add_parser(name, help=help_text)
        groups[name] = group_parser.add_subparsers(dest=f"{name}_what", metavar="WHAT", parser_class=_Parser)
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
                # an area without CLI verbs yet
                continue
            raise
        module.register(subparsers, groups)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    pure = bool(args_list) and args_list[0] in PURE_VERBS
    modules = PURE_VERB_MODULES if pure else PURE_VERB_MODULES + DJANGO_VERB_MODULES
    if not pure:
        _setup_django()
    parser = build_parser(modules)
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except UsageError as exc:
        print(f"ketenwacht: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `ketenwacht demo | head -1`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
