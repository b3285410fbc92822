"""Assessment pages: list, create, overview, answering per section, the sign-off workflow."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.assessments import selectors, services
from ketenwacht.assessments.dashboard import unmet_blocking
from ketenwacht.assessments.forms import AssessmentCreateForm, OverrideForm, RemarksForm, SectionAnswersForm
from ketenwacht.assessments.models import Answer, AssessmentStatus, SupplierAnswer
from ketenwacht.core.audit import Actor
from ketenwacht.core.permissions import MemberRequiredMixin, PolicyOfficerRequiredMixin, WriterRequiredMixin
from ketenwacht.suppliers.models import Supplier


def _language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _errors_to_messages(request: HttpRequest, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]:
        for error in errors:
            messages.error(request, f"{field}: {error}" if field and field != "__all__" else error)


class AssessmentListView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("status") or None
        if status not in (None, *AssessmentStatus.values):
            status = None
        assessments = selectors.assessment_list(organisation=request.organisation, status=status)
        attention = request.GET.get("attention") or ""
        if attention == "blocking":  # the dashboard's "suppliers with unmet blocking items"
            ids = set().union(*unmet_blocking(organisation=request.organisation).values())
            assessments = assessments.filter(pk__in=ids)
        elif attention == "review":  # the dashboard's "supplier answers to review"
            assessments = assessments.filter(
                status=AssessmentStatus.DRAFT, questionnaire_links__answers__review=SupplierAnswer.Review.PENDING,
            ).distinct()
        else:
            attention = ""
        return render(request, "assessments/list.html", {
            "assessments": assessments[:500], "status": status, "statuses": AssessmentStatus.choices,
            "attention": attention,
        })


class AssessmentCreateView(WriterRequiredMixin, View):
    def _form(self, request: HttpRequest, data: Any = None) -> AssessmentCreateForm:
        initial = {}
        if request.GET.get("supplier", "").isdigit():
            initial["supplier"] = int(request.GET["supplier"])
        return AssessmentCreateForm(
            data, initial=initial,
            suppliers=Supplier.objects.filter(organisation=request.organisation).order_by("name"),
            catalog_versions=selectors.catalog_versions_available(organisation=request.organisation),
            language=_language(),
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "assessments/create.html", {"form": self._form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                assessment = services.assessment_create(
                    organisation=request.organisation, actor=Actor(request.user),
                    supplier=form.cleaned_data["supplier"], catalog_versions=form.cleaned_data["catalogs"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Assessment created."))
                return redirect("assessments:detail", pk=assessment.pk)
        return render(request, "assessments/create.html", {"form": form}, status=400)


class AssessmentDetailView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        return render(request, "assessments/detail.html", {
            "assessment": assessment,
            "scores": selectors.assessment_scores(assessment),
            "versions": list(assessment.catalogs.order_by("catalog_id")),
            "steps": assessment.review_steps.select_related("actor"),
            "changes": selectors.changes_since_previous(assessment),
            "language": _language(),
            "remarks_form": RemarksForm(),
            "has_links": assessment.questionnaire_links.exists(),
            "to_review": selectors.pending_supplier_answers(organisation=request.organisation,
                                                            assessment=assessment),
        })


class SectionAnswerView(WriterRequiredMixin, View):
    """Answer every item of one section of one catalog, with evidence."""

    def _context(self, request: HttpRequest, pk: int, version_pk: int, section_id: str) -> dict[str, Any]:
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        version = get_object_or_404(assessment.catalogs.all(), pk=version_pk)
        catalog = version.catalog
        sections = list(catalog.sections)
        section = next((s for s in sections if s.id == section_id), None)
        if section is None:
            raise Http404
        index = sections.index(section)
        answers = selectors.answers_by_catalog(assessment).get(version.pk, {})
        return {
            "assessment": assessment, "version": version, "catalog": catalog, "section": section,
            "answers": answers, "language": _language(),
            "previous_section": sections[index - 1] if index > 0 else None,
            "next_section": sections[index + 1] if index + 1 < len(sections) else None,
        }

    def get(self, request: HttpRequest, pk: int, version_pk: int, section_id: str) -> HttpResponse:
        ctx = self._context(request, pk, version_pk, section_id)
        ctx["form"] = SectionAnswersForm(section=ctx["section"], answers=ctx["answers"])
        return render(request, "assessments/section.html", ctx)

    def post(self, request: HttpRequest, pk: int, version_pk: int, section_id: str) -> HttpResponse:
        ctx = self._context(request, pk, version_pk, section_id)
        too_large = _("The upload is larger than the limit of %(mb)s MB; nothing was saved.") % {
            "mb": f"{settings.MAX_UPLOAD_BYTES / (1024 * 1024):g}"}
        if _declared_too_large(request):
            # Refused before the body is parsed: reading it would only waste the upload.
            ctx["form"] = SectionAnswersForm(section=ctx["section"], answers=ctx["answers"])
            messages.error(request, too_large)
            return render(request, "assessments/section.html", ctx, status=413)
        form = SectionAnswersForm(request.POST, request.FILES, section=ctx["section"], answers=ctx["answers"])
        ctx["form"] = form
        if getattr(request, "upload_too_large", False):
            form.add_error(None, too_large)
        if form.is_valid():
            try:
                with transaction.atomic():  # the whole section is saved, or nothing of it
                    for row in form.changed_items():
                        services.answer_set(assessment=ctx["assessment"], actor=Actor(request.user),
                                            catalog_version=ctx["version"], **row)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(None, [f"{field}: {e}" for e in errors])
            else:
                messages.success(request, _("Answers saved."))
                nxt = ctx["next_section"]
                if "save_next" in request.POST and nxt is not None:
                    return redirect("assessments:section", pk=pk, version_pk=version_pk, section_id=nxt.id)
                return redirect("assessments:section", pk=pk, version_pk=version_pk, section_id=section_id)
        return render(request, "assessments/section.html", ctx, status=400)


def _declared_too_large(request: HttpRequest) -> bool:
    """The request announces a body larger than any accepted upload (plus room for the form fields)."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    return length.isdigit() and int(length) > settings.MAX_UPLOAD_BYTES + 64 * 1024


