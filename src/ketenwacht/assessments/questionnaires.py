"""The supplier questionnaire: a link with which a supplier contact answers a catalog without an account.

The link carries a random token; only its SHA-256 is stored. A link is valid for one assessment
and one catalog, until it expires, is revoked, or the assessment leaves draft. The supplier's
answers are proposals: each becomes part of the assessment only when the organisation accepts it.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ketenwacht.assessments import services
from ketenwacht.assessments.models import (
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    CatalogVersion,
    QuestionnaireLink,
    SupplierAnswer,
)
from ketenwacht.core.audit import Actor, record_create, record_update, snapshot
from ketenwacht.suppliers.models import Contact

DEFAULT_VALID_DAYS = 14
MAX_VALID_DAYS = 90


class LinkInvalid(Exception):
    """The token is unknown, expired, revoked or its assessment no longer accepts answers."""

    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code  # unknown, revoked, expired or closed


def questionnaire_url(token: str) -> str:
    return settings.BASE_URL + reverse("assessments:questionnaire", kwargs={"token": token})


@transaction.atomic
def link_create(
    *,
    assessment: Assessment,
    actor: Actor,
    catalog_version: CatalogVersion,
    email: str,
    contact: Contact | None = None,
    language: str = "nl",
    valid_days: int = DEFAULT_VALID_DAYS,
    send: bool = True,
) -> tuple[QuestionnaireLink, str]:
    """Create a link and (by default) e-mail it. Returns the link and the token (shown once)."""
    services.require_writer(actor, assessment.organisation)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError({"assessment": _("Only a draft assessment can be sent to a supplier.")})
    if not assessment.catalogs.filter(pk=catalog_version.pk).exists():
        raise ValidationError({"catalog": _("This catalog is not part of the assessment.")})
    if contact is not None and contact.supplier_id != assessment.supplier_id:
        raise ValidationError({"contact": _("Choose a contact of this supplier.")})
    if language not in ("nl", "en"):
        raise ValidationError({"language": _("Choose Dutch or English.")})
    if not 1 <= int(valid_days) <= MAX_VALID_DAYS:
        raise ValidationError({"valid_days": _("A link is valid for 1 to %(max)d days.") % {"max": MAX_VALID_DAYS}})
    token = secrets.token_urlsafe(32)
    link = QuestionnaireLink(
        organisation=assessment.organisation, assessment=assessment, catalog_version=catalog_version,
        contact=contact, email=(email or "").strip(), language=language,
        token_hash=QuestionnaireLink.hash_token(token),
        expires_at=timezone.now() + timedelta(days=int(valid_days)), created_by=actor.user,
    )
    link.full_clean()
    link.save()
    record_create(actor=actor, organisation=assessment.organisation, instance=link, parent=assessment)
    if send:
        with translation.override(language):
            subject = _("Questionnaire from %(organisation)s") % {"organisation": assessment.organisation.name}
            body = _(
                "Dear supplier,\n\n%(organisation)s asks you to answer the checklist \"%(catalog)s\" about "
                "your service. Open this personal link (valid until %(until)s):\n\n%(url)s\n\n"
                "You need no account. Your answers are reviewed by %(organisation)s.\n"
            ) % {
                "organisation": assessment.organisation.name,
                "catalog": catalog_version.title(language),
                "until": timezone.localtime(link.expires_at).strftime("%Y-%m-%d"),
                "url": questionnaire_url(token),
            }
        transaction.on_commit(lambda: send_mail(subject, body, None, [link.email]))
    return link, token


@transaction.atomic
def link_revoke(*, link: QuestionnaireLink, actor: Actor) -> QuestionnaireLink:
    services.require_writer(actor, link.organisation)
    if link.revoked_at is None:
        before = snapshot(link)
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        record_update(actor=actor, organisation=link.organisation, instance=link, before=before,
                      parent=link.assessment)
    return link


def link_resolve(token: str) -> QuestionnaireLink:
    """The valid link for ``token``, or :class:`LinkInvalid` with a reason a supplier can read."""
    if not token or len(token) > 200:
        raise LinkInvalid(_("This link is not valid."), "unknown")
    link = (QuestionnaireLink.objects.select_related("assessment__supplier", "assessment__organisation",
                                                     "catalog_version")
            .filter(token_hash=QuestionnaireLink.hash_token(token)).first())
    if link is None:
        raise LinkInvalid(_("This link is not valid."), "unknown")
    if link.revoked_at is not None:
        raise LinkInvalid(_("This link has been withdrawn by the organisation."), "revoked")
    if link.expires_at <= timezone.now():
        raise LinkInvalid(_("This link has expired. Ask the organisation for a new one."), "expired")
    if link.assessment.status != AssessmentStatus.DRAFT:
        raise LinkInvalid(_("This questionnaire is closed."), "closed")
    return link


@transaction.atomic
def supplier_answers_save(*, link: QuestionnaireLink, answers: list[dict[str, str]], submit: bool = False) -> int:
    """Store the supplier's proposed answers (all or nothing). Returns how many were stored."""
    link = QuestionnaireLink.objects.select_for_update().get(pk=link.pk)
    catalog = link.catalog_version.catalog
    errors: dict[str, list[str]] = {}
    for row in answers:
        item_id = row.get("item_id", "")
        try:
            catalog.item(item_id)
        except KeyError:
            errors.setdefault("item_id", []).append(_("Unknown item %(item)s.") % {"item": item_id})
            continue
        if row.get("status") not in AnswerStatus.values:
            errors.setdefault(item_id, []).append(_("Choose an answer."))
        if len(row.get("explanation", "")) > 5000 or len(row.get("clause_reference", "")) > 200:
            errors.setdefault(item_id, []).append(_("The text is too long."))
    if errors:
        raise ValidationError(errors)
    stored = 0
    for row in answers:
        proposal, _created = SupplierAnswer.objects.get_or_create(
            link=link, item_id=row["item_id"],
            defaults={"organisation": link.organisation, "status": row["status"]},
        )
        if proposal.review == SupplierAnswer.Review.ACCEPTED:
            continue  # already part of the assessment; a later change needs a new link
        proposal.status = row["status"]
        proposal.clause_reference = row.get("clause_reference", "").strip()
        proposal.explanation = row.get("explanation", "").strip()
        proposal.review = SupplierAnswer.Review.PENDING
        proposal.review_remark = ""
        proposal.save()
        stored += 1
    link.last_used_at = timezone.now()
    if submit:
        link.submitted_at = link.last_used_at
    link.save(update_fields=["last_used_at", "submitted_at"])
    return stored


