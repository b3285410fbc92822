from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.catalogs import Catalog, catalog_from_data


class CatalogVersion(models.Model):
    """A frozen snapshot of one version of a checklist catalog.

    Assessments point at a snapshot, never at the YAML file, so a new catalog version (shipped or
    an organisation's own) never changes an assessment made on an older one. Shipped catalogs have
    no organisation; an organisation's own catalogs are visible to that organisation only.
    """

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )
    catalog_id = models.CharField(_("catalog"), max_length=80)
    version = models.CharField(_("version"), max_length=20)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    checksum = models.CharField(_("checksum"), max_length=64)
    snapshot = models.JSONField(_("snapshot"))
    item_count = models.PositiveIntegerField(_("number of items"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        verbose_name = _("catalog version")
        verbose_name_plural = _("catalog versions")
        ordering = ["catalog_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "catalog_id", "version"], name="catalog_version_unique_per_org"
            ),
            models.UniqueConstraint(
                fields=["catalog_id", "version"],
                condition=models.Q(organisation__isnull=True),
                name="catalog_version_unique_shipped",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.catalog_id} {self.version}"

    @cached_property
    def catalog(self) -> Catalog:
        return catalog_from_data(self.snapshot)

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_nl
