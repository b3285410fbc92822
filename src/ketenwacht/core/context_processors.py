from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ketenwacht.core.models import Membership, Role


def organisation(request: HttpRequest) -> dict[str, Any]:
    """The active organisation and membership, and the user's other organisations for the switcher."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    others = []
    if user is not None and user.is_authenticated:
        others = list(Membership.objects.filter(user=user).select_related("organisation"))
    return {
        "active_membership": membership,
        "active_organisation": getattr(request, "organisation", None),
        "all_memberships": others,
        "can_write": bool(membership and membership.can_write),
        "is_org_admin": bool(membership and membership.is_admin),
        "can_read_audit": bool(membership and membership.role in (Role.ADMIN, Role.AUDITOR)),
    }