class _WorkflowView(View):
    action = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assessment = selectors.assessment_get(organisation=request.organisation, pk=pk)
        form = RemarksForm(request.POST)
        remarks = form.cleaned_data["remarks"] if form.is_valid() else ""
        actor = Actor(request.user)
        try:
            if self.action == "submit":
                services.assessment_submit(assessment=assessment, actor=actor)
                messages.success(request, _("Assessment submitted for sign-off."))
            elif self.action == "sign_off":
                services.assessment_sign_off(assessment=assessment, actor=actor, remarks=remarks)
                messages.success(request, _("Assessment signed off."))
            elif self.action == "return":
                services.assessment_return(assessment=assessment, actor=actor, remarks=remarks)
                messages.success(request, _("Assessment returned to draft."))
            elif self.action == "reassess":
                new = services.assessment_reassess(assessment=assessment, actor=actor)
                messages.success(request, _("New assessment started from the previous answers."))
                return redirect("assessments:detail", pk=new.pk)
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        except PermissionDenied:
            raise
        return redirect("assessments:detail", pk=pk)


class SubmitView(WriterRequiredMixin, _WorkflowView):
    action = "submit"


class ReassessView(WriterRequiredMixin, _WorkflowView):
    action = "reassess"


class SignOffView(PolicyOfficerRequiredMixin, _WorkflowView):
    action = "sign_off"


class ReturnView(PolicyOfficerRequiredMixin, _WorkflowView):
    action = "return"


class EvidenceFileView(MemberRequiredMixin, View):
    """Serve an answer's evidence file to members of its organisation only."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        answer = get_object_or_404(Answer, organisation=request.organisation, pk=pk)
        if not answer.evidence_file:
            raise Http404
        root = Path(settings.FILES_DIR).resolve()
        path = (root / answer.evidence_file).resolve()
        if root not in path.parents or not path.is_file():
            raise Http404
        content_type = mimetypes.guess_type(answer.evidence_file_name)[0] or "application/octet-stream"
        return FileResponse(path.open("rb"), as_attachment=True, filename=answer.evidence_file_name,
                            content_type=content_type)


class OverrideView(PolicyOfficerRequiredMixin, View):
    """A policy officer lets a supplier become active without a clean SLA review, with a reason."""

    def _supplier(self, request: HttpRequest, supplier_pk: int) -> Supplier:
        return get_object_or_404(Supplier, organisation=request.organisation, pk=supplier_pk)

    def get(self, request: HttpRequest, supplier_pk: int) -> HttpResponse:
        supplier = self._supplier(request, supplier_pk)
        return render(request, "assessments/override.html", {
            "supplier": supplier, "form": OverrideForm(),
            "blockers": selectors.supplier_activation_blockers(supplier),
        })

    def post(self, request: HttpRequest, supplier_pk: int) -> HttpResponse:
        supplier = self._supplier(request, supplier_pk)
        form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                services.policy_override_create(supplier=supplier, actor=Actor(request.user),
                                                reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_error("reason", exc.message_dict.get("reason", exc.messages))
            else:
                messages.success(request, _("Override recorded."))
                return redirect("suppliers:detail", pk=supplier.pk)
        return render(request, "assessments/override.html", {
            "supplier": supplier, "form": form, "blockers": selectors.supplier_activation_blockers(supplier),
        }, status=400)
