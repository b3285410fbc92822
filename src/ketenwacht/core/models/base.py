from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationScopedModel(models.Model):
    """Base for every domain row: it belongs to exactly one organisation.

    Selectors filter on ``organisation`` first; indexes start with it for the same reason.
    """

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
