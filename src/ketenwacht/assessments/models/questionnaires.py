from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.assessments.models.assessments import AnswerStatus, Assessment
from ketenwacht.core.models import OrganisationScopedModel


class QuestionnaireLink(OrganisationScopedModel):
    """A link with which a supplier contact answers one assessment's catalog without an account.

    Only a SHA-256 of the random token is stored; the link expires and can be revoked.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="questionnaire_links",
                                   verbose_name=_("assessment"))
    catalog_version = models.ForeignKey("assessments.CatalogVersion", on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("catalog"))
    contact = models.ForeignKey("suppliers.Contact", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("contact"))
    email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=2, choices=[("nl", "Nederlands"), ("en", "English")],
                                default="nl")
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))

    class Meta:
        verbose_name = _("questionnaire link")
        verbose_name_plural = _("questionnaire links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.assessment} → {self.email}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class SupplierAnswer(OrganisationScopedModel):
    """An answer proposed by the supplier; it joins the assessment only once the organisation accepts it."""

    class Review(models.TextChoices):
        PENDING = "pending", _("To review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    link = models.ForeignKey(QuestionnaireLink, on_delete=models.CASCADE, related_name="answers",
                             verbose_name=_("questionnaire link"))
    item_id = models.CharField(_("item"), max_length=40)
    status = models.CharField(_("answer"), max_length=16, choices=AnswerStatus.choices)
    clause_reference = models.CharField(_("clause reference"), max_length=200, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, default=Review.PENDING)
    review_remark = models.CharField(_("review remark"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplier answer")
        verbose_name_plural = _("supplier answers")
        ordering = ["link", "item_id"]
        constraints = [models.UniqueConstraint(fields=["link", "item_id"], name="supplier_answer_unique_item")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.get_status_display()} ({self.get_review_display()})"
