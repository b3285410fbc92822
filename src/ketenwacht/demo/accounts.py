"""The demo organisation and its four demo users, one per role.

The password comes from ``KETENWACHT_DEMO_PASSWORD`` or is generated once and kept in
``<data dir>/demo-password.txt`` (readable by the owner only), so every start shows the same one.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ketenwacht.core import services
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Membership, Organisation, Role, User

SLUG = "voorbeeldstad"
NAME = "Gemeente Voorbeeldstad"
PASSWORD_ENV = "KETENWACHT_DEMO_PASSWORD"
PASSWORD_FILE = "demo-password.txt"


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: str
    full_name: str


USERS = [
    DemoUser("admin@voorbeeldstad.be", Role.ADMIN, "An Admin (demo)"),
    DemoUser("editor@voorbeeldstad.be", Role.EDITOR, "Eddy Editor (demo)"),
    DemoUser("beleid@voorbeeldstad.be", Role.POLICY_OFFICER, "Bea Beleid (demo)"),
    DemoUser("auditor@voorbeeldstad.be", Role.AUDITOR, "Aud Auditor (demo)"),
]


@dataclass(frozen=True)
class DemoPassword:
    value: str
    source: str  # "env" or "file"
    path: Path | None


def password_file() -> Path:
    return Path(settings.DATA_DIR) / PASSWORD_FILE


def demo_password() -> DemoPassword:
    """The configured password, or the one kept in the data directory (generated on first use)."""
    configured = os.environ.get(PASSWORD_ENV, "").strip()
    if configured:
        return DemoPassword(configured, "env", None)
    path = password_file()
    try:
        stored = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        stored = ""
    if stored:
        return DemoPassword(stored, "file", path)
    value = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created owner-readable only: the file holds a working password.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return DemoPassword(value, "file", path)


def check_password_strength(password: str) -> None:
    """Refuse a configured password the project's password rules would refuse."""
    try:
        validate_password(password)
    except ValidationError as exc:
        raise ValidationError({"password": [f"{PASSWORD_ENV}: {' '.join(exc.messages)}"]}) from exc


def ensure_organisation(actor: Actor) -> tuple[Organisation, bool]:
    organisation = Organisation.objects.filter(slug=SLUG).first()
    if organisation is None:
        organisation = services.organisation_create(
            actor=actor, slug=SLUG, name=NAME, timezone=Organisation.TimeZone.BRUSSELS,
            holiday_country=Organisation.HolidayCountry.BE,
        )
        return organisation, True
    if (organisation.name, organisation.timezone, organisation.holiday_country) != (
        NAME, Organisation.TimeZone.BRUSSELS, Organisation.HolidayCountry.BE
    ):
        organisation = services.organisation_update(
            actor=actor, organisation=organisation, name=NAME, timezone=Organisation.TimeZone.BRUSSELS,
            holiday_country=Organisation.HolidayCountry.BE,
        )
    return organisation, False


def ensure_users(organisation: Organisation, actor: Actor, password: str) -> None:
    """Create the demo users, or give existing ones their demo role and the demo password back."""
    for demo in USERS:
        user = User.objects.filter(email__iexact=demo.email).first()
        if user is None:
            services.user_create(
                actor=actor, email=demo.email, password=password, full_name=demo.full_name,
                organisation=organisation, role=demo.role,
            )
            continue
        if not user.check_password(password):
            # Refreshing the demo resets its shared password; passwords are not audited domain data.
            user.set_password(password)
            user.save(update_fields=["password"])
        membership = Membership.objects.filter(organisation=organisation, user=user).first()
        if membership is None:
            services.membership_create(actor=actor, organisation=organisation, user=user, role=demo.role)
        elif membership.role != demo.role:
            services.membership_set_role(actor=actor, membership=membership, role=demo.role)
