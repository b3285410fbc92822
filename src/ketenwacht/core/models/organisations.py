from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality, OCMW, police zone or company whose suppliers are managed here."""

    class TimeZone(models.TextChoices):
        AMSTERDAM = "Europe/Amsterdam", "Europe/Amsterdam"
        BRUSSELS = "Europe/Brussels", "Europe/Brussels"

    class HolidayCountry(models.TextChoices):
        NL = "NL", _("Netherlands")
        BE = "BE", _("Belgium")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    timezone = models.CharField(
        _("time zone"), max_length=40, choices=TimeZone.choices, default=TimeZone.BRUSSELS
    )
    holiday_country = models.CharField(
        _("public-holiday country"), max_length=2, choices=HolidayCountry.choices, default=HolidayCountry.BE
    )
    crisis_list_max_age_days = models.PositiveIntegerField(
        _("crisis list maximum age (days)"),
        default=30,
        help_text=_("The dashboard warns when the last exported crisis list is older than this."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a member may do in one organisation."""

    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    AUDITOR = "auditor", _("Auditor")


# Roles that change data; members with these roles must use two-factor authentication.
WRITE_ROLES = frozenset({Role.ADMIN, Role.EDITOR, Role.POLICY_OFFICER})


class Membership(models.Model):
    """A user's role in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]
        ordering = ["organisation__name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def can_sign_off(self) -> bool:
        return self.role == Role.POLICY_OFFICER


class ApiToken(models.Model):
    """A token for automation, bound to one membership (so to one organisation and role).

    Only a SHA-256 of the token is stored; the token itself is shown once on creation.
    """

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("membership")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.membership})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
