from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ketenwacht.core.models import OrganisationScopedModel


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SIGNED_OFF = "signed_off", _("Signed off")


class AnswerStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Assessment(OrganisationScopedModel):
    """A review of one supplier (optionally one of its contracts) against one or more catalogs.

    Draft → submitted → signed off by a policy officer, who may return it to draft with remarks.
    A signed-off assessment is immutable; a re-assessment copies its answers into a new draft.
    """

    supplier = models.ForeignKey(
        "suppliers.Supplier", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("supplier")
    )
    title = models.CharField(_("title"), max_length=200)
    catalogs = models.ManyToManyField(
        "assessments.CatalogVersion", related_name="assessments", verbose_name=_("catalogs")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reassessments",
        verbose_name=_("previous assessment"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("signed off by"),
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "supplier", "status"], name="assessment_org_sup_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.status == AssessmentStatus.SIGNED_OFF


class Answer(OrganisationScopedModel):
    """The answer to one catalog item in an assessment, with its evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers",
                                   verbose_name=_("assessment"))
    catalog_version = models.ForeignKey("assessments.CatalogVersion", on_delete=models.PROTECT,
                                        related_name="+", verbose_name=_("catalog"))
    item_id = models.CharField(_("item"), max_length=40)
    status = models.CharField(_("answer"), max_length=16, choices=AnswerStatus.choices)
    clause_reference = models.CharField(_("clause reference"), max_length=200, blank=True,
                                        help_text=_("e.g. SLA art. 5.2"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.CharField(_("evidence file"), max_length=300, blank=True,
                                     help_text=_("Stored in the data directory, served to members only."))
    evidence_file_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered at"))
    from_supplier = models.BooleanField(_("proposed by the supplier"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "catalog_version", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "catalog_version", "item_id"], name="answer_unique_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.get_status_display()}"


class ReviewStep(OrganisationScopedModel):
    """One step of the sign-off workflow: submitted, returned (with remarks) or signed off."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned with remarks")
        SIGNED_OFF = "signed_off", _("Signed off")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="review_steps",
                                   verbose_name=_("assessment"))
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["assessment", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.get_action_display()}"
