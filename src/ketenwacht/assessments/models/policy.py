from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.core.models import OrganisationScopedModel


class PolicyOverride(OrganisationScopedModel):
    """A policy officer's recorded decision to let a supplier become active without a clean SLA review.

    Vo-CRT: conclude an SLA before you commit. The gate can be overridden, but only with a reason,
    by a policy officer, audited and shown on the supplier.
    """

    supplier = models.ForeignKey("suppliers.Supplier", on_delete=models.CASCADE, related_name="policy_overrides",
                                 verbose_name=_("supplier"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("policy override")
        verbose_name_plural = _("policy overrides")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.supplier}: {self.reason[:50]}"
