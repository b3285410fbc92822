"""``ketenwacht demo``: create or refresh the demo organisation and print how to log in."""

from __future__ import annotations

import argparse

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from ketenwacht.cli import UsageError
from ketenwacht.core.audit import Actor
from ketenwacht.demo import setup_demo


def register(subparsers: argparse._SubParsersAction, groups: dict[str, argparse._SubParsersAction]) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="Create or refresh the demo organisation 'voorbeeldstad'",
        description="Create or refresh the demo organisation Gemeente Voorbeeldstad with users and suppliers.",
    )
    parser.set_defaults(handler=handle)


def _one_line(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


def handle(args: argparse.Namespace) -> int:
    try:
        result = setup_demo(actor=Actor.cli())
    except ValidationError as exc:
        raise UsageError(f"cannot set up the demo: {_one_line(exc)}") from exc
    except OSError as exc:
        raise UsageError(f"cannot keep the demo password in the data folder: {exc.strerror or exc}") from exc
    except DatabaseError as exc:
        raise UsageError(f"database not ready (run 'ketenwacht migrate'): {str(exc).splitlines()[0]}") from exc
    print(result.login_instructions())
    return 0
