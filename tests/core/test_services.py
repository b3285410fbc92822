"""Core services: validation per field, nothing half-written, audit events recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ketenwacht.core import services
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import ApiToken, AuditEvent, Membership, Organisation, Role, User
from ketenwacht.core.selectors import api_tokens_by_prefix
from tests.core.conftest import make_user
from tests.factories import make_organisation as make_org

pytestmark = pytest.mark.django_db
ACTOR = Actor.system()


def test_organisation_create_validates_each_field() -> None:
    with pytest.raises(ValidationError) as info:
        services.organisation_create(
            actor=ACTOR, slug="Bad Slug", name="", timezone="Asia/Tokyo", holiday_country="DE"
        )
    assert set(info.value.message_dict) == {"slug", "name", "timezone", "holiday_country"}
    assert not Organisation.objects.exists() and not AuditEvent.objects.exists()


def test_user_create_with_membership_is_audited_without_secrets() -> None:
    org = make_org("gent")
    user = services.user_create(
        actor=ACTOR,
        email=" Jan@Gent.BE ",
        password="Een lang wachtwoord 1",
        organisation=org,
        role=Role.ADMIN,
    )
    assert user.email == "jan@gent.be"
    assert Membership.objects.get(user=user).role == Role.ADMIN
    created = AuditEvent.objects.get(object_type="core.user")
    assert created.changes["email"] == [None, "jan@gent.be"]
    assert "password" not in created.changes and "last_login" not in created.changes


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"email": "nope", "password": "Een lang wachtwoord 1"}, "email"),
        ({"email": "x@gent.be", "password": "x@gent.be1234"}, "password"),
        ({"email": "x@gent.be", "password": "Een lang wachtwoord 1", "role": "owner"}, "role"),
        ({"email": "taken@gent.be", "password": "Een lang wachtwoord 1"}, "email"),
    ],
)
def test_user_create_refuses_bad_input(kwargs, field) -> None:  # noqa: ANN001
    org = make_org("gent")
    make_user("taken@gent.be")
    with pytest.raises(ValidationError) as info:
        services.user_create(actor=ACTOR, organisation=org, **{"role": Role.EDITOR, **kwargs})
    assert field in info.value.message_dict
    assert User.objects.count() == 1


def test_last_admin_stays() -> None:
    org = make_org("gent")
    first = Membership.objects.get(user=make_user("a@gent.be", org, Role.ADMIN))
    with pytest.raises(ValidationError):
        services.membership_set_role(actor=ACTOR, membership=first, role=Role.AUDITOR)
    with pytest.raises(ValidationError):
        services.membership_remove(actor=ACTOR, membership=first)
    second = Membership.objects.get(user=make_user("b@gent.be", org, Role.ADMIN))
    services.membership_remove(actor=ACTOR, membership=first)
    with pytest.raises(ValidationError):
        services.membership_set_role(actor=ACTOR, membership=second, role=Role.EDITOR)
    assert list(Membership.objects.values_list("role", flat=True)) == [Role.ADMIN]


def test_non_admin_changes_are_free_and_same_role_records_nothing() -> None:
    org = make_org("gent")
    make_user("a@gent.be", org, Role.ADMIN)
    editor = Membership.objects.get(user=make_user("e@gent.be", org, Role.EDITOR))
    before = AuditEvent.objects.count()
    services.membership_set_role(actor=ACTOR, membership=editor, role=Role.EDITOR)
    assert AuditEvent.objects.count() == before
    services.membership_set_role(actor=ACTOR, membership=editor, role=Role.AUDITOR)
    event = AuditEvent.objects.get(object_type="core.membership", action="update")
    assert event.changes == {"role": ["editor", "auditor"]}


def test_api_token_create_stores_only_a_hash_and_revoke_is_audited() -> None:
    org = make_org("gent")
    membership = Membership.objects.get(user=make_user("r@gent.be", org, Role.AUDITOR))
    token, key = services.api_token_create(membership=membership, name="report")
    assert ApiToken.objects.filter(key_hash=ApiToken.hash_key(key)).get() == token
    assert key.startswith(token.prefix) and len(key) > len(token.prefix) + 20
    assert list(api_tokens_by_prefix(prefix=token.prefix)) == [token]
    assert list(api_tokens_by_prefix(prefix=key)) == [token]
    services.api_token_revoke(actor=ACTOR, token=token)
    assert not api_tokens_by_prefix(prefix=token.prefix).exists()
    events = AuditEvent.objects.filter(object_type="core.apitoken").order_by("id")
    assert [e.action for e in events] == ["create", "update"]
    assert all("key_hash" not in e.changes for e in events)
    with pytest.raises(ValidationError):
        services.api_token_create(membership=membership, name="x" * 101)
