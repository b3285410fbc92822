from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ketenwacht.assessments import selectors, services
from ketenwacht.assessments.models import Answer, AssessmentStatus, CatalogVersion
from ketenwacht.catalogs import get_catalog
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent, Role
from tests.assessments.conftest import TINY_CATALOG, answer_all

pytestmark = pytest.mark.django_db


def test_answer_for_unknown_item_is_refused_and_nothing_stored(assessment, as_editor, tiny) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-9.9",
                            status="met")
    assert "item_id" in exc.value.message_dict
    assert not Answer.objects.exists()


def test_answer_with_bad_status_is_refused(assessment, as_editor, tiny) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-1.1",
                            status="maybe")
    assert "status" in exc.value.message_dict


def test_answers_are_audited_with_old_and_new_values(assessment, as_editor, tiny) -> None:  # noqa: ANN001
    services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-1.1",
                        status="partly", clause_reference="SLA art. 5.2")
    services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-1.1",
                        status="met", clause_reference="SLA art. 5.2")
    update = AuditEvent.objects.filter(object_type="assessments.answer", action="update").get()
    assert update.changes["status"] == ["partly", "met"]
    assert update.parent_id == str(assessment.pk)


def test_submit_needs_every_item_answered(assessment, as_editor, tiny) -> None:  # noqa: ANN001
    services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-1.1", status="met")
    with pytest.raises(ValidationError) as exc:
        services.assessment_submit(assessment=assessment, actor=as_editor)
    assert "answers" in exc.value.message_dict
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_workflow_sign_off_only_by_policy_officer_then_immutable(assessment, as_editor, as_officer, tiny) -> None:  # noqa: ANN001
    answer_all(assessment, as_editor, tiny)
    services.assessment_submit(assessment=assessment, actor=as_editor)
    with pytest.raises(PermissionDenied):
        services.assessment_sign_off(assessment=assessment, actor=as_editor)
    services.assessment_sign_off(assessment=assessment, actor=as_officer, remarks="ok")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF and assessment.signed_off_by == as_officer.user
    with pytest.raises(ValidationError):
        services.answer_set(assessment=assessment, actor=as_officer, catalog_version=tiny, item_id="T-1.1",
                            status="not_met")
    assert Answer.objects.get(item_id="T-1.1").status == "met"


def test_return_requires_remarks_and_reopens_the_draft(assessment, as_editor, as_officer, tiny) -> None:  # noqa: ANN001
    answer_all(assessment, as_editor, tiny)
    services.assessment_submit(assessment=assessment, actor=as_editor)
    with pytest.raises(ValidationError):
        services.assessment_return(assessment=assessment, actor=as_officer, remarks="  ")
    services.assessment_return(assessment=assessment, actor=as_officer, remarks="Bewijs ontbreekt bij T-2.1")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert list(assessment.review_steps.values_list("action", flat=True)) == ["submitted", "returned"]


def test_auditor_cannot_answer(org, make_member, assessment, tiny) -> None:  # noqa: ANN001
    auditor = Actor(make_member(org, Role.AUDITOR))
    with pytest.raises(PermissionDenied):
        services.answer_set(assessment=assessment, actor=auditor, catalog_version=tiny, item_id="T-1.1",
                            status="met")


def test_reassessment_starts_from_previous_answers_and_shows_changes(assessment, as_editor, as_officer, tiny) -> None:  # noqa: ANN001
    answer_all(assessment, as_editor, tiny)
    services.assessment_submit(assessment=assessment, actor=as_editor)
    services.assessment_sign_off(assessment=assessment, actor=as_officer)
    new = services.assessment_reassess(assessment=assessment, actor=as_editor)
    assert new.status == AssessmentStatus.DRAFT and new.previous == assessment
    assert new.answers.count() == 3
    services.answer_set(assessment=new, actor=as_editor, catalog_version=tiny, item_id="T-2.1", status="not_met")
    changes = selectors.changes_since_previous(new)
    assert [(c.item_id, c.before, c.after) for c in changes] == [("T-2.1", "met", "not_met")]


def test_new_catalog_version_leaves_old_assessment_unchanged(org, as_editor, assessment, tiny) -> None:  # noqa: ANN001
    newer = TINY_CATALOG.replace('version: "1.0"', 'version: "1.1"').replace("Vraag een", "Vraag een (herzien)")
    v11 = services.catalog_import(organisation=org, actor=as_editor, source=newer)
    assert v11.pk != tiny.pk
    assessment.refresh_from_db()
    stored = assessment.catalogs.get()
    assert stored.version == "1.0" and stored.catalog.item("T-1.1").text.nl == "Vraag een"


def test_same_version_with_other_content_is_refused(org, as_editor, tiny) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.catalog_import(organisation=org, actor=as_editor, source=TINY_CATALOG.replace("Vraag een", "Anders"))
    assert "version" in exc.value.message_dict


def test_malformed_catalog_reports_yaml_paths(org, as_editor) -> None:  # noqa: ANN001
    broken = TINY_CATALOG.replace("weight: 3", "weight: drie")
    with pytest.raises(ValidationError) as exc:
        services.catalog_import(organisation=org, actor=as_editor, source=broken)
    assert any("weight" in m for m in exc.value.message_dict["file"])
    assert not CatalogVersion.objects.filter(organisation=org).exists()


def test_shipped_dtc_catalog_snapshot_is_stored_once(org) -> None:  # noqa: ANN001
    first = selectors.catalog_versions_available(organisation=org)
    second = selectors.catalog_versions_available(organisation=org)
    assert [v.pk for v in first] == [v.pk for v in second]
    dtc = next(v for v in first if v.catalog_id == "dtc-sla")
    assert dtc.item_count == 32 == len(get_catalog("dtc-sla").items)
