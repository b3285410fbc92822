"""Core models: users, organisations, memberships and roles, API tokens, the audit trail."""

from ketenwacht.core.models.audit import AuditEvent
from ketenwacht.core.models.base import OrganisationScopedModel
from ketenwacht.core.models.organisations import ApiToken, Membership, Organisation, Role
from ketenwacht.core.models.users import User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Membership",
    "Organisation",
    "OrganisationScopedModel",
    "Role",
    "User",
]
