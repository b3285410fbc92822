"""The supplier questionnaire end to end: link by e-mail, anonymous answers, review, and the refusals."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenwacht.assessments import questionnaires, ratelimit, services
from ketenwacht.assessments.models import Answer, QuestionnaireLink, SupplierAnswer
from ketenwacht.assessments.views import questionnaires as questionnaire_views
from ketenwacht.core.models import AuditEvent, Role
from tests.assessments.conftest import answer_all
from tests.factories import verified_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

URL_IN_MAIL = re.compile(r"https?://\S+/assessments/q/[A-Za-z0-9_\-]+/")


@pytest.fixture
def link_and_url(as_editor, assessment, tiny) -> tuple[QuestionnaireLink, str]:  # noqa: ANN001
    link, token = questionnaires.link_create(assessment=assessment, actor=as_editor, catalog_version=tiny,
                                             email="servicedesk@leverancier.example", language="en", send=False)
    return link, reverse("assessments:questionnaire", kwargs={"token": token})


def test_the_whole_flow(editor, assessment, tiny, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    org_client = verified_client(editor)
    # 1. The organisation creates the link; the supplier gets it by e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        created = org_client.post(reverse("assessments:link_create", args=[assessment.pk]), {
            "catalog": tiny.pk, "email": "servicedesk@leverancier.example", "language": "en", "valid_days": 14,
        })
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["servicedesk@leverancier.example"]
    url = URL_IN_MAIL.search(mail.outbox[0].body).group(0)
    assert url in created.content.decode()  # shown once on the page as well
    path = "/" + url.split("/", 3)[3]
    link = QuestionnaireLink.objects.get()
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert link.token_hash == QuestionnaireLink.hash_token(token) and token not in link.token_hash

    # 2. The supplier opens it without an account, in the link's language.
    supplier_client = Client()
    page = supplier_client.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin" and page["Cache-Control"] == "no-store"
    assert "Question one" in page.content.decode() and 'lang="en"' in page.content.decode()

    # 3. … answers two items and submits.
    response = supplier_client.post(path, {
        "T-1.1-status": "met", "T-1.1-clause": "SLA 4.1", "T-1.1-explanation": "Described in annex A.",
        "T-1.2-status": "not_met", "submit": "1",
    })
    assert response.status_code == 302
    assert SupplierAnswer.objects.filter(review="pending").count() == 2
    link.refresh_from_db()
    assert link.submitted_at is not None
    assert not Answer.objects.exists()  # proposals only, until the organisation accepts them

    # 4. The organisation accepts one and rejects the other with a remark.
    review_url = reverse("assessments:review", args=[assessment.pk])
    review = org_client.get(review_url)
    assert review.status_code == 200 and "Described in annex A." in review.content.decode()
    first, second = SupplierAnswer.objects.order_by("item_id")
    assert org_client.post(review_url, {"proposal": first.pk, "decision": "accept"}).status_code == 302
    assert org_client.post(review_url, {"proposal": second.pk, "decision": "reject",
                                        "remark": "Response times are in the SLA, art. 6"}).status_code == 302

    answer = Answer.objects.get()
    assert (answer.item_id, answer.status, answer.clause_reference, answer.from_supplier) == (
        "T-1.1", "met", "SLA 4.1", True)
    assert "Described in annex A." in answer.evidence
    second.refresh_from_db()
    assert second.review == "rejected" and second.review_remark == "Response times are in the SLA, art. 6"
    assert AuditEvent.objects.filter(object_type="assessments.supplieranswer", action="update").count() == 2

    # 5. The supplier sees both decisions; the accepted answer cannot be changed through the link.
    page = supplier_client.get(path).content.decode()
    assert "Accepted" in page and "Response times are in the SLA, art. 6" in page
    supplier_client.post(path, {"T-1.1-status": "not_met", "T-1.2-status": "met", "save": "1"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.review == "accepted" and first.status == "met"
    assert second.review == "pending" and second.status == "met"  # a rejected answer may be answered again
    assert Answer.objects.get().status == "met"


def test_reject_without_remark_is_refused(editor, link_and_url) -> None:  # noqa: ANN001
    link, path = link_and_url
    Client().post(path, {"T-1.1-status": "met"})
    proposal = SupplierAnswer.objects.get()
    response = verified_client(editor).post(reverse("assessments:review", args=[link.assessment_id]),
                                            {"proposal": proposal.pk, "decision": "reject"}, follow=True)
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.review == "pending"


def test_expired_link_is_gone_and_saves_nothing(link_and_url) -> None:  # noqa: ANN001
    link, path = link_and_url
    QuestionnaireLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(path).status_code == 410
    response = Client().post(path, {"T-1.1-status": "met", "submit": "1"})
    assert response.status_code == 410
    assert response["Referrer-Policy"] == "same-origin"
    assert not SupplierAnswer.objects.exists()
    link.refresh_from_db()
    assert link.submitted_at is None and link.last_used_at is None


def test_revoked_link_is_gone_and_saves_nothing(editor, link_and_url) -> None:  # noqa: ANN001
    link, path = link_and_url
    revoke = reverse("assessments:link_revoke", args=[link.assessment_id, link.pk])
    assert verified_client(editor).post(revoke).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert Client().get(path).status_code == 410
    assert Client().post(path, {"T-1.1-status": "met"}).status_code == 410
    assert not SupplierAnswer.objects.exists()
    review = verified_client(editor).get(reverse("assessments:review", args=[link.assessment_id]))
    assert "kw-badge--error" in review.content.decode().split('class="kw-link-state"')[1].split("</dd>")[0]


def test_link_closes_when_the_assessment_leaves_draft(as_editor, link_and_url, assessment, tiny) -> None:  # noqa: ANN001
    _link, path = link_and_url
    answer_all(assessment, as_editor, tiny)
    services.assessment_submit(assessment=assessment, actor=as_editor)
    assert Client().get(path).status_code == 410
    assert Client().post(path, {"T-1.1-status": "not_met"}).status_code == 410
    assert not SupplierAnswer.objects.exists()


def test_tampered_token_is_not_found(link_and_url) -> None:  # noqa: ANN001
    _link, path = link_and_url
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (tampered, "x", "a" * 300):
        response = Client().get(reverse("assessments:questionnaire", kwargs={"token": bad}))
        assert response.status_code == 404, bad
    assert Client().post(reverse("assessments:questionnaire", kwargs={"token": tampered}),
                         {"T-1.1-status": "met"}).status_code == 404
    assert not SupplierAnswer.objects.exists()


def test_answer_for_an_unknown_item_saves_nothing(link_and_url) -> None:  # noqa: ANN001
    link, path = link_and_url
    response = Client().post(path, {"T-9.9-status": "met", "T-9.9-explanation": "made up"})
    assert response.status_code == 302  # the page only knows the catalog's items: nothing to store
    assert not SupplierAnswer.objects.exists()
    # Through the service, one unknown item refuses the whole batch.
    with pytest.raises(ValidationError) as exc:
        questionnaires.supplier_answers_save(link=link, answers=[
            {"item_id": "T-1.1", "status": "met"}, {"item_id": "T-9.9", "status": "met"}])
    assert "item_id" in exc.value.message_dict
    assert not SupplierAnswer.objects.exists()


def test_bad_answer_value_saves_nothing(link_and_url) -> None:  # noqa: ANN001
    _link, path = link_and_url
    response = Client().post(path, {"T-1.1-status": "met", "T-1.2-status": "definitely"})
    assert response.status_code == 400
    assert not SupplierAnswer.objects.exists()


def test_rate_limit_answers_429(monkeypatch, link_and_url) -> None:  # noqa: ANN001
    _link, path = link_and_url
    monkeypatch.setattr(ratelimit, "now", lambda: 1_000_000.0)  # every request in the same window
    monkeypatch.setattr(questionnaire_views, "PUBLIC_LIMIT_PER_MINUTE", 3)
    client = Client()
    assert [client.get(path).status_code for _ in range(3)] == [200, 200, 200]
    assert client.get(path).status_code == 429
    assert client.post(path, {"T-1.1-status": "met"}).status_code == 429
    assert not SupplierAnswer.objects.exists()
    # The next window starts from zero.
    monkeypatch.setattr(ratelimit, "now", lambda: 1_000_060.0)
    assert client.get(path).status_code == 200


def test_link_create_refuses_bad_input_and_auditors(org, make_member, assessment, tiny) -> None:  # noqa: ANN001
    url = reverse("assessments:link_create", args=[assessment.pk])
    auditor = verified_client(make_member(org, Role.AUDITOR))
    assert auditor.post(url, {"catalog": tiny.pk, "email": "a@example.org", "language": "nl",
                              "valid_days": 14}).status_code == 403
    editor = verified_client(make_member(org, Role.EDITOR))
    for data in ({"catalog": tiny.pk, "email": "", "language": "nl", "valid_days": 14},
                 {"catalog": tiny.pk, "email": "a@example.org", "language": "nl", "valid_days": 365},
                 {"catalog": 999999, "email": "a@example.org", "language": "nl", "valid_days": 14}):
        assert editor.post(url, data).status_code == 400, data
    assert not QuestionnaireLink.objects.exists()
    assert not mail.outbox
