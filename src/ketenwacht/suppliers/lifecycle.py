"""The supplier lifecycle: which status changes are allowed, and the hook for extra policy checks.

Allowed: forwards along the lifecycle (prospect → screening → onboarding → active → exiting →
ended), back one step, and to ``exiting`` or ``ended`` from anywhere. Apps higher up (e.g. a
policy gate before ``active``) add their own checks with :func:`register_transition_check`, so
this app never imports them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from ketenwacht.suppliers.models import Supplier, SupplierStatus

LIFECYCLE: list[str] = [
    SupplierStatus.PROSPECT,
    SupplierStatus.SCREENING,
    SupplierStatus.ONBOARDING,
    SupplierStatus.ACTIVE,
    SupplierStatus.EXITING,
    SupplierStatus.ENDED,
]
# Reachable from every status: a relation can always be wound down.
ALWAYS_ALLOWED = frozenset({SupplierStatus.EXITING, SupplierStatus.ENDED})

TransitionCheck = Callable[[Supplier, str], list[str]]
_extra_checks: list[TransitionCheck] = []


def register_transition_check(check: TransitionCheck) -> None:
    """Add a check run on every status change; it returns the reasons to refuse (empty: fine)."""
    if check not in _extra_checks:
        _extra_checks.append(check)


def unregister_transition_check(check: TransitionCheck) -> None:
    if check in _extra_checks:
        _extra_checks.remove(check)


def status_label(status: str) -> str:
    try:
        return str(SupplierStatus(status).label)
    except ValueError:
        return status


def lifecycle_reasons(from_status: str, to_status: str) -> list[str]:
    """Why the lifecycle itself forbids ``from_status`` → ``to_status`` (empty list: allowed)."""
    if to_status not in LIFECYCLE:
        return [_("'%(status)s' is not a supplier status.") % {"status": to_status}]
    if from_status == to_status:
        return [_("The supplier already has the status %(status)s.") % {"status": status_label(to_status)}]
    if to_status in ALWAYS_ALLOWED or from_status not in LIFECYCLE:
        return []
    here, there = LIFECYCLE.index(from_status), LIFECYCLE.index(to_status)
    if there > here or there == here - 1:
        return []
    return [
        _(
            "A supplier can go back only one step in its lifecycle: from %(from)s to %(back)s, "
            "not to %(to)s."
        )
        % {
            "from": status_label(from_status),
            "back": status_label(LIFECYCLE[here - 1]),
            "to": status_label(to_status),
        }
    ]


def check_status_transition(supplier: Supplier, to_status: str) -> list[str]:
    """All reasons to refuse changing ``supplier`` to ``to_status``; an empty list means allowed."""
    reasons = lifecycle_reasons(supplier.status, to_status)
    if reasons:
        return reasons
    for check in _extra_checks:
        reasons.extend(str(r) for r in check(supplier, to_status))
    return reasons


def allowed_statuses(supplier: Supplier) -> list[str]:
    """The statuses the lifecycle allows from the supplier's current one (extra checks not run)."""
    return [s for s in LIFECYCLE if not lifecycle_reasons(supplier.status, s)]
