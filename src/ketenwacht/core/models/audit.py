from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One create, update or delete of domain data: who, when, which fields from what to what.

    Append-only: rows are never updated or deleted by the application.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="audit_events",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
    )
    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(
        _("actor label"), max_length=254, help_text=_("Kept when the user is removed; 'system' for jobs.")
    )
    via = models.CharField(_("via"), max_length=10, default="web", help_text=_("web, api, cli or system"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, help_text=_("app_label.model"))
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    parent_type = models.CharField(_("parent type"), max_length=60, blank=True)
    parent_id = models.CharField(_("parent id"), max_length=64, blank=True)
    changes = models.JSONField(_("changes"), default=dict, help_text=_("{field: [old, new]}"))
    remark = models.CharField(_("remark"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["organisation", "object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["organisation", "parent_type", "parent_id"], name="audit_parent_idx"),
            models.Index(fields=["organisation", "-timestamp"], name="audit_org_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit events are append-only")
