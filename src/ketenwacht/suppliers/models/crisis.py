from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.core.models import OrganisationScopedModel


class CrisisListExport(OrganisationScopedModel):
    """A record that the crisis list was exported: when, by whom, in which format, and its checksum.

    The dashboard compares the newest export with the register's newest change to warn
    that the offline copy is out of date.
    """

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("exported by"),
    )
    via = models.CharField(_("via"), max_length=10, default="web")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    supplier_count = models.PositiveIntegerField(_("suppliers listed"))

    class Meta:
        verbose_name = _("crisis list export")
        verbose_name_plural = _("crisis list exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.format} {self.created_at:%Y-%m-%d %H:%M}"
