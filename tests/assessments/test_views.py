"""Assessment pages: create, answer per section (with evidence), detail, workflow, roles, isolation."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ketenwacht.assessments import questionnaires, services
from ketenwacht.assessments.models import Answer, Assessment, AssessmentStatus, CatalogVersion
from ketenwacht.assessments.selectors import ensure_shipped_catalogs
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Role
from tests.assessments.conftest import answer_all
from tests.factories import verified_client

pytestmark = pytest.mark.django_db


def section_url(assessment: Assessment, version: CatalogVersion, section_id: str) -> str:
    return reverse("assessments:section", kwargs={"pk": assessment.pk, "version_pk": version.pk,
                                                  "section_id": section_id})


def test_create_page_lists_catalogs_and_creates_a_draft(org, editor, supplier, tiny) -> None:  # noqa: ANN001
    client = verified_client(editor)
    page = client.get(reverse("assessments:create"))
    assert page.status_code == 200
    assert b"Kleine lijst" in page.content or b"Tiny list" in page.content
    response = client.post(reverse("assessments:create"), {"supplier": supplier.pk, "catalogs": [tiny.pk]})
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("assessments:detail", args=[assessment.pk])
    assert assessment.status == AssessmentStatus.DRAFT
    assert list(assessment.catalogs.all()) == [tiny]


def test_create_without_catalog_is_refused_and_creates_nothing(org, editor, supplier, tiny) -> None:  # noqa: ANN001
    response = verified_client(editor).post(reverse("assessments:create"), {"supplier": supplier.pk})
    assert response.status_code == 400
    assert b'id="error-summary"' in response.content
    assert not Assessment.objects.exists()


def test_section_post_saves_every_answer(editor, assessment, tiny, files_dir) -> None:  # noqa: ANN001
    client = verified_client(editor)
    assert client.get(section_url(assessment, tiny, "T-1")).status_code == 200
    response = client.post(section_url(assessment, tiny, "T-1"), {
        "T-1.1-status": "met", "T-1.1-clause": "SLA art. 5.2", "T-1.2-status": "partly", "save_next": "1",
    })
    assert response.status_code == 302
    assert response["Location"] == section_url(assessment, tiny, "T-2")
    answers = {a.item_id: a for a in Answer.objects.all()}
    assert set(answers) == {"T-1.1", "T-1.2"}
    assert answers["T-1.1"].clause_reference == "SLA art. 5.2" and answers["T-1.2"].status == "partly"


def test_section_post_is_all_or_nothing(editor, assessment, tiny, files_dir) -> None:  # noqa: ANN001
    # T-1.1 is fine, T-1.2 has evidence but no answer: nothing of the section is stored.
    response = verified_client(editor).post(section_url(assessment, tiny, "T-1"), {
        "T-1.1-status": "met", "T-1.2-evidence": "See the SLA",
    })
    assert response.status_code == 400
    assert b"T-1.2" in response.content
    assert not Answer.objects.exists()


def test_section_post_with_unknown_status_is_refused(editor, assessment, tiny) -> None:  # noqa: ANN001
    response = verified_client(editor).post(section_url(assessment, tiny, "T-1"), {
        "T-1.1-status": "met", "T-1.2-status": "maybe",
    })
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_unknown_section_or_foreign_catalog_is_404(editor, assessment, tiny) -> None:  # noqa: ANN001
    client = verified_client(editor)
    assert client.get(section_url(assessment, tiny, "T-9")).status_code == 404
    ensure_shipped_catalogs()
    other = CatalogVersion.objects.exclude(pk=tiny.pk).first()  # a catalog not in the assessment
    assert client.get(section_url(assessment, other, "T-1")).status_code == 404


def test_evidence_upload_is_stored_and_served_to_members_only(
    org, other_org, editor, make_member, assessment, tiny, files_dir  # noqa: ANN001
) -> None:
    content = b"%PDF-1.4 the signed SLA"
    response = verified_client(editor).post(section_url(assessment, tiny, "T-1"), {
        "T-1.1-status": "met", "T-1.1-file": SimpleUploadedFile("sla getekend.pdf", content, "application/pdf"),
    })
    assert response.status_code == 302
    answer = Answer.objects.get(item_id="T-1.1")
    assert answer.evidence_file_name == "sla getekend.pdf"
    stored = files_dir / answer.evidence_file
    assert stored.read_bytes() == content
    assert files_dir in stored.resolve().parents
    assert "sla getekend" not in answer.evidence_file  # stored under a random name

    url = reverse("assessments:evidence", args=[answer.pk])
    download = verified_client(editor).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "attachment" in download["Content-Disposition"]
    auditor = make_member(org, Role.AUDITOR)
    assert verified_client(auditor).get(url).status_code == 200
    outsider = make_member(other_org, Role.ADMIN)
    assert verified_client(outsider).get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


@pytest.mark.parametrize(("size", "status"), [(5_000, 400), (500_000, 413)],
                         ids=["over-the-limit-while-reading", "declared-far-over-the-limit"])
def test_oversize_upload_is_refused_with_a_message(
    settings, editor, assessment, tiny, files_dir, size, status  # noqa: ANN001
) -> None:
    settings.MAX_UPLOAD_BYTES = 2000
    big = SimpleUploadedFile("big.pdf", b"x" * size, "application/pdf")
    response = verified_client(editor).post(section_url(assessment, tiny, "T-1"),
                                            {"T-1.1-status": "met", "T-1.1-file": big})
    assert response.status_code == status
    # The limit is named: 2000 bytes is 0.00190735 MB, shown with %g.
    assert "0.00190735 MB" in response.content.decode()
    assert not Answer.objects.exists()
    assert not files_dir.exists() or not any(files_dir.rglob("*.pdf"))


def test_upload_of_a_refused_file_type_saves_nothing(editor, assessment, tiny, files_dir) -> None:  # noqa: ANN001
    response = verified_client(editor).post(section_url(assessment, tiny, "T-1"), {
        "T-1.1-status": "met", "T-1.2-status": "met",
        "T-1.2-file": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
    })
    assert response.status_code == 400
    assert ".exe" in response.content.decode()
    assert not Answer.objects.exists()


def test_detail_shows_scores_blocking_items_and_history(editor, as_editor, assessment, tiny) -> None:  # noqa: ANN001
    services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-1.1",
                        status="not_met")
    services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-2.1", status="met")
    page = verified_client(editor).get(reverse("assessments:detail", args=[assessment.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    # earned 3 (T-2.1) of maximum 2 + 1 + 3 = 6 → 50.0 % (tests run in English)
    assert "50.0 %" in text
    assert "T-1.1" in text  # the unmet blocking item is named
    assert reverse("assessments:link_create", args=[assessment.pk]) in text


def _post_urls(assessment: Assessment, tiny: CatalogVersion) -> list[str]:
    return [
        reverse("assessments:create"),
        section_url(assessment, tiny, "T-1"),
        reverse("assessments:submit", args=[assessment.pk]),
        reverse("assessments:sign_off", args=[assessment.pk]),
        reverse("assessments:return", args=[assessment.pk]),
        reverse("assessments:reassess", args=[assessment.pk]),
        reverse("assessments:link_create", args=[assessment.pk]),
        reverse("assessments:review", args=[assessment.pk]),
        reverse("assessments:override", args=[assessment.supplier_id]),
    ]


def test_auditor_gets_403_on_every_post(org, make_member, assessment, tiny, supplier) -> None:  # noqa: ANN001
    client = verified_client(make_member(org, Role.AUDITOR))
    for url in _post_urls(assessment, tiny):
        response = client.post(url, {"T-1.1-status": "met", "supplier": supplier.pk, "catalogs": [tiny.pk],
                                     "remarks": "x", "reason": "a reason of some length"})
        assert response.status_code == 403, url
    assert Assessment.objects.count() == 1 and not Answer.objects.exists()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_workflow_through_the_web_with_role_enforcement(editor, officer, as_editor, assessment, tiny) -> None:  # noqa: ANN001
    editor_client, officer_client = verified_client(editor), verified_client(officer)
    submit = reverse("assessments:submit", args=[assessment.pk])
    # Not every item answered: refused with a message, still a draft.
    response = editor_client.post(submit, follow=True)
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    answer_all(assessment, as_editor, tiny)
    assert editor_client.post(submit).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    sign_off = reverse("assessments:sign_off", args=[assessment.pk])
    assert editor_client.post(sign_off).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    back = reverse("assessments:return", args=[assessment.pk])
    assert officer_client.post(back, {"remarks": "Bewijs bij T-2.1 ontbreekt"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    editor_client.post(submit)
    assert officer_client.post(sign_off, {"remarks": "akkoord"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF and assessment.signed_off_by == officer
    assert [s.action for s in assessment.review_steps.all()] == ["submitted", "returned", "submitted", "signed_off"]
    # Signed off: the section page refuses changes.
    response = editor_client.post(section_url(assessment, tiny, "T-1"), {"T-1.1-status": "not_met"})
    assert response.status_code == 400
    assert Answer.objects.get(item_id="T-1.1").status == "met"


def test_other_organisation_gets_404_on_every_url(
    org, other_org, make_member, as_editor, assessment, tiny, supplier, files_dir  # noqa: ANN001
) -> None:
    answer = services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-1.1",
                                 status="met", evidence_upload=SimpleUploadedFile("a.txt", b"x"))
    link, _token = _link(assessment, as_editor, tiny)
    outsider = verified_client(make_member(other_org, Role.POLICY_OFFICER))
    gets = [
        reverse("assessments:detail", args=[assessment.pk]),
        section_url(assessment, tiny, "T-1"),
        reverse("assessments:evidence", args=[answer.pk]),
        reverse("assessments:link_create", args=[assessment.pk]),
        reverse("assessments:review", args=[assessment.pk]),
        reverse("assessments:supplier_gaps", args=[supplier.pk]),
        reverse("assessments:supplier_gaps", args=[supplier.pk]) + "?format=pdf",
        reverse("assessments:override", args=[supplier.pk]),
    ]
    for url in gets:
        assert outsider.get(url).status_code == 404, url
    posts = [u for u in _post_urls(assessment, tiny) if u != reverse("assessments:create")]
    posts.append(reverse("assessments:link_revoke", args=[assessment.pk, link.pk]))
    for url in posts:
        assert outsider.post(url, {"remarks": "x", "reason": "a reason of some length",
                                   "T-1.1-status": "not_met"}).status_code == 404, url
    # Their own list and matrix do not show our assessment or supplier.
    for url in (reverse("assessments:list"), reverse("assessments:matrix")):
        page = outsider.get(url)
        assert page.status_code == 200 and supplier.name.encode() not in page.content
    link.refresh_from_db()
    assert link.revoked_at is None
    assert Answer.objects.get().status == "met"


def _link(assessment: Assessment, actor: Actor, version: CatalogVersion):  # noqa: ANN202
    return questionnaires.link_create(assessment=assessment, actor=actor, catalog_version=version,
                                      email="leverancier@example.org", send=False)


def test_dashboard_panel_counts_link_to_filtered_lists(
    org, editor, officer, as_editor, make_member, supplier, tiny  # noqa: ANN001
) -> None:
    def make_assessment() -> Assessment:
        return services.assessment_create(organisation=org, actor=as_editor, supplier=supplier,
                                          catalog_versions=[tiny])

    first = make_assessment()
    answer_all(first, as_editor, tiny, status="not_met")  # T-1.1 is blocking and not met
    services.assessment_submit(assessment=first, actor=as_editor)
    page = verified_client(editor).get(reverse("core:dashboard"))
    assert page.status_code == 200
    panel = page.content.decode().split('id="panel-assessments"')[1].split("</section>")[0]
    numbers = [int(x.split("</span>")[0]) for x in panel.split('<span class="kw-num">')[1:]]
    assert numbers == [1, 1, 0]  # awaiting sign-off, suppliers with blocking unmet, answers to review
    listing = verified_client(editor).get(reverse("assessments:list") + "?attention=blocking")
    assert reverse("assessments:detail", args=[first.pk]).encode() in listing.content
    # A newer assessment of the same catalog with the blocking item met clears the supplier.
    second = make_assessment()
    answer_all(second, as_editor, tiny, status="met")
    page = verified_client(editor).get(reverse("core:dashboard"))
    panel = page.content.decode().split('id="panel-assessments"')[1].split("</section>")[0]
    numbers = [int(x.split("</span>")[0]) for x in panel.split('<span class="kw-num">')[1:]]
    assert numbers == [1, 0, 0]


def test_matrix_page_shows_states_as_words(editor, as_editor, assessment, tiny, supplier) -> None:  # noqa: ANN001
    services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-1.1", status="met")
    services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id="T-2.1",
                        status="not_met")
    page = verified_client(editor).get(reverse("assessments:matrix") + "?catalog=tiny")
    assert page.status_code == 200
    row = page.content.decode().split(supplier.name)[1].split("</tr>")[0]
    # Section T-1: T-1.1 met, T-1.2 open → "open"; section T-2: not met.
    assert row.index("kw-badge--warning") < row.index("kw-badge--error")
