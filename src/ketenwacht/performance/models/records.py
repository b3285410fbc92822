"""Performance records: incidents (with pauses) and outages or maintenance, per contract."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.contracts.models import Priority
from ketenwacht.core.models import OrganisationScopedModel


class Source(models.TextChoices):
    """How a record came in; imports and webhooks match on the external reference."""

    WEB = "web", _("Entered in the web app")
    API = "api", _("API")
    IMPORT = "import", _("File import")
    WEBHOOK = "webhook", _("Monitoring webhook")
    STATUSPAGE = "statuspage", _("Status page")
    DEMO = "demo", _("Demo data")


class Incident(OrganisationScopedModel):
    """An incident reported to the supplier, with the moments the SLA clocks need."""

    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.CASCADE, related_name="incidents", verbose_name=_("contract")
    )
    service = models.ForeignKey(
        "suppliers.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("service"),
    )
    external_reference = models.CharField(
        _("external reference"), max_length=100, blank=True,
        help_text=_("The ticket number at the supplier; imports update the incident with the same number."),
    )
    priority = models.CharField(_("priority"), max_length=2, choices=Priority.choices)
    reported_at = models.DateTimeField(_("reported"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    security_related = models.BooleanField(_("security incident"), default=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-reported_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "external_reference"], condition=~models.Q(external_reference=""),
                name="incident_reference_unique_per_contract",
            ),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True) | models.Q(resolved_at__gte=models.F("reported_at")),
                name="incident_resolved_after_reported",
            ),
            models.CheckConstraint(
                condition=models.Q(first_response_at__isnull=True)
                | models.Q(first_response_at__gte=models.F("reported_at")),
                name="incident_response_after_reported",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "reported_at"], name="incident_contract_reported_idx"),
            models.Index(fields=["organisation", "reported_at"], name="incident_org_reported_idx"),
        ]

    def __str__(self) -> str:
        return self.external_reference or f"#{self.pk}"


class IncidentPause(OrganisationScopedModel):
    """Waiting for the customer or a third party: stops the resolution clock (never the response clock)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("incident"))
    started_at = models.DateTimeField(_("paused from"))
    ended_at = models.DateTimeField(_("paused until"), null=True, blank=True, help_text=_("Empty: still waiting."))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["incident", "started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="pause_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} – {self.ended_at or '…'}"


class Outage(OrganisationScopedModel):
    """A period in which a service was down or degraded, or planned maintenance."""

    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.CASCADE, related_name="outages", verbose_name=_("contract")
    )
    service = models.ForeignKey(
        "suppliers.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("service"),
    )
    external_reference = models.CharField(_("external reference"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("start"))
    ended_at = models.DateTimeField(_("end"), null=True, blank=True, help_text=_("Empty: still going on."))
    planned = models.BooleanField(_("planned maintenance"), default=False)
    partial_weight = models.DecimalField(
        _("partial weight"), max_digits=4, decimal_places=3, null=True, blank=True,
        help_text=_("For a partial outage: how much it counts, above 0 and at most 1. Empty: a full outage."),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "external_reference"], condition=~models.Q(external_reference=""),
                name="outage_reference_unique_per_contract",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="outage_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(partial_weight__isnull=True)
                | models.Q(partial_weight__gt=0, partial_weight__lte=1),
                name="outage_weight_0_1",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "started_at"], name="outage_contract_start_idx"),
            models.Index(fields=["organisation", "started_at"], name="outage_org_start_idx"),
        ]

    def __str__(self) -> str:
        return self.external_reference or f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_partial(self) -> bool:
        return self.partial_weight is not None and self.partial_weight < 1
