"""Core command-line verbs: serve, migrate, org create, user create, token create/revoke."""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError

from ketenwacht.cli import UsageError
from ketenwacht.core import services
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Membership, Organisation, Role
from ketenwacht.core.selectors import api_tokens_by_prefix, organisation_by_slug, user_by_email

DEMO_MODULE = "ketenwacht.demo"
# Field names in service errors → the flag the operator typed.
_FLAGS = {
    "slug": "--slug",
    "name": "--name",
    "timezone": "--timezone",
    "holiday_country": "--country",
    "email": "--email",
    "role": "--role",
    "password": "password",
}


def _one_line(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        parts = [
            f"{_FLAGS.get(field, field)}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        ]
        return "; ".join(parts)
    return " ".join(error.messages)


def _organisation(slug: str) -> Organisation:
    organisation = organisation_by_slug(slug=slug)
    if organisation is None:
        raise UsageError(f"--org: unknown organisation {slug!r}")
    return organisation


def _role(role: str) -> str:
    if role not in Role.values:
        raise UsageError(f"--role: unknown role {role!r}; choose one of: {', '.join(Role.values)}")
    return role


def _email(email: str) -> str:
    try:
        return services.normalise_email(email)
    except ValidationError as exc:
        raise UsageError(f"--email: {email!r} is not a valid e-mail address") from exc


# --- serve and migrate


def _migrate(verbosity: int) -> None:
    try:
        call_command("migrate", interactive=False, verbosity=verbosity)
    except DatabaseError as exc:
        first_line = (str(exc).splitlines() or [exc.__class__.__name__])[0]
        raise UsageError(f"cannot migrate the database: {first_line}") from exc


def _describe_demo(result: Any) -> str:
    """The demo set-up says how to log in; accept a text, a mapping or a list of those."""
    if result is None:
        return "Demo data is ready; the demo accounts are listed in the README."
    if isinstance(result, str):
        return result
    if isinstance(result, Mapping):
        return "\n".join(f"  {key}: {value}" for key, value in result.items())
    if isinstance(result, list | tuple):
        return "\n".join(_describe_demo(item) for item in result)
    return str(result)


def _first_run() -> None:
    if Organisation.objects.exists():
        return
    try:
        demo = importlib.import_module(DEMO_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != DEMO_MODULE:  # the demo module exists but is broken: show why
            raise
        print(
            "No organisation yet. Create one and an administrator:\n"
            "  ketenwacht org create --slug my-org --name 'My organisation'\n"
            "  ketenwacht user create --email you@example.org --org my-org --role admin"
        )
        return
    print("First start: setting up the demo organisation…")
    try:
        result = demo.setup_demo()
    except ValidationError as exc:
        raise UsageError(f"demo set-up: {_one_line(exc)}") from exc
    print(_describe_demo(result))


def _serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port: {args.port} is not a port number (1-65535)")
    threads = os.environ.get("KETENWACHT_SERVE_THREADS", "8").strip() or "8"
    if not threads.isdigit() or int(threads) < 1:
        raise UsageError(f"KETENWACHT_SERVE_THREADS: {threads!r} is not a positive whole number")
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    if not os.environ.get("KETENWACHT_BASE_URL"):
        # Links in e-mails and the log-in instructions point at where this server really listens.
        settings.BASE_URL = f"http://{shown_host}:{args.port}"
    if args.host not in ("0.0.0.0", "::") and args.host not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, args.host]
    _migrate(verbosity=1 if args.first_run else 0)
    if args.first_run:
        _first_run()
    # Loaded here, not at import: every other verb would otherwise build the whole web stack.
    application = importlib.import_module("ketenwacht.wsgi").application
    waitress = importlib.import_module("waitress")
    print(f"Ketenwacht is running at http://{shown_host}:{args.port}/ (stop with Ctrl+C)", flush=True)
    try:
        waitress.serve(application, host=args.host, port=args.port, threads=int(threads), ident="Ketenwacht")
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    return 0


def _migrate_verb(args: argparse.Namespace) -> int:
    _migrate(verbosity=1)
    return 0


# --- organisations, users, tokens


def _org_create(args: argparse.Namespace) -> int:
    try:
        organisation = services.organisation_create(
            actor=Actor.cli(),
            slug=args.slug,
            name=args.name,
            timezone=args.timezone,
            holiday_country=args.country,
        )
    except ValidationError as exc:
        raise UsageError(_one_line(exc)) from exc
    print(f"Created organisation {organisation.slug} ({organisation.name})")
    return 0


def _read_password() -> str:
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UsageError("password: none given on standard input")
        return password
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password (again): "):
        raise UsageError("password: the two entries differ")
    return password


def _user_create(args: argparse.Namespace) -> int:
    email = _email(args.email)
    organisation = _organisation(args.org)
    role = _role(args.role)
    actor = Actor.cli()
    user = user_by_email(email=email)
    try:
        if user is not None:
            membership = Membership.objects.filter(user=user, organisation=organisation).first()
            if membership is None:
                services.membership_create(actor=actor, organisation=organisation, user=user, role=role)
                print(f"Added existing user {email} to {organisation.slug} as {role}")
            elif membership.role != role:
                services.membership_set_role(actor=actor, membership=membership, role=role)
                print(f"{email} is now {role} in {organisation.slug}")
            else:
                print(f"{email} already is {role} in {organisation.slug}")
            return 0
        password = _read_password()
        services.user_create(
            actor=actor, email=email, password=password, organisation=organisation, role=role
        )
    except ValidationError as exc:
        raise UsageError(_one_line(exc)) from exc
    print(f"Created user {email} as {role} in {organisation.slug}")
    return 0


def _token_create(args: argparse.Namespace) -> int:
    email = _email(args.user)
    organisation = _organisation(args.org)
    user = user_by_email(email=email)
    membership = Membership.objects.filter(user=user, organisation=organisation).first() if user else None
    if membership is None:
        raise UsageError(f"--user: {email} is not a member of {organisation.slug}")
    try:
        _token, key = services.api_token_create(membership=membership, name=args.name, actor=Actor.cli())
    except ValidationError as exc:
        raise UsageError(_one_line(exc)) from exc
    print(key)  # only the key, so scripts can capture it
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    tokens = list(api_tokens_by_prefix(prefix=args.prefix))
    if not tokens:
        raise UsageError(f"no active token with prefix {args.prefix!r}")
    if len(tokens) > 1:
        raise UsageError(f"prefix {args.prefix!r} matches {len(tokens)} tokens; give the whole token")
    token = services.api_token_revoke(actor=Actor.cli(), token=tokens[0])
    print(
        f"Revoked token {token.prefix}… of {token.membership.user.email} in {token.membership.organisation.slug}"
    )
    return 0


def register(subparsers: argparse._SubParsersAction, groups: dict[str, argparse._SubParsersAction]) -> None:
    serve = subparsers.add_parser("serve", help="Serve the web app and API (production server)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--first-run", action="store_true", help="set up demo data when the database has no organisation yet"
    )
    serve.set_defaults(handler=_serve)

    migrate = subparsers.add_parser("migrate", help="Create or update the database tables")
    migrate.set_defaults(handler=_migrate_verb)

    org = subparsers.add_parser("org", help="Manage organisations")
    org_verbs = org.add_subparsers(dest="org_verb", metavar="ACTION")
    org_create = org_verbs.add_parser("create", help="Create an organisation")
    org_create.add_argument("--slug", required=True, help="short name used in URLs and commands")
    org_create.add_argument("--name", required=True)
    org_create.add_argument(
        "--timezone", default=Organisation.TimeZone.BRUSSELS.value, help="Europe/Brussels or Europe/Amsterdam"
    )
    org_create.add_argument(
        "--country", default=Organisation.HolidayCountry.BE.value, help="public holidays: BE or NL"
    )
    org_create.set_defaults(handler=_org_create)

    user = subparsers.add_parser("user", help="Manage users")
    user_verbs = user.add_subparsers(dest="user_verb", metavar="ACTION")
    user_create = user_verbs.add_parser(
        "create", help="Create a user (password from standard input or prompted) or add a membership"
    )
    user_create.add_argument("--email", required=True)
    user_create.add_argument("--org", required=True, help="organisation slug")
    user_create.add_argument("--role", required=True, help=", ".join(Role.values))
    user_create.set_defaults(handler=_user_create)

    token = subparsers.add_parser("token", help="Manage API tokens")
    token_verbs = token.add_subparsers(dest="token_verb", metavar="ACTION")
    token_create = token_verbs.add_parser("create", help="Create an API token; prints only the token")
    token_create.add_argument("--user", required=True, help="e-mail address of the member")
    token_create.add_argument("--org", required=True, help="organisation slug")
    token_create.add_argument("--name", default="", help="what the token is for")
    token_create.set_defaults(handler=_token_create)
    token_revoke = token_verbs.add_parser("revoke", help="Revoke an API token by its prefix")
    token_revoke.add_argument("prefix", metavar="PREFIX")
    token_revoke.set_defaults(handler=_token_revoke)
