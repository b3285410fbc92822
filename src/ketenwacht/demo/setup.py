"""Create or refresh the demo organisation: ``setup_demo()``.

Each area adds its demo data as a module of this package with an ``ensure_*`` function and one
call in :func:`setup_demo` (suppliers now; contracts, incidents, assessments later). Every step is
idempotent: running the demo again refreshes it and never duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.demo import accounts
from ketenwacht.demo import assessments as demo_assessments
from ketenwacht.demo import contracts as demo_contracts
from ketenwacht.demo import performance as demo_performance
from ketenwacht.demo import suppliers as demo_suppliers


@dataclass(frozen=True)
class DemoResult:
    """What the demo set-up did, and how to log in."""

    organisation: Organisation
    created: bool
    users: list[tuple[str, str]]
    password: str
    password_source: str
    password_path: Path | None
    counts: dict[str, int] = field(default_factory=dict)

    def login_instructions(self) -> str:
        verb = "Created" if self.created else "Refreshed"
        lines = [
            f"{verb} the demo organisation '{self.organisation.name}' (slug {self.organisation.slug}).",
            f"Log in at {settings.BASE_URL}/ with one of these accounts:",
        ]
        width = max(len(email) for email, _ in self.users)
        lines += [f"  {email:<{width}}  {role}" for email, role in self.users]
        if self.password_source == "env":
            lines.append(f"Password: {self.password}  (from {accounts.PASSWORD_ENV})")
        else:
            lines.append(f"Password: {self.password}  (kept in {self.password_path})")
        lines.append(
            "Administrator, editor and policy officer set up two-factor authentication (an authenticator app) "
            "at their first log-in; the auditor only reads."
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.login_instructions()


def setup_demo(actor: Actor | None = None) -> DemoResult:
    """Create or refresh the demo organisation ``voorbeeldstad`` with its users and data."""
    actor = actor or Actor.system()
    password = accounts.demo_password()
    if password.source == "env":
        accounts.check_password_strength(password.value)
    with transaction.atomic():
        organisation, created = accounts.ensure_organisation(actor)
        accounts.ensure_users(organisation, actor, password.value)
        listed = demo_suppliers.ensure_suppliers(organisation, actor)
        assessed = demo_assessments.ensure_assessments(organisation)
        contracts = demo_contracts.ensure_contracts(organisation, actor)
        demo_performance.ensure_performance(organisation, actor, contracts)
    return DemoResult(
        organisation=organisation,
        created=created,
        users=[(u.email, str(u.role.label)) for u in accounts.USERS],
        password=password.value,
        password_source=password.source,
        password_path=password.path,
        counts={"suppliers": len(listed), "assessments_created": assessed, "contracts": len(contracts)},
    )
