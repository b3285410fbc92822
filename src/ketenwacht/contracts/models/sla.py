"""SLA versions with their typed, measurable terms, and response/resolution targets per priority.

Every term is a number with a unit (and, where it matters, a period). Calendars (service and
support hours) are stored in the SLA engine's calendar format, so they reach it unchanged.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.core.models import OrganisationScopedModel


class MeasurementPeriod(models.TextChoices):
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


class DowntimeDefinition(models.TextChoices):
    FULL_ONLY = "full_only", _("Full outages only")
    PARTIAL_WEIGHTED = "partial_weighted", _("Also partial outages, with a weight")


class MaintenanceTreatment(models.TextChoices):
    EXCLUDED = "excluded", _("Planned maintenance is not downtime")
    COUNTED = "counted", _("Planned maintenance counts as downtime")


class TimeUnit(models.TextChoices):
    """Units of the duration-valued terms; each term accepts the subset in ``DURATION_TERMS``."""

    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    BUSINESS_HOURS = "business_hours", _("business hours")
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class TargetUnit(models.TextChoices):
    """The three clocks of the SLA engine for response and resolution targets."""

    BUSINESS_HOURS = "business_hours", _("business hours")
    WORKING_DAYS = "working_days", _("working days")
    CLOCK = "clock", _("clock hours")


class Priority(models.TextChoices):
    P1 = "P1", "P1"
    P2 = "P2", "P2"
    P3 = "P3", "P3"
    P4 = "P4", "P4"


# Every duration-valued term (fields ``<term>_value`` and ``<term>_unit``) and the units it accepts.
DURATION_TERMS: dict[str, tuple[str, ...]] = {
    "maintenance_notice": ("hours", "business_hours", "days", "working_days"),
    "security_notification": ("minutes", "hours", "business_hours"),
    "backup_frequency": ("hours", "days", "weeks"),
    "backup_retention": ("days", "weeks", "months", "years"),
    "rpo": ("minutes", "hours"),
    "rto": ("minutes", "hours", "business_hours"),
    "patch_critical": ("hours", "days", "working_days"),
    "audit_frequency": ("months", "years"),
    "pentest_frequency": ("months", "years"),
}


def _unit(verbose: str) -> models.CharField:
    return models.CharField(verbose, max_length=16, choices=TimeUnit.choices, blank=True)


class SlaVersion(OrganisationScopedModel):
    """One version of a contract's SLA, valid from one date up to and including another."""

    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.CASCADE, related_name="sla_versions", verbose_name=_("contract")
    )
    label = models.CharField(_("version"), max_length=60, help_text=_("e.g. SLA 2025 or version 2.1"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Inclusive; empty means until further notice.")
    )
    timezone = models.CharField(
        _("time zone"), max_length=40, default="Europe/Brussels",
        help_text=_("The zone in which periods, service hours and support hours are measured."),
    )

    # Availability
    availability_target_percent = models.DecimalField(
        _("availability target (%)"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    availability_period = models.CharField(
        _("measurement period"), max_length=8, choices=MeasurementPeriod.choices, blank=True
    )
    downtime_definition = models.CharField(
        _("what counts as downtime"), max_length=16, choices=DowntimeDefinition.choices, blank=True
    )
    partial_weight = models.DecimalField(
        _("weight of a partial outage"), max_digits=4, decimal_places=3, null=True, blank=True,
        help_text=_("Above 0 and at most 1, e.g. 0.5: a partial outage counts half. "
                    "Empty: the weight recorded with each outage."),
    )
    service_hours = models.JSONField(
        _("service hours"), null=True, blank=True,
        help_text=_("When availability is measured: '24x7' or a business calendar."),
    )

    # Planned maintenance
    maintenance = models.CharField(
        _("planned maintenance"), max_length=8, choices=MaintenanceTreatment.choices, blank=True
    )
    maintenance_windows = models.JSONField(
        _("maintenance windows"), default=list, blank=True,
        help_text=_("Weekday and time ranges, e.g. Sunday 02:00–06:00."),
    )
    maintenance_max_minutes = models.PositiveIntegerField(
        _("maximum planned maintenance (minutes)"), null=True, blank=True
    )
    maintenance_max_period = models.CharField(
        _("maximum planned maintenance per"), max_length=8, choices=MeasurementPeriod.choices, blank=True
    )
    maintenance_notice_value = models.PositiveIntegerField(_("notice for planned maintenance"), null=True, blank=True)
    maintenance_notice_unit = _unit(_("notice unit"))

    # Support
    support_hours = models.JSONField(
        _("support hours"), null=True, blank=True,
        help_text=_("When response and resolution clocks run: '24x7' or a business calendar."),
    )
    security_notification_value = models.PositiveIntegerField(
        _("security incident notification deadline"), null=True, blank=True
    )
    security_notification_unit = _unit(_("notification deadline unit"))

    # Continuity
    backup_frequency_value = models.PositiveIntegerField(_("backup every"), null=True, blank=True)
    backup_frequency_unit = _unit(_("backup interval unit"))
    backup_retention_value = models.PositiveIntegerField(_("backup retention"), null=True, blank=True)
    backup_retention_unit = _unit(_("retention unit"))
    rpo_value = models.PositiveIntegerField(_("recovery point objective (RPO)"), null=True, blank=True)
    rpo_unit = _unit(_("RPO unit"))
    rto_value = models.PositiveIntegerField(_("recovery time objective (RTO)"), null=True, blank=True)
    rto_unit = _unit(_("RTO unit"))

    # Security and assurance
    patch_critical_value = models.PositiveIntegerField(
        _("patch deadline for critical vulnerabilities"), null=True, blank=True
    )
    patch_critical_unit = _unit(_("patch deadline unit"))
    audit_right = models.BooleanField(_("right to audit"), null=True, blank=True)
    audit_frequency_value = models.PositiveIntegerField(_("audit at most once every"), null=True, blank=True)
    audit_frequency_unit = _unit(_("audit interval unit"))
    pentest_frequency_value = models.PositiveIntegerField(_("penetration test every"), null=True, blank=True)
    pentest_frequency_unit = _unit(_("penetration test interval unit"))

    # Credits and liability
    credit_tiers = models.JSONField(
        _("service-credit tiers"), default=list, blank=True,
        help_text=_("Each tier: a credit percentage that applies when availability falls below a percentage."),
    )
    credit_cap_percent = models.DecimalField(
        _("service-credit cap (% of the fee)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    liability_cap_amount = models.DecimalField(
        _("liability cap (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    wording = models.JSONField(
        _("wording in the contract"), default=dict, blank=True,
        help_text=_("The text of each term as the contract states it; checked for vague wording."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("SLA version")
        verbose_name_plural = _("SLA versions")
        ordering = ["contract", "valid_from"]
        indexes = [models.Index(fields=["contract", "valid_from"], name="slaversion_contract_from_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="slaversion_valid_until_after_from",
            ),
            models.CheckConstraint(
                condition=models.Q(availability_target_percent__isnull=True)
                | models.Q(availability_target_percent__gte=0, availability_target_percent__lte=100),
                name="slaversion_target_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def covers(self, day: dt.date) -> bool:
        """Whether this version is in force on ``day``."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class SlaPriorityTarget(OrganisationScopedModel):
    """Response and resolution target of one priority (P1–P4) in one SLA version.

    The organisation names and defines its priorities itself ("Kritiek: de dienst ligt plat
    voor iedereen"); the value is in hours for business and clock hours, in days for working days.
    """

    sla_version = models.ForeignKey(
        SlaVersion, on_delete=models.CASCADE, related_name="priority_targets", verbose_name=_("SLA version")
    )
    priority = models.CharField(_("priority"), max_length=2, choices=Priority.choices)
    name = models.CharField(_("name"), max_length=60, blank=True, help_text=_("Your own name, e.g. Critical."))
    definition = models.TextField(_("definition"), blank=True, help_text=_("When an incident gets this priority."))
    response_value = models.DecimalField(_("response target"), max_digits=8, decimal_places=2, null=True, blank=True)
    response_unit = models.CharField(_("response unit"), max_length=16, choices=TargetUnit.choices, blank=True)
    resolution_value = models.DecimalField(_("resolution target"), max_digits=8, decimal_places=2, null=True, blank=True)
    resolution_unit = models.CharField(_("resolution unit"), max_length=16, choices=TargetUnit.choices, blank=True)

    class Meta:
        verbose_name = _("priority target")
        verbose_name_plural = _("priority targets")
        ordering = ["sla_version", "priority"]
        constraints = [
            models.UniqueConstraint(fields=["sla_version", "priority"], name="prioritytarget_unique_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.priority} {self.name}".strip()
