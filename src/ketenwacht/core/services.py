"""Writes for organisations, users, memberships and API tokens.

Every function is keyword-only, runs in one transaction and records an audit event, so a
refused change writes nothing and an accepted one is always attributable. Bad input raises
``django.core.exceptions.ValidationError`` with a message per field.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _

from ketenwacht.core.audit import Actor, record_create, record_delete, record_update, snapshot
from ketenwacht.core.models import ApiToken, Membership, Organisation, Role, User

ORGANISATION_FIELDS = ("name", "timezone", "holiday_country", "crisis_list_max_age_days")


def _clean_role(role: str) -> str:
    if role not in Role.values:
        raise ValidationError(
            {
                "role": _("Unknown role %(role)s; choose one of: %(roles)s.")
                % {"role": role, "roles": ", ".join(Role.values)}
            }
        )
    return role


def normalise_email(email: str) -> str:
    """E-mail addresses are stored in lower case so log-in does not depend on capitals."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    return email


# --- Organisations


@transaction.atomic
def organisation_create(
    *,
    actor: Actor,
    slug: str,
    name: str,
    timezone: str = Organisation.TimeZone.BRUSSELS,
    holiday_country: str = Organisation.HolidayCountry.BE,
    crisis_list_max_age_days: int = 30,
) -> Organisation:
    organisation = Organisation(
        slug=(slug or "").strip(),
        name=(name or "").strip(),
        timezone=timezone,
        holiday_country=holiday_country,
        crisis_list_max_age_days=crisis_list_max_age_days,
    )
    organisation.full_clean()  # also refuses a slug that is taken
    organisation.save()
    record_create(actor=actor, organisation=organisation, instance=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str | None = None,
    timezone: str | None = None,
    holiday_country: str | None = None,
    crisis_list_max_age_days: int | None = None,
) -> Organisation:
    """Change the given settings; ``None`` leaves a setting as it is."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(organisation)
    values = {
        "name": name.strip() if name is not None else None,
        "timezone": timezone,
        "holiday_country": holiday_country,
        "crisis_list_max_age_days": crisis_list_max_age_days,
    }
    for field, value in values.items():
        if value is not None:
            setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    record_update(actor=actor, organisation=organisation, instance=organisation, before=before)
    return organisation


# --- Users and memberships


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    email: str,
    password: str | None,
    full_name: str = "",
    preferred_language: str = "nl",
    organisation: Organisation | None = None,
    role: str | None = None,
) -> User:
    """Create a user, and their membership when ``organisation`` and ``role`` are given.

    ``password=None`` leaves the account without a usable password: the person sets one
    through a one-time link (see the members page).
    """
    email = normalise_email(email)
    if role is not None:
        _clean_role(role)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = User(email=email, full_name=(full_name or "").strip(), preferred_language=preferred_language)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_create(actor=actor, organisation=organisation, instance=user)
    if organisation is not None and role is not None:
        membership_create(actor=actor, organisation=organisation, user=user, role=role)
    return user


@transaction.atomic
def membership_create(*, actor: Actor, organisation: Organisation, user: User, role: str) -> Membership:
    _clean_role(role)
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            {"email": _("%(user)s is already a member of this organisation.") % {"user": user.email}}
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    except IntegrityError as exc:  # a concurrent request added the same person
        raise ValidationError(
            {"email": _("%(user)s is already a member of this organisation.") % {"user": user.email}}
        ) from exc
    record_create(actor=actor, organisation=organisation, instance=membership, parent=organisation)
    return membership


@transaction.atomic
def member_add(
    *, actor: Actor, organisation: Organisation, email: str, role: str, full_name: str = ""
) -> tuple[Membership, bool]:
    """Add a person by e-mail: an existing user gets a membership, a new one is created first.

    Returns the membership and whether the user was new (and so still needs a password).
    """
    email = normalise_email(email)
    _clean_role(role)
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = user_create(
            actor=actor, email=email, password=None, full_name=full_name, organisation=organisation
        )
    membership = membership_create(actor=actor, organisation=organisation, user=user, role=role)
    return membership, created


def _locked_admin_count(organisation_id: int) -> int:
    # Lock the admin rows so two concurrent demotions cannot both see "another admin is left".
    return len(
        list(
            Membership.objects.select_for_update()
            .filter(organisation_id=organisation_id, role=Role.ADMIN)
            .values_list("pk", flat=True)
        )
    )


@transaction.atomic
def membership_set_role(*, actor: Actor, membership: Membership, role: str) -> Membership:
    _clean_role(role)
    membership = (
        Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    )
    if membership.role == role:
        return membership
    if membership.role == Role.ADMIN and _locked_admin_count(membership.organisation_id) <= 1:
        raise ValidationError(
            {"role": _("This is the last administrator; make someone else administrator first.")}
        )
    before = snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    record_update(
        actor=actor,
        organisation=membership.organisation,
        instance=membership,
        before=before,
        parent=membership.organisation,
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Actor, membership: Membership) -> None:
    """Remove a member from an organisation (the user account stays). Never the last admin."""
    membership = (
        Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    )
    if membership.role == Role.ADMIN and _locked_admin_count(membership.organisation_id) <= 1:
        raise ValidationError(
            {"role": _("This is the last administrator; make someone else administrator first.")}
        )
    organisation = membership.organisation
    record_delete(actor=actor, organisation=organisation, instance=membership, parent=organisation)
    membership.delete()  # its API tokens go with it


# --- API tokens

TOKEN_PREFIX_LENGTH = 8


@transaction.atomic
def api_token_create(
    *, membership: Membership, name: str = "", actor: Actor | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``membership``: returns the stored row and the key, which is shown once.

    Only the key's SHA-256 is stored; the first characters are kept as a prefix to name it.
    """
    name = (name or "").strip()
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError({"name": _("The name is too long (at most 100 characters).")})
    while True:
        key = secrets.token_urlsafe(32)
        prefix = key[:TOKEN_PREFIX_LENGTH]
        # A fresh prefix keeps "revoke PREFIX" unambiguous.
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    token = ApiToken.objects.create(
        membership=membership, name=name, prefix=prefix, key_hash=ApiToken.hash_key(key)
    )
    record_create(
        actor=actor or Actor.system(), organisation=membership.organisation, instance=token, parent=membership
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("membership__organisation").get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = snapshot(token)
    token.revoked_at = dj_timezone.now()
    token.save(update_fields=["revoked_at"])
    record_update(
        actor=actor,
        organisation=token.membership.organisation,
        instance=token,
        before=before,
        parent=token.membership,
    )
    return token
