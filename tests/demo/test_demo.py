"""The demo organisation: idempotent, valid identifiers, the promised variety, log-in instructions."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from ketenwacht.cli import main
from ketenwacht.contracts.models import Contract
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent, Membership, Organisation, User
from ketenwacht.demo import setup_demo
from ketenwacht.suppliers import crisis, services
from ketenwacht.suppliers.models import Contact, Service, Supplier, SupplierStatusChange

EMAILS = {
    "admin@voorbeeldstad.be": "admin",
    "editor@voorbeeldstad.be": "editor",
    "beleid@voorbeeldstad.be": "policy_officer",
    "auditor@voorbeeldstad.be": "auditor",
}


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: ANN001
    settings.DATA_DIR = tmp_path
    # Argon2 is deliberately slow; these tests hash the demo password many times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("KETENWACHT_DEMO_PASSWORD", raising=False)
    return tmp_path


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "suppliers": Supplier.objects.count(),
        "services": Service.objects.count(),
        "contacts": Contact.objects.count(),
        "status_changes": SupplierStatusChange.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


@pytest.mark.django_db
def test_running_twice_changes_nothing_the_second_time() -> None:
    first = setup_demo()
    after_first = _counts()
    second = setup_demo()
    assert first.created and not second.created
    assert _counts() == after_first
    assert 10 <= after_first["suppliers"] <= 15


@pytest.mark.django_db
def test_refresh_restores_demo_data_but_keeps_additions() -> None:
    setup_demo()
    org = Organisation.objects.get(slug="voorbeeldstad")
    actor = Actor(user=None, via="cli")
    hosting = Supplier.objects.get(organisation=org, name="Datacentrum Scheldeland NV")
    services.supplier_update(supplier=hosting, actor=actor, internal_owner="Iemand anders")
    extra = services.supplier_create(organisation=org, actor=actor, name="Zelf toegevoegd BV", country="NL")
    setup_demo()
    hosting.refresh_from_db()
    assert hosting.internal_owner == "Dienst ICT – teamleider infrastructuur"
    assert Supplier.objects.filter(pk=extra.pk).exists()


@pytest.mark.django_db
def test_organisation_and_users() -> None:
    setup_demo()
    org = Organisation.objects.get(slug="voorbeeldstad")
    assert (org.name, org.timezone, org.holiday_country) == ("Gemeente Voorbeeldstad", "Europe/Brussels", "BE")
    roles = {m.user.email: m.role for m in Membership.objects.filter(organisation=org).select_related("user")}
    assert roles == EMAILS


def _kbo_valid(number: str) -> bool:
    digits = number.replace(".", "")
    return (
        re.fullmatch(r"[01]\d{3}\.\d{3}\.\d{3}", number) is not None
        and 97 - int(digits[:8]) % 97 == int(digits[8:])
    )


def test_kbo_rule_itself_on_known_numbers() -> None:
    # Worked out by hand: 00123456 = 97 × 1272 + 72, so the check digits are 97 − 72 = 25.
    assert _kbo_valid("0012.345.625")
    assert not _kbo_valid("0012.345.626")
    assert not _kbo_valid("2012.345.625")


@pytest.mark.django_db
def test_identifiers_are_valid() -> None:
    setup_demo()
    suppliers = list(Supplier.objects.filter(organisation__slug="voorbeeldstad"))
    belgian = [s for s in suppliers if s.country == "BE"]
    dutch = [s for s in suppliers if s.country == "NL"]
    assert len(belgian) >= 5 and len(dutch) >= 2
    for s in belgian:
        assert _kbo_valid(s.enterprise_number), s.name
        assert s.vat_number == "BE" + s.enterprise_number.replace(".", ""), s.name
    for s in dutch:
        assert re.fullmatch(r"\d{8}", s.enterprise_number), s.name
        assert re.fullmatch(r"NL\d{9}B\d{2}", s.vat_number), s.name


@pytest.mark.django_db
def test_the_promised_variety() -> None:
    setup_demo()
    suppliers = list(Supplier.objects.filter(organisation__slug="voorbeeldstad"))
    assert any(s.status == "ended" for s in suppliers)
    assert len({s.status for s in suppliers}) >= 3
    assert any(s.data_outside_eea for s in suppliers)
    assert any(s.processes_personal_data and s.dpa_status == "signed" for s in suppliers)
    assert {"critical", "high", "medium", "low"} <= {s.criticality for s in suppliers}
    assert Service.objects.filter(organisation__slug="voorbeeldstad").exclude(own_responsibility="").exists()
    assert Service.objects.filter(organisation__slug="voorbeeldstad", kind="equipment").exists()
    contacts = Contact.objects.filter(organisation__slug="voorbeeldstad")
    assert contacts.filter(role="incident_contact", reachability="24x7").count() >= 5
    assert {"escalation_1", "escalation_2", "escalation_3", "dpo", "account_manager"} <= set(
        contacts.values_list("role", flat=True)
    )
    ended = next(s for s in suppliers if s.status == "ended")
    assert [c.to_status for c in ended.status_changes.all()] == ["active", "exiting", "ended"]
    org = Organisation.objects.get(slug="voorbeeldstad")
    listed = [e.supplier for e in crisis.crisis_list(org).entries]
    assert ended not in listed and len(listed) >= 6


@pytest.mark.django_db
def test_generated_password_is_kept_private_and_reused(data_dir: Path) -> None:
    first = setup_demo()
    path = data_dir / "demo-password.txt"
    assert path.read_text().strip() == first.password
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert setup_demo().password == first.password
    assert User.objects.get(email="auditor@voorbeeldstad.be").check_password(first.password)


@pytest.mark.django_db
def test_password_from_environment(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.setenv("KETENWACHT_DEMO_PASSWORD", "Voorbeeld-Wachtwoord-2025")
    result = setup_demo()
    assert result.password == "Voorbeeld-Wachtwoord-2025"
    assert not (data_dir / "demo-password.txt").exists()
    assert User.objects.get(email="editor@voorbeeldstad.be").check_password("Voorbeeld-Wachtwoord-2025")
    assert "KETENWACHT_DEMO_PASSWORD" in result.login_instructions()


@pytest.mark.django_db
def test_cli_prints_login_instructions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for email in EMAILS:
        assert email in out
    assert "Password: " in out


@pytest.mark.django_db
def test_cli_refuses_a_weak_password_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KETENWACHT_DEMO_PASSWORD", "123")
    assert main(["demo"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "KETENWACHT_DEMO_PASSWORD" in err
    assert not Organisation.objects.filter(slug="voorbeeldstad").exists()


@pytest.mark.django_db
def test_every_demo_contract_covers_its_services() -> None:
    # Counted by hand from the demo contracts: hosting + back-up, civil affairs, workplace,
    # WAN + routers, telephony, e-mail. A service renamed in one module but not the other drops out.
    setup_demo()
    covered = {c.reference: c.services.count() for c in Contract.objects.filter(organisation__slug="voorbeeldstad")}
    assert covered == {"2022-ICT-014": 2, "2023-SAAS-003": 1, "2024-WP-021": 1, "2021-NET-007": 2,
                       "2025-TEL-002": 1, "MW-STD-2023": 1}
