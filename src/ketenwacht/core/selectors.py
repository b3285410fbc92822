"""Reads for core: organisations, memberships, API tokens and the audit trail.

Everything that returns domain data takes the organisation first and filters on it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from ketenwacht.core.models import ApiToken, AuditEvent, Membership, Organisation, Role, User

AUDIT_FIRST_DAY, AUDIT_LAST_DAY = dt.date(1900, 1, 1), dt.date(9000, 12, 31)


def organisation_by_slug(*, slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=(email or "").strip()).first()


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def membership_for(*, user: User, organisation_id: int | str) -> Membership | None:
    """The user's membership of that organisation, or ``None`` (also for ids that are not numbers)."""
    try:
        organisation_id = int(organisation_id)
    except (TypeError, ValueError):
        return None
    return memberships_for_user(user=user).filter(organisation_id=organisation_id).first()


def user_has_write_role(*, user: User) -> bool:
    """Whether any of the user's memberships changes data (so two-factor is mandatory)."""
    return Membership.objects.filter(user=user).exclude(role=Role.AUDITOR).exists()


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__email")


def organisation_member(*, organisation: Organisation, pk: int) -> Membership | None:
    return organisation_members(organisation=organisation).filter(pk=pk).first()


def api_tokens_by_prefix(*, prefix: str) -> QuerySet[ApiToken]:
    """Active tokens whose prefix is ``prefix`` (the full key is accepted too)."""
    prefix = (prefix or "").strip()
    active = ApiToken.objects.filter(revoked_at__isnull=True).select_related("membership__organisation")
    if len(prefix) > ApiToken._meta.get_field("prefix").max_length:
        return active.filter(key_hash=ApiToken.hash_key(prefix))
    return active.filter(prefix=prefix)


# --- Audit trail


def audit_events_for(
    organisation: Organisation,
    object_type: str,
    object_id: int | str,
    include_children: bool = True,
) -> QuerySet[AuditEvent]:
    """The history of one object (``object_type`` is ``"app_label.model"``), newest first.

    With ``include_children`` the events of objects recorded with this one as their parent
    (a supplier's contacts, a contract's SLA terms…) are included.
    """
    match = Q(object_type=object_type, object_id=str(object_id))
    if include_children:
        match |= Q(parent_type=object_type, parent_id=str(object_id))
    return AuditEvent.objects.filter(match, organisation=organisation).order_by("-timestamp", "-id")


def audit_events(
    *,
    organisation: Organisation,
    object_type: str = "",
    object_id: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    tz: dt.tzinfo | None = None,
    include_children: bool = True,
) -> QuerySet[AuditEvent]:
    """The organisation's trail, optionally narrowed; dates are whole days in ``tz``."""
    if object_type and object_id:
        events = audit_events_for(organisation, object_type, object_id, include_children)
    else:
        events = AuditEvent.objects.filter(organisation=organisation).order_by("-timestamp", "-id")
        if object_type:
            events = events.filter(object_type=object_type)
        elif object_id:
            events = events.filter(object_id=object_id)
    if action:
        events = events.filter(action=action)
    # A bound outside these days filters nothing; near the calendar's ends (0001-01-01, 9999-12-31)
    # the next day or the conversion to UTC would overflow.
    if date_from is not None and date_from > AUDIT_FIRST_DAY:
        events = events.filter(
            timestamp__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz or dt.UTC)
        )
    if date_to is not None and date_to < AUDIT_LAST_DAY:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz or dt.UTC)
        events = events.filter(timestamp__lt=end)
    return events


def audit_object_types(*, organisation: Organisation) -> list[str]:
    return sorted(
        AuditEvent.objects.filter(organisation=organisation)
        .order_by()
        .values_list("object_type", flat=True)
        .distinct()
    )