@transaction.atomic
def supplier_answer_review(*, proposal: SupplierAnswer, actor: Actor, accept: bool, remark: str = "") -> SupplierAnswer:
    """Accept (the answer joins the assessment) or reject (with a remark) a supplier's proposal."""
    link = proposal.link
    services.require_writer(actor, link.organisation)
    if proposal.review != SupplierAnswer.Review.PENDING:
        raise ValidationError({"review": _("This answer has already been reviewed.")})
    if not accept and not (remark or "").strip():
        raise ValidationError({"remark": _("Say why the answer is rejected.")})
    before = snapshot(proposal)
    if accept:
        evidence = proposal.explanation
        services.answer_set(
            assessment=link.assessment, actor=actor, catalog_version=link.catalog_version,
            item_id=proposal.item_id, status=proposal.status, clause_reference=proposal.clause_reference,
            evidence=_("According to the supplier: %(text)s") % {"text": evidence} if evidence else "",
            from_supplier=True,
        )
    proposal.review = SupplierAnswer.Review.ACCEPTED if accept else SupplierAnswer.Review.REJECTED
    proposal.review_remark = (remark or "").strip()[:500]
    proposal.reviewed_by = actor.user
    proposal.reviewed_at = timezone.now()
    proposal.save()
    record_update(actor=actor, organisation=link.organisation, instance=proposal, before=before,
                  parent=link.assessment)
    return proposal
