"""Core CLI verbs, run in-process: exit codes, messages and their effect on the database."""

from __future__ import annotations

import io
import re
import sys
import types

import pytest
from django.test import RequestFactory
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from ketenwacht.api.authentication import ApiTokenAuthentication
from ketenwacht.cli import main
from ketenwacht.core import cli as core_cli
from ketenwacht.core.models import ApiToken, AuditEvent, Membership, Organisation, Role, User
from tests.core.conftest import make_user
from tests.factories import make_organisation as make_org

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Long enough passphrase 9"


def run(capsys, argv: list[str], stdin: str | None = None, monkeypatch=None):  # noqa: ANN001, ANN201
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals exit 2 as well
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def authenticate(key: str):  # noqa: ANN201
    request = Request(RequestFactory().get("/api/v1/suppliers", HTTP_AUTHORIZATION=f"Token {key}"))
    return ApiTokenAuthentication().authenticate(request)


def test_org_create(capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, ["org", "create", "--slug", "leuven", "--name", "Stad Leuven"])
    assert code == 0, err
    org = Organisation.objects.get(slug="leuven")
    assert (org.name, org.timezone, org.holiday_country) == ("Stad Leuven", "Europe/Brussels", "BE")
    event = AuditEvent.objects.get(object_type="core.organisation", object_id=str(org.pk))
    assert event.via == "cli" and event.action == "create"

    code, _out, _err = run(
        capsys,
        [
            "org",
            "create",
            "--slug",
            "utrecht",
            "--name",
            "Utrecht",
            "--timezone",
            "Europe/Amsterdam",
            "--country",
            "NL",
        ],
    )
    assert code == 0
    assert Organisation.objects.get(slug="utrecht").holiday_country == "NL"


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["--slug", "not a slug!", "--name", "X"], "--slug"),
        (["--slug", "dup", "--name", "Second"], "--slug"),
        (["--slug", "ok", "--name", "   "], "--name"),
        (["--slug", "ok", "--name", "X", "--timezone", "Mars/Base"], "--timezone"),
        (["--slug", "ok", "--name", "X", "--country", "FR"], "--country"),
    ],
)
def test_org_create_bad_input_exits_2_with_one_line(capsys, argv, flag) -> None:  # noqa: ANN001
    make_org("dup")
    code, out, err = run(capsys, ["org", "create", *argv])
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("ketenwacht: error: ")
    assert flag in err
    assert not Organisation.objects.filter(slug="ok").exists()
    assert Organisation.objects.count() == 1


def test_user_create_reads_password_from_stdin(capsys, monkeypatch) -> None:  # noqa: ANN001
    org = make_org("gent")
    code, out, err = run(
        capsys,
        ["user", "create", "--email", "New@Gent.be", "--org", "gent", "--role", "editor"],
        GOOD_PASSWORD + "\n",
        monkeypatch,
    )
    assert code == 0, err
    user = User.objects.get(email="new@gent.be")
    assert user.check_password(GOOD_PASSWORD)
    assert user.password.startswith("argon2")
    assert Membership.objects.get(user=user, organisation=org).role == Role.EDITOR


def test_user_create_prompts_twice_on_a_terminal(capsys, monkeypatch) -> None:  # noqa: ANN001
    make_org("gent")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(isatty=lambda: True))
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD + "typo"])
    monkeypatch.setattr(core_cli.getpass, "getpass", lambda prompt="": next(answers))
    code, _out, err = run(
        capsys, ["user", "create", "--email", "a@gent.be", "--org", "gent", "--role", "admin"]
    )
    assert code == 2 and "differ" in err
    assert not User.objects.filter(email="a@gent.be").exists()

    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr(core_cli.getpass, "getpass", lambda prompt="": next(answers))
    code, _out, err = run(
        capsys, ["user", "create", "--email", "a@gent.be", "--org", "gent", "--role", "admin"]
    )
    assert code == 0, err
    assert User.objects.get(email="a@gent.be").check_password(GOOD_PASSWORD)


def test_user_create_adds_membership_for_existing_user(capsys, monkeypatch) -> None:  # noqa: ANN001
    make_org("gent")
    brugge = make_org("brugge")
    user = make_user("someone@example.org")
    old_hash = user.password
    code, _out, err = run(
        capsys,
        ["user", "create", "--email", "someone@example.org", "--org", "brugge", "--role", "auditor"],
        "",
        monkeypatch,
    )
    assert code == 0, err
    assert Membership.objects.get(user=user, organisation=brugge).role == Role.AUDITOR
    user.refresh_from_db()
    assert user.password == old_hash


