"""Writes for assessments: catalog snapshots, answers, the sign-off workflow, policy overrides.

Every function validates before it writes, runs in one transaction and records the audit trail.
Errors are ``django.core.exceptions.ValidationError`` keyed by field name.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.assessments.models import (
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    CatalogVersion,
    PolicyOverride,
    ReviewStep,
)
from ketenwacht.assessments.selectors import assessment_scores
from ketenwacht.catalogs import Catalog, CatalogError, Problem, catalog_to_dict, load_catalog
from ketenwacht.core.audit import Actor, record_create, record_update, snapshot
from ketenwacht.core.models import Membership, Organisation, Role
from ketenwacht.suppliers.models import Supplier

EVIDENCE_EXTENSIONS = {".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg", ".txt", ".csv", ".odt", ".ods"}


def _role(actor: Actor, organisation: Organisation) -> str | None:
    if actor.user is None:
        return None
    membership = Membership.objects.filter(user=actor.user, organisation=organisation).first()
    return membership.role if membership else None


def require_writer(actor: Actor, organisation: Organisation) -> None:
    if _role(actor, organisation) not in {Role.ADMIN, Role.EDITOR, Role.POLICY_OFFICER}:
        raise PermissionDenied(_("Your role in this organisation does not allow changes."))


def require_policy_officer(actor: Actor, organisation: Organisation) -> None:
    if _role(actor, organisation) != Role.POLICY_OFFICER:
        raise PermissionDenied(_("Only a policy officer may do this."))


# --- catalog snapshots -------------------------------------------------------------------------


def catalog_version_for(*, catalog: Catalog, organisation: Organisation | None = None) -> CatalogVersion:
    """The stored snapshot of ``catalog`` (created on first use). Shipped catalogs have no organisation."""
    existing = CatalogVersion.objects.filter(
        organisation=organisation, catalog_id=catalog.id, version=catalog.version
    ).first()
    if existing is not None:
        return existing
    version = CatalogVersion(
        organisation=organisation,
        catalog_id=catalog.id,
        version=catalog.version,
        title_nl=catalog.title.nl,
        title_en=catalog.title.en,
        checksum=catalog.checksum,
        snapshot=catalog_to_dict(catalog),
        item_count=len(catalog.items),
    )
    version.save()
    return version


def is_operator(actor: Actor) -> bool:
    """The operator at the command line: no user account, full rights (the CLI is an operator tool)."""
    return actor.user is None and actor.via in ("cli", "system")


def problem_text(problem: Problem) -> str:
    """One catalog problem in the active language: ``path (line N): message``."""
    where = problem.path or _("(document)")
    if problem.line is not None:
        where = _("%(path)s (line %(line)d)") % {"path": where, "line": problem.line}
    return f"{where}: {_(problem.template) % problem.params}"


@transaction.atomic
def catalog_import(*, organisation: Organisation, actor: Actor, source: str | bytes) -> CatalogVersion:
    """Store an organisation's own catalog version. The same id and version with other content is refused.

    A writing member may import, and so may the operator at the command line (``Actor.cli()``).
    A file with any problem raises ``ValidationError({"file": [...]})`` listing every problem
    with its YAML path and line; nothing is stored.
    """
    if not is_operator(actor):
        require_writer(actor, organisation)
    try:
        catalog = load_catalog(source)
    except CatalogError as exc:
        raise ValidationError({"file": [problem_text(p) for p in exc.problems]}) from exc
    existing = CatalogVersion.objects.filter(
        organisation=organisation, catalog_id=catalog.id, version=catalog.version
    ).first()
    if existing is not None:
        if existing.checksum == catalog.checksum:
            return existing
        raise ValidationError({"version": _(
            "Catalog %(id)s version %(version)s already exists with other content; give the new content "
            "a new version number."
        ) % {"id": catalog.id, "version": catalog.version}})
    version = catalog_version_for(catalog=catalog, organisation=organisation)
    version.imported_by = actor.user
    version.save(update_fields=["imported_by"])
    record_create(actor=actor, organisation=organisation, instance=version)
    return version


# --- assessments --------------------------------------------------------------------------------


def _check_catalogs(organisation: Organisation, versions: Iterable[CatalogVersion]) -> list[CatalogVersion]:
    versions = list(versions)
    if not versions:
        raise ValidationError({"catalogs": _("Choose at least one catalog.")})
    for version in versions:
        if version.organisation_id not in (None, organisation.pk):
            raise ValidationError({"catalogs": _("Unknown catalog.")})
    ids = [v.catalog_id for v in versions]
    if len(set(ids)) != len(ids):
        raise ValidationError({"catalogs": _("Choose each catalog only once.")})
    return versions


@transaction.atomic
def assessment_create(
    *,
    organisation: Organisation,
    actor: Actor,
    supplier: Supplier,
    catalog_versions: Iterable[CatalogVersion],
    title: str = "",
) -> Assessment:
    require_writer(actor, organisation)
    if supplier.organisation_id != organisation.pk:
        raise ValidationError({"supplier": _("Unknown supplier.")})
    versions = _check_catalogs(organisation, catalog_versions)
    assessment = Assessment(
        organisation=organisation,
        supplier=supplier,
        title=(title or "").strip() or _("Assessment of %(supplier)s") % {"supplier": supplier.name},
        created_by=actor.user,
    )
    assessment.full_clean(exclude=["catalogs"])
    assessment.save()
    assessment.catalogs.set(versions)
    record_create(actor=actor, organisation=organisation, instance=assessment, parent=supplier)
    return assessment


@transaction.atomic
def assessment_reassess(*, assessment: Assessment, actor: Actor,
                        catalog_versions: Iterable[CatalogVersion] | None = None) -> Assessment:
    """A new draft that starts from ``assessment``'s answers.

    With newer catalog versions, answers carry over for items whose id still exists; items that
    are new in the newer version start unanswered.
    """
    organisation = assessment.organisation
    versions = list(catalog_versions) if catalog_versions is not None else list(assessment.catalogs.all())
    new = assessment_create(
        organisation=organisation, actor=actor, supplier=assessment.supplier, catalog_versions=versions,
        title=assessment.title,
    )
    new.previous = assessment
    new.save(update_fields=["previous"])
    by_catalog = {v.catalog_id: v for v in versions}
    now = timezone.now()
    copies = []
    for answer in assessment.answers.select_related("catalog_version"):
        target = by_catalog.get(answer.catalog_version.catalog_id)
        if target is None:
            continue
        try:
            target.catalog.item(answer.item_id)
        except KeyError:
            continue
        copies.append(Answer(
            organisation=organisation, assessment=new, catalog_version=target, item_id=answer.item_id,
            status=answer.status, clause_reference=answer.clause_reference, evidence=answer.evidence,
            evidence_file=answer.evidence_file, evidence_file_name=answer.evidence_file_name,
            answered_by=answer.answered_by, answered_at=answer.answered_at or now,
        ))
    Answer.objects.bulk_create(copies)
    return new


def _store_evidence(organisation: Organisation, upload: UploadedFile) -> tuple[str, str]:
    name = Path(upload.name or "evidence").name
    suffix = Path(name).suffix.lower()
    if suffix not in EVIDENCE_EXTENSIONS:
        raise ValidationError({"evidence_file": _("File type %(suffix)s is not accepted.") % {"suffix": suffix}})
    if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError({"evidence_file": _("The file is larger than the limit.")})
    relative = Path(str(organisation.pk)) / "evidence" / f"{uuid.uuid4().hex}{suffix}"
    target = Path(settings.FILES_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return str(relative), name[:200]


def _editable(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft assessment can be changed.")})


@transaction.atomic
def answer_set(
    *,
    assessment: Assessment,
    actor: Actor,
    catalog_version: CatalogVersion,
    item_id: str,
    status: str,
    clause_reference: str = "",
    evidence: str = "",
    evidence_upload: UploadedFile | None = None,
    from_supplier: bool = False,
) -> Answer:
    """Create or change the answer to one item."""
    organisation = assessment.organisation
    require_writer(actor, organisation)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _editable(assessment)
    if not assessment.catalogs.filter(pk=catalog_version.pk).exists():
        raise ValidationError({"catalog": _("This catalog is not part of the assessment.")})
    try:
        catalog_version.catalog.item(item_id)
    except KeyError:
        raise ValidationError({"item_id": _("Item %(item)s does not exist in %(catalog)s.") % {
            "item": item_id, "catalog": catalog_version}}) from None
    if status not in AnswerStatus.values:
        raise ValidationError({"status": _("Choose met, partly met, not met or not applicable.")})
    answer = Answer.objects.filter(assessment=assessment, catalog_version=catalog_version, item_id=item_id).first()
    before = snapshot(answer) if answer is not None else None
    if answer is None:
        answer = Answer(organisation=organisation, assessment=assessment, catalog_version=catalog_version,
                        item_id=item_id)
    answer.status = status
    answer.clause_reference = (clause_reference or "").strip()
    answer.evidence = (evidence or "").strip()
    answer.answered_by = actor.user
    answer.answered_at = timezone.now()
    answer.from_supplier = from_supplier
    if evidence_upload is not None:
        answer.evidence_file, answer.evidence_file_name = _store_evidence(organisation, evidence_upload)
    answer.full_clean()
    answer.save()
    if before is None:
        record_create(actor=actor, organisation=organisation, instance=answer, parent=assessment)
    else:
        record_update(actor=actor, organisation=organisation, instance=answer, before=before, parent=assessment)
    return answer


def _step(assessment: Assessment, actor: Actor, action: str, remarks: str = "") -> ReviewStep:
    step = ReviewStep.objects.create(organisation=assessment.organisation, assessment=assessment,
                                     action=action, actor=actor.user, remarks=remarks)
    record_create(actor=actor, organisation=assessment.organisation, instance=step, parent=assessment)
    return step


@transaction.atomic
def assessment_submit(*, assessment: Assessment, actor: Actor) -> Assessment:
    """Draft → submitted, once every item of every catalog has an answer."""
    require_writer(actor, assessment.organisation)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _editable(assessment)
    unanswered = sum(s.total - s.answered for s in assessment_scores(assessment))
    if unanswered:
        raise ValidationError({"answers": _("%(count)d items have no answer yet.") % {"count": unanswered}})
    before = snapshot(assessment)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save()
    record_update(actor=actor, organisation=assessment.organisation, instance=assessment, before=before)
    _step(assessment, actor, ReviewStep.Action.SUBMITTED)
    return assessment


@transaction.atomic
def assessment_return(*, assessment: Assessment, actor: Actor, remarks: str) -> Assessment:
    """A policy officer sends a submitted assessment back to draft, with remarks."""
    require_policy_officer(actor, assessment.organisation)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted assessment can be returned.")})
    if not (remarks or "").strip():
        raise ValidationError({"remarks": _("Say what must change.")})
    before = snapshot(assessment)
    assessment.status = AssessmentStatus.DRAFT
    assessment.save()
    record_update(actor=actor, organisation=assessment.organisation, instance=assessment, before=before,
                  remark=remarks.strip())
    _step(assessment, actor, ReviewStep.Action.RETURNED, remarks.strip())
    return assessment


@transaction.atomic
def assessment_sign_off(*, assessment: Assessment, actor: Actor, remarks: str = "") -> Assessment:
    """A policy officer signs off a submitted assessment; it is immutable from then on."""
    require_policy_officer(actor, assessment.organisation)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted assessment can be signed off.")})
    before = snapshot(assessment)
    assessment.status = AssessmentStatus.SIGNED_OFF
    assessment.signed_off_at = timezone.now()
    assessment.signed_off_by = actor.user
    assessment.save()
    record_update(actor=actor, organisation=assessment.organisation, instance=assessment, before=before)
    _step(assessment, actor, ReviewStep.Action.SIGNED_OFF, (remarks or "").strip())
    return assessment


@transaction.atomic
def policy_override_create(*, supplier: Supplier, actor: Actor, reason: str) -> PolicyOverride:
    """Record a policy officer's decision to let ``supplier`` become active without a clean SLA review."""
    require_policy_officer(actor, supplier.organisation)
    if len((reason or "").strip()) < 10:
        raise ValidationError({"reason": _("Give a reason of at least 10 characters.")})
    override = PolicyOverride.objects.create(organisation=supplier.organisation, supplier=supplier,
                                             reason=reason.strip(), decided_by=actor.user)
    record_create(actor=actor, organisation=supplier.organisation, instance=override, parent=supplier)
    return override
