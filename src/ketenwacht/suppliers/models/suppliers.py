from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ketenwacht.core.models import OrganisationScopedModel

# EU member states plus Iceland, Liechtenstein and Norway: data kept here stays inside the EEA.
EEA_COUNTRIES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
})


class SupplierStatus(models.TextChoices):
    """Lifecycle of a supplier relation, in order."""

    PROSPECT = "prospect", _("Prospect")
    SCREENING = "screening", _("Screening")
    ONBOARDING = "onboarding", _("Onboarding")
    ACTIVE = "active", _("Active")
    EXITING = "exiting", _("Exiting")
    ENDED = "ended", _("Ended")


class Criticality(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class DpaStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    MISSING = "missing", _("Missing")
    REQUESTED = "requested", _("Requested")
    SIGNED = "signed", _("Signed")


class DataLocation(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    CLOUD = "cloud", _("Cloud")
    ON_PREMISES = "on_premises", _("On premises")
    BOTH = "both", _("Cloud and on premises")


class Supplier(OrganisationScopedModel):
    """An IT supplier, vendor or partner of the organisation (leverancier)."""

    name = models.CharField(_("name"), max_length=200)
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=20,
        blank=True,
        help_text=_("Belgian KBO/BCE number (0123.456.789) or Dutch KvK number (8 digits)."),
    )
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="BE", help_text=_("ISO 3166 code, e.g. BE, NL."))

    status = models.CharField(_("status"), max_length=12, choices=SupplierStatus.choices, default=SupplierStatus.PROSPECT)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    criticality = models.CharField(_("criticality"), max_length=10, choices=Criticality.choices, default=Criticality.MEDIUM)
    incident_relevant = models.BooleanField(
        _("may be involved in a serious incident"),
        default=False,
        help_text=_("Puts the supplier on the crisis list even when it is not critical."),
    )
    internal_owner = models.CharField(_("internal owner"), max_length=200, blank=True)
    framework_contract = models.CharField(_("framework contract reference"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    processes_personal_data = models.BooleanField(_("processes personal data"), default=False)
    personal_data_categories = models.CharField(
        _("categories of personal data"), max_length=500, blank=True, help_text=_("Comma-separated.")
    )
    dpa_status = models.CharField(
        _("processor agreement (DPA)"), max_length=12, choices=DpaStatus.choices, default=DpaStatus.NOT_NEEDED
    )
    dpa_signed_on = models.DateField(_("processor agreement signed on"), null=True, blank=True)
    data_location = models.CharField(
        _("data location"), max_length=12, choices=DataLocation.choices, blank=True, default=DataLocation.UNKNOWN
    )
    data_countries = models.CharField(
        _("data countries"), max_length=200, blank=True, help_text=_("ISO codes, comma-separated, e.g. BE, NL, IE.")
    )

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "organisation", name="supplier_name_unique_per_org"),
            models.UniqueConstraint(
                fields=["organisation", "enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="supplier_enterprise_number_unique_per_org",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="supplier_org_status_idx"),
            models.Index(fields=["organisation", "criticality"], name="supplier_org_crit_idx"),
            models.Index(fields=["organisation", "name"], name="supplier_org_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def data_country_list(self) -> list[str]:
        return [c.strip().upper() for c in self.data_countries.split(",") if c.strip()]

    @property
    def data_outside_eea(self) -> bool | None:
        """True if any data country lies outside the EU/EEA; None when no country is known."""
        countries = self.data_country_list
        if not countries:
            return None
        return any(c not in EEA_COUNTRIES for c in countries)

    @property
    def on_crisis_list(self) -> bool:
        return self.status != SupplierStatus.ENDED and (
            self.criticality == Criticality.CRITICAL or self.incident_relevant
        )


class SupplierStatusChange(models.Model):
    """One step in a supplier's lifecycle, with its date."""

    supplier = models.ForeignKey(
        Supplier, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("supplier")
    )
    from_status = models.CharField(_("from"), max_length=12, choices=SupplierStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=SupplierStatus.choices)
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("changed by"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["supplier", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.supplier}: {self.from_status or '-'} → {self.to_status}"


class Service(OrganisationScopedModel):
    """What a supplier supplies (DTC 1.1–1.3): ICT service, equipment or both, and what stays ours."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("ICT service")
        EQUIPMENT = "equipment", _("ICT equipment")
        BOTH = "both", _("ICT service and equipment")

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="services", verbose_name=_("supplier"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SERVICE)
    description = models.TextField(_("description"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("What the organisation uses it for."))
    own_responsibility = models.TextField(
        _("remains our responsibility"),
        blank=True,
        help_text=_("What the organisation still does itself (DTC 1.3)."),
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["supplier", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "supplier", name="service_name_unique_per_supplier"),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(OrganisationScopedModel):
    """A person or desk at the supplier: account manager, incident contact point, escalation level, DPO."""

    class ContactRole(models.TextChoices):
        ACCOUNT_MANAGER = "account_manager", _("Account manager")
        INCIDENT_CONTACT = "incident_contact", _("Incident contact point")
        ESCALATION_1 = "escalation_1", _("Escalation level 1")
        ESCALATION_2 = "escalation_2", _("Escalation level 2")
        ESCALATION_3 = "escalation_3", _("Escalation level 3")
        SECURITY_OFFICER = "security_officer", _("Security officer")
        DPO = "dpo", _("Data protection officer")

    class Reachability(models.TextChoices):
        ALWAYS = "24x7", _("24x7")
        HOURS = "hours", _("During stated hours")

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("supplier"))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    reachability = models.CharField(_("reachable"), max_length=6, choices=Reachability.choices, default=Reachability.HOURS)
    hours = models.CharField(_("hours"), max_length=100, blank=True, help_text=_("e.g. Mon–Fri 08:00–18:00"))
    languages = models.CharField(_("languages"), max_length=50, blank=True, help_text=_("e.g. nl, fr, en"))

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["supplier", "role", "name"]
        indexes = [models.Index(fields=["organisation", "supplier"], name="contact_org_supplier_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    # Order of roles in the crisis list's escalation chain.
    ESCALATION_ORDER = [
        ContactRole.INCIDENT_CONTACT,
        ContactRole.ESCALATION_1,
        ContactRole.ESCALATION_2,
        ContactRole.ESCALATION_3,
        ContactRole.SECURITY_OFFICER,
    ]