@pytest.mark.parametrize(
    ("argv", "stdin", "needle"),
    [
        (["--email", "x@gent.be", "--org", "nowhere", "--role", "editor"], GOOD_PASSWORD, "nowhere"),
        (["--email", "not-an-email", "--org", "gent", "--role", "editor"], GOOD_PASSWORD, "not-an-email"),
        (["--email", "x@gent.be", "--org", "gent", "--role", "boss"], GOOD_PASSWORD, "boss"),
        (["--email", "x@gent.be", "--org", "gent", "--role", "editor"], "short", "password"),
        (["--email", "x@gent.be", "--org", "gent", "--role", "editor"], "1234567890123", "password"),
        (["--email", "x@gent.be", "--org", "gent", "--role", "editor"], "", "password"),
    ],
)
def test_user_create_bad_input(capsys, monkeypatch, argv, stdin, needle) -> None:  # noqa: ANN001
    make_org("gent")
    code, _out, err = run(capsys, ["user", "create", *argv], stdin, monkeypatch)
    assert code == 2
    assert err.count("\n") == 1 and needle in err
    assert not User.objects.exists()


def test_token_create_prints_only_a_working_token_and_revoke_stops_it(capsys) -> None:  # noqa: ANN001
    org = make_org("gent")
    user = make_user("robot@gent.be", org, Role.EDITOR)
    code, out, err = run(
        capsys, ["token", "create", "--user", "robot@gent.be", "--org", "gent", "--name", "nightly import"]
    )
    assert code == 0, err
    key = out.strip()
    assert out == key + "\n" and re.fullmatch(r"[A-Za-z0-9_-]{30,}", key)
    token = ApiToken.objects.get()
    assert token.key_hash == ApiToken.hash_key(key) and key not in (token.key_hash, token.prefix)
    assert token.name == "nightly import"
    authenticated_user, _token = authenticate(key)
    assert authenticated_user == user

    code, _out, err = run(capsys, ["token", "revoke", key[:8]])
    assert code == 0, err
    with pytest.raises(AuthenticationFailed):
        authenticate(key)
    code, _out, err = run(capsys, ["token", "revoke", key[:8]])
    assert code == 2 and key[:8] in err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--user", "robot@gent.be", "--org", "brugge"], "brugge"),
        (["--user", "nobody@gent.be", "--org", "gent"], "nobody@gent.be"),
        (["--user", "robot@gent.be", "--org", "nowhere"], "nowhere"),
    ],
)
def test_token_create_bad_input(capsys, argv, needle) -> None:  # noqa: ANN001
    gent = make_org("gent")
    make_org("brugge")
    make_user("robot@gent.be", gent, Role.EDITOR)
    code, out, err = run(capsys, ["token", "create", *argv])
    assert code == 2 and out == "" and needle in err
    assert not ApiToken.objects.exists()


def test_migrate_verb(capsys) -> None:  # noqa: ANN001
    code, _out, err = run(capsys, ["migrate"])
    assert code == 0, err


def test_serve_migrates_runs_demo_on_first_run_and_prints_url(capsys, monkeypatch) -> None:  # noqa: ANN001
    served = {}
    monkeypatch.setattr("waitress.serve", lambda app, **kw: served.update(kw, app=app))
    demo = types.ModuleType("fake_demo")
    demo.setup_demo = lambda: {"e-mail": "demo@example.org", "password": "shown-here"}
    monkeypatch.setitem(sys.modules, "fake_demo", demo)
    monkeypatch.setattr(core_cli, "DEMO_MODULE", "fake_demo")

    code, out, err = run(capsys, ["serve", "--first-run", "--host", "127.0.0.1", "--port", "8123"])
    assert code == 0, err
    assert "http://127.0.0.1:8123/" in out
    assert "demo@example.org" in out and "shown-here" in out
    assert served["host"] == "127.0.0.1" and served["port"] == 8123 and callable(served["app"])

    # With an organisation present the demo is not set up again.
    make_org("gent")
    demo.setup_demo = lambda: pytest.fail("demo set up twice")
    code, out, _err = run(capsys, ["serve", "--first-run", "--port", "8124"])
    assert code == 0 and "http://127.0.0.1:8124/" in out


def test_serve_without_demo_module_explains_how_to_start(capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("waitress.serve", lambda app, **kw: None)
    monkeypatch.setattr(core_cli, "DEMO_MODULE", "ketenwacht.no_such_demo_module")
    code, out, _err = run(capsys, ["serve", "--first-run"])
    assert code == 0
    assert "ketenwacht org create" in out


@pytest.mark.parametrize("port", ["0", "70000", "eighty"])
def test_serve_rejects_bad_port(capsys, port) -> None:  # noqa: ANN001
    code, _out, err = run(capsys, ["serve", "--port", port])
    assert code == 2 and err.count("\n") == 1


def test_serve_reports_port_in_use(capsys, monkeypatch) -> None:  # noqa: ANN001
    def busy(app, **kw):  # noqa: ANN001, ANN202
        raise OSError(98, "Address already in use")

    monkeypatch.setattr("waitress.serve", busy)
    code, _out, err = run(capsys, ["serve", "--port", "8125"])
    assert code == 2 and "Address already in use" in err
