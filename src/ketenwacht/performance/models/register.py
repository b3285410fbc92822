"""The breach register, saved import mappings and monitoring webhooks."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.core.models import OrganisationScopedModel


class Breach(OrganisationScopedModel):
    """A broken SLA promise in one measurement period, with its follow-up (claim, credit, waiver)."""

    class Term(models.TextChoices):
        AVAILABILITY = "availability", _("Availability")
        RESPONSE = "response", _("Response time")
        RESOLUTION = "resolution", _("Resolution time")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLAIMED = "claimed", _("Claimed")
        CREDITED = "credited", _("Credited")
        WAIVED = "waived", _("Waived")

    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.CASCADE, related_name="breaches", verbose_name=_("contract")
    )
    sla_version = models.ForeignKey(
        "contracts.SlaVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("SLA version"),
    )
    key = models.CharField(_("key"), max_length=160, help_text=_("Identifies the breach so a new scan updates it."))
    term = models.CharField(_("term"), max_length=12, choices=Term.choices)
    priority = models.CharField(_("priority"), max_length=2, blank=True)
    period_label = models.CharField(_("period"), max_length=20)
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    incident = models.ForeignKey(
        "performance.Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="breaches",
        verbose_name=_("incident"),
    )
    measured = models.FloatField(_("measured"))
    promised = models.FloatField(_("promised"))
    unit = models.CharField(_("unit"), max_length=10, help_text=_("'percent' or 'seconds'."))
    cause = models.TextField(_("cause"), blank=True)
    credit_percent = models.DecimalField(_("credit (%)"), max_digits=6, decimal_places=2, default=0)
    credit_amount = models.DecimalField(_("credit (EUR)"), max_digits=12, decimal_places=2, default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    detected_at = models.DateTimeField(_("detected at"), auto_now_add=True)

    class Meta:
        verbose_name = _("breach")
        verbose_name_plural = _("breaches")
        ordering = ["-period_start", "contract", "term", "priority"]
        constraints = [models.UniqueConstraint(fields=["contract", "key"], name="breach_key_unique_per_contract")]
        indexes = [
            models.Index(fields=["organisation", "status"], name="breach_org_status_idx"),
            models.Index(fields=["organisation", "period_start"], name="breach_org_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_term_display()} {self.priority} {self.period_label}".replace("  ", " ")


class ImportMapping(OrganisationScopedModel):
    """A saved column mapping for incident or outage imports (from a preset or made by hand)."""

    class Kind(models.TextChoices):
        INCIDENTS = "incidents", _("Incidents")
        OUTAGES = "outages", _("Outages")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    preset = models.CharField(_("based on preset"), max_length=20, blank=True)
    columns = models.JSONField(_("columns"), default=dict, help_text=_("Field → column heading in the file."))
    priority_map = models.JSONField(_("priority values"), default=dict, blank=True)
    date_format = models.CharField(_("date format"), max_length=40, blank=True)
    timezone = models.CharField(_("time zone of the file"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "kind", "name"], name="importmapping_unique_name")]

    def __str__(self) -> str:
        return self.name


class WebhookEndpoint(OrganisationScopedModel):
    """A URL per service that monitoring (Uptime Kuma, Alertmanager) posts to; down/up become outages.

    Only a SHA-256 of the secret token is stored; the token is shown once when created.
    """

    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("contract")
    )
    service = models.ForeignKey(
        "suppliers.Service", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("service"),
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    token_prefix = models.CharField(_("token prefix"), max_length=8)
    active = models.BooleanField(_("active"), default=True)
    last_event_at = models.DateTimeField(_("last event"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["contract", "name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
