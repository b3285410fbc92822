"""Supplier questionnaire: the public answer page (no account) and the organisation's side."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.assessments import questionnaires, selectors
from ketenwacht.assessments.forms import LinkCreateForm, SupplierQuestionnaireForm
from ketenwacht.assessments.models import QuestionnaireLink, SupplierAnswer
from ketenwacht.assessments.ratelimit import hit
from ketenwacht.assessments.views.assessments import _language
from ketenwacht.core.audit import Actor
from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin
from ketenwacht.suppliers.models import Contact

PUBLIC_LIMIT_PER_MINUTE = 30


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _private(response: HttpResponse) -> HttpResponse:
    """The token is in the URL: never cache the page and never send the URL to another site.

    ``same-origin`` rather than ``no-referrer``: both keep the URL from every other site, but
    with ``no-referrer`` browsers send ``Origin: null`` on the page's own form posts, which the
    CSRF protection (rightly) refuses.
    """
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _not_cached(response: HttpResponse) -> HttpResponse:
    """The page shows a token once in its body: no copy may stay in a cache."""
    response["Cache-Control"] = "no-store"
    return response


class PublicQuestionnaireView(View):
    """Answer page for the supplier; no login. Every answer is a proposal to be reviewed."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not hit(f"q:{_client_ip(request)}", limit=PUBLIC_LIMIT_PER_MINUTE):
            return _private(render(request, "assessments/questionnaire_closed.html",
                                   {"reason": _("Too many requests. Wait a minute and try again.")}, status=429))
        try:
            self.link = questionnaires.link_resolve(kwargs["token"])
        except questionnaires.LinkInvalid as exc:
            return _private(render(request, "assessments/questionnaire_closed.html", {"reason": exc.reason},
                                   status=404 if exc.code == "unknown" else 410))
        with translation.override(self.link.language):
            return _private(super().dispatch(request, *args, **kwargs))

    def _render(self, request: HttpRequest, form: SupplierQuestionnaireForm, status: int = 200) -> HttpResponse:
        return render(request, "assessments/questionnaire.html", {
            "link": self.link, "catalog": self.link.catalog_version.catalog, "form": form,
            "language": self.link.language, "LANGUAGE_CODE": self.link.language,
        }, status=status)

    def _proposals(self) -> dict[str, SupplierAnswer]:
        return {a.item_id: a for a in self.link.answers.all()}

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        form = SupplierQuestionnaireForm(catalog=self.link.catalog_version.catalog, proposals=self._proposals(),
                                         language=self.link.language)
        return self._render(request, form)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        form = SupplierQuestionnaireForm(request.POST, catalog=self.link.catalog_version.catalog,
                                         proposals=self._proposals(), language=self.link.language)
        if form.is_valid():
            try:
                count = questionnaires.supplier_answers_save(link=self.link, answers=form.answers(),
                                                             submit="submit" in request.POST)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(None, [f"{field}: {e}" for e in errors])
            else:
                messages.success(request, _("%(count)d answers saved. Thank you.") % {"count": count})
                return redirect(request.path)
        return self._render(request, form, status=400)


class LinkCreateView(WriterRequiredMixin, View):
    def _form(self, request: HttpRequest, assessment: Any, data: Any = None) -> LinkCreateForm:
        catalogs = list(assessment.catalogs.order_by("catalog_id"))
        initial = {"catalog": catalogs[0].pk} if len(catalogs) == 1 else {}
        return LinkCreateForm(data, initial=initial, catalogs=assessment.catalogs.all(),
                              contacts=Contact.objects.filter(supplier=assessment.supplier))

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        return render(request, "assessments/link_create.html",
                      {"assessment": assessment, "form": self._form(request, assessment)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        form = self._form(request, assessment, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                link, token = questionnaires.link_create(
                    assessment=assessment, actor=Actor(request.user), catalog_version=data["catalog"],
                    email=data["email"], contact=data["contact"], language=data["language"],
                    valid_days=data["valid_days"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The questionnaire link was sent to %(email)s.") % {"email": link.email})
                return _not_cached(render(request, "assessments/link_created.html", {
                    "assessment": assessment, "link": link, "url": questionnaires.questionnaire_url(token),
                }))
        return render(request, "assessments/link_create.html", {"assessment": assessment, "form": form}, status=400)


class LinkRevokeView(WriterRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        link = get_object_or_404(QuestionnaireLink, assessment=assessment, pk=link_pk)
        questionnaires.link_revoke(link=link, actor=Actor(request.user))
        messages.success(request, _("The link was withdrawn."))
        return redirect("assessments:review", pk=pk)


class ReviewView(MemberRequiredMixin, View):
    """The supplier's proposed answers, to accept or reject one by one."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        return render(request, "assessments/review.html", {
            "assessment": assessment, "reviews": selectors.questionnaire_reviews(assessment), "language": _language(),
        })

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.membership.can_write:
            return HttpResponse(status=403)
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        proposal_id = request.POST.get("proposal", "")
        proposal = get_object_or_404(SupplierAnswer, link__assessment=assessment,
                                     pk=int(proposal_id) if proposal_id.isdigit() else 0)
        try:
            questionnaires.supplier_answer_review(proposal=proposal, actor=Actor(request.user),
                                                  accept=request.POST.get("decision") == "accept",
                                                  remark=request.POST.get("remark", ""))
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, f"{proposal.item_id}: {error}")
        else:
            messages.success(request, _("Review of %(item)s saved.") % {"item": proposal.item_id})
        return redirect("assessments:review", pk=pk)
