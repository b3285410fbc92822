"""Contracts with a supplier and the documents attached to them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ketenwacht.core.models import OrganisationScopedModel


class Renewal(models.TextChoices):
    NONE = "none", _("No renewal")
    TACIT = "tacit", _("Tacit (automatic) renewal")
    EXPLICIT = "explicit", _("Explicit renewal")


class NoticeUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` shifted by whole months, clamped to the month's last day (31 May − 3 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


class Contract(OrganisationScopedModel):
    """An agreement with a supplier covering one or more of its services (overeenkomst)."""

    supplier = models.ForeignKey(
        "suppliers.Supplier", on_delete=models.PROTECT, related_name="contracts", verbose_name=_("supplier")
    )
    reference = models.CharField(_("reference"), max_length=60, help_text=_("Your contract number, e.g. 2025-ICT-014."))
    title = models.CharField(_("title"), max_length=200)
    services = models.ManyToManyField(
        "suppliers.Service", blank=True, related_name="contracts", verbose_name=_("covered services")
    )
    framework_contract = models.CharField(_("framework contract reference"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Leave empty for an open-ended contract."))
    notice_period_value = models.PositiveSmallIntegerField(_("notice period"), null=True, blank=True)
    notice_period_unit = models.CharField(
        _("notice period unit"), max_length=6, choices=NoticeUnit.choices, default=NoticeUnit.MONTHS
    )
    renewal = models.CharField(_("renewal"), max_length=8, choices=Renewal.choices, default=Renewal.NONE)
    renewal_period_months = models.PositiveSmallIntegerField(
        _("renewal period (months)"), null=True, blank=True, help_text=_("How long each tacit renewal lasts.")
    )
    value_per_month = models.DecimalField(
        _("value per month (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    internal_owner = models.CharField(_("internal owner"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(Lower("reference"), "organisation", name="contract_reference_unique_per_org"),
        ]
        indexes = [
            models.Index(fields=["organisation", "end_date"], name="contract_org_end_idx"),
            models.Index(fields=["organisation", "supplier"], name="contract_org_supplier_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    @property
    def notice_deadline(self) -> dt.date | None:
        """The last day on which notice can be given so the contract ends on its end date."""
        if self.end_date is None or not self.notice_period_value:
            return None
        value = self.notice_period_value
        if self.notice_period_unit == NoticeUnit.MONTHS:
            return add_months(self.end_date, -value)
        days = value * (7 if self.notice_period_unit == NoticeUnit.WEEKS else 1)
        return self.end_date - dt.timedelta(days=days)

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


def document_storage() -> FileSystemStorage:
    """Uploads live in the data directory, outside any web root; only a member-checking view serves them."""
    return FileSystemStorage(location=Path(settings.FILES_DIR) / "contracts", base_url=None)


def document_path(instance: ContractDocument, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return f"{instance.organisation_id}/{instance.contract_id}/{instance.sha256[:16]}{suffix}"


class StoredFileField(models.FileField):
    """A file in the data directory; left out of the audit trail, which records name and SHA-256 instead."""

    audit_exclude = True


class ContractDocument(OrganisationScopedModel):
    """A file attached to a contract: the signed contract, the SLA, the processor agreement."""

    class Kind(models.TextChoices):
        SIGNED_CONTRACT = "signed_contract", _("Signed contract")
        SLA = "sla", _("SLA")
        DPA = "dpa", _("Processor agreement (DPA)")
        OTHER = "other", _("Other")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents", verbose_name=_("contract"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    file = StoredFileField(_("file"), storage=document_storage, upload_to=document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")
        ordering = ["contract", "kind", "-created_at"]

    def __str__(self) -> str:
        return self.original_name
