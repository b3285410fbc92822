"""REST API for checklist assessments: ``/api/v1/catalogs`` (read) and ``/api/v1/assessments``.

Thin viewsets in the style of ``suppliers.api``: input serializers check types and lengths,
``assessments.services`` validate, write and audit, ``assessments.selectors`` read within the
request's organisation (another organisation's row is a 404). Answers are set per item with
``POST /assessments/{id}/answers`` (item in the body) or ``PUT /assessments/{id}/answers/{itemId}``;
the workflow has its own actions (``submit``, ``sign-off``, ``return``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from ketenwacht.api.fields import UtcDateTimeField
from ketenwacht.api.serializers import IdField, OutputModelSerializer, StrictInputSerializer
from ketenwacht.api.views import OrganisationViewSet
from ketenwacht.assessments import selectors, services
from ketenwacht.assessments.exports import catalog_score_data
from ketenwacht.assessments.models import Answer, AnswerStatus, Assessment, AssessmentStatus, CatalogVersion
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers import selectors as supplier_selectors
from ketenwacht.suppliers.models import Supplier

ITEM_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9.\-]{0,63}"

# --- output -----------------------------------------------------------------------------------


class LocalizedTextOutput(serializers.Serializer):
    nl = serializers.CharField()
    en = serializers.CharField()


class CatalogVersionOutput(OutputModelSerializer):
    """One stored version of a catalog: shipped (``own`` false) or the organisation's own."""

    title = serializers.SerializerMethodField()
    own = serializers.SerializerMethodField()

    class Meta:
        model = CatalogVersion
        fields = ["id", "catalog_id", "version", "title", "checksum", "item_count", "own", "imported_at"]

    @extend_schema_field(LocalizedTextOutput)
    def get_title(self, version: CatalogVersion) -> dict[str, str]:
        return {"nl": version.title_nl, "en": version.title_en}

    def get_own(self, version: CatalogVersion) -> bool:
        return version.organisation_id is not None


class CatalogVersionDetailOutput(CatalogVersionOutput):
    """A catalog version with its frozen snapshot (sections, items, guidance, mappings)."""

    snapshot = serializers.JSONField(read_only=True, help_text="The catalog as stored, keys in camelCase.")

    class Meta(CatalogVersionOutput.Meta):
        fields = [*CatalogVersionOutput.Meta.fields, "snapshot"]


class AnswerOutput(OutputModelSerializer):
    """The answer to one item, with its evidence."""

    catalog = serializers.CharField(source="catalog_version.catalog_id", read_only=True)
    catalog_version = serializers.CharField(source="catalog_version.version", read_only=True)
    answered_by = serializers.CharField(source="answered_by.email", default=None, allow_null=True)
    has_evidence_file = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = ["id", "catalog", "catalog_version", "item_id", "status", "clause_reference", "evidence",
                  "has_evidence_file", "evidence_file_name", "from_supplier", "answered_by", "answered_at"]

    def get_has_evidence_file(self, answer: Answer) -> bool:
        return bool(answer.evidence_file)


class CatalogRefOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    catalog_id = serializers.CharField()
    version = serializers.CharField()
    checksum = serializers.CharField()


class AssessmentListOutput(OutputModelSerializer):
    """An assessment of a supplier against one or more catalog versions."""

    supplier = serializers.IntegerField(source="supplier_id", read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    catalogs = CatalogRefOutput(many=True, read_only=True)
    previous = serializers.IntegerField(source="previous_id", read_only=True, allow_null=True)
    signed_off_by = serializers.CharField(source="signed_off_by.email", default=None, allow_null=True)

    class Meta:
        model = Assessment
        fields = ["id", "title", "supplier", "supplier_name", "status", "catalogs", "previous", "created_at",
                  "updated_at", "submitted_at", "signed_off_at", "signed_off_by"]


class ReviewStepOutput(serializers.Serializer):
    action = serializers.CharField()
    by = serializers.CharField(source="actor.email", default=None, allow_null=True)
    at = UtcDateTimeField(source="created_at")
    remarks = serializers.CharField()


class AssessmentDetailOutput(AssessmentListOutput):
    """An assessment with its score per catalog and section, the unmet blocking items and its history."""

    scores = serializers.SerializerMethodField()
    review_steps = ReviewStepOutput(many=True, read_only=True)

    class Meta(AssessmentListOutput.Meta):
        fields = [*AssessmentListOutput.Meta.fields, "scores", "review_steps"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_scores(self, assessment: Assessment) -> list[dict[str, Any]]:
        return [{"catalog": score.catalog.id, "version": score.catalog.version, **catalog_score_data(score)}
                for score in selectors.assessment_scores(assessment)]


# --- input ------------------------------------------------------------------------------------


class AssessmentCreateInput(StrictInputSerializer):
    """A new draft assessment of a supplier against catalog versions (ids from ``/catalogs``)."""

    server_fields = frozenset({"id", "status", "created_at", "updated_at", "submitted_at", "signed_off_at",
                               "signed_off_by", "scores", "review_steps", "supplier_name", "previous"})
    supplier = IdField()
    catalogs = serializers.ListField(child=IdField(), min_length=1, max_length=20)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AnswerFieldsInput(StrictInputSerializer):
    """The answer to one item; fields not sent are cleared."""

    server_fields = frozenset({"id", "answered_by", "answered_at", "from_supplier", "has_evidence_file",
                               "evidence_file_name", "catalog_version"})
    catalog = serializers.CharField(
        max_length=80, required=False,
        help_text="The catalog ID (e.g. dtc-sla); needed only when the item ID occurs in two of the catalogs.",
    )
    status = serializers.ChoiceField(choices=AnswerStatus.choices)
    clause_reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    evidence = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")


class AnswerInput(AnswerFieldsInput):
    """An answer with the item it belongs to."""

    item_id = serializers.CharField(max_length=64)


class RemarksInput(StrictInputSerializer):
    remarks = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AssessmentFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=AssessmentStatus.choices, required=False)
    supplier = IdField(required=False)


# --- helpers ------------------------------------------------------------------------------------


def _visible_versions(organisation: Organisation) -> QuerySet[CatalogVersion]:
    return CatalogVersion.objects.filter(Q(organisation=organisation) | Q(organisation__isnull=True))


def _supplier_for_input(organisation: Organisation, pk: int) -> Supplier:
    try:
        return supplier_selectors.supplier_get(organisation=organisation, pk=pk)
    except Http404 as exc:
        raise ValidationError({"supplier": [_("There is no supplier with id %(id)s.") % {"id": pk}]}) from exc


def _versions_for_input(organisation: Organisation, pks: list[int]) -> list[CatalogVersion]:
    found = {v.pk: v for v in _visible_versions(organisation).filter(pk__in=pks)}
    unknown = [pk for pk in pks if pk not in found]
    if unknown:
        raise ValidationError({"catalogs": [_("There is no catalog version with id %(id)s.") % {"id": pk}
                                            for pk in unknown]})
    return [found[pk] for pk in pks]


def _version_for_item(assessment: Assessment, item_id: str, catalog_id: str | None) -> CatalogVersion:
    """The assessment's catalog version that holds ``item_id`` (narrowed by ``catalog_id`` when given)."""
    versions = list(assessment.catalogs.all())
    if catalog_id is not None:
        versions = [v for v in versions if v.catalog_id == catalog_id]
        if not versions:
            raise ValidationError({"catalog": [_("Catalog %(id)s is not part of this assessment.") % {
                "id": catalog_id}]})
    holding = [v for v in versions if item_id in {item.id for item in v.catalog.items}]
    if not holding:
        raise ValidationError({"item_id": [_("Item %(item)s is not in the catalogs of this assessment.") % {
            "item": item_id}]})
    if len(holding) > 1:
        raise ValidationError({"catalog": [_("Item %(item)s occurs in more than one catalog; name the catalog.")
                                           % {"item": item_id}]})
    return holding[0]


# --- viewsets -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List the catalog versions available to the organisation",
                       responses=CatalogVersionOutput(many=True)),
    retrieve=extend_schema(summary="A catalog version with its snapshot", responses=CatalogVersionDetailOutput),
)
class CatalogViewSet(mixins.ListModelMixin, OrganisationViewSet):
    serializer_class = CatalogVersionOutput

    def get_queryset(self) -> QuerySet[CatalogVersion]:
        self.query(serializers.Serializer)  # no filters: unknown parameters are refused
        selectors.ensure_shipped_catalogs()
        return _visible_versions(self.organisation).order_by("catalog_id", "organisation_id", "imported_at", "pk")

    def retrieve(self, request: Request, pk: str) -> Response:
        version = _visible_versions(self.organisation).filter(pk=int(pk)).first()
        if version is None:
            raise Http404
        return Response(CatalogVersionDetailOutput(version).data)


ASSESSMENT_LIST_PARAMETERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=list(AssessmentStatus.values)),
    OpenApiParameter("supplier", OpenApiTypes.INT, description="Only this supplier's assessments."),
]
ITEM_PARAMETER = OpenApiParameter("item_id", OpenApiTypes.STR, OpenApiParameter.PATH,
                                  description="The item ID, e.g. DTC-6.3.")


@extend_schema_view(
    list=extend_schema(summary="List assessments", parameters=ASSESSMENT_LIST_PARAMETERS,
                       responses=AssessmentListOutput(many=True)),
    retrieve=extend_schema(summary="An assessment with its scores", responses=AssessmentDetailOutput),
    create=extend_schema(summary="Start a draft assessment", request=AssessmentCreateInput,
                         responses={201: AssessmentDetailOutput}),
)
class AssessmentViewSet(mixins.ListModelMixin, OrganisationViewSet):
    serializer_class = AssessmentListOutput
    http_method_names = [*OrganisationViewSet.http_method_names, "put"]

    def get_queryset(self) -> QuerySet[Assessment]:
        filters = self.query(AssessmentFilter)
        rows = selectors.assessment_list(organisation=self.organisation, status=filters.get("status"))
        if filters.get("supplier") is not None:
            rows = rows.filter(supplier_id=filters["supplier"])
        return rows.select_related("signed_off_by")

    def _assessment(self, pk: int | str) -> Assessment:
        return selectors.assessment_get(organisation=self.organisation, pk=int(pk))

    def _detail(self, pk: int | str, status_code: int = status.HTTP_200_OK) -> Response:
        assessment = self._assessment(pk)
        headers = ({"Location": f"/api/v1/assessments/{assessment.pk}"}
                   if status_code == status.HTTP_201_CREATED else {})
        return Response(AssessmentDetailOutput(assessment).data, status=status_code, headers=headers)

    def retrieve(self, request: Request, pk: str) -> Response:
        return self._detail(pk)

    def create(self, request: Request) -> Response:
        data = AssessmentCreateInput.validated(request.data)
        supplier = _supplier_for_input(self.organisation, data["supplier"])
        versions = _versions_for_input(self.organisation, data["catalogs"])
        assessment = services.assessment_create(organisation=self.organisation, actor=self.actor,
                                                supplier=supplier, catalog_versions=versions, title=data["title"])
        return self._detail(assessment.pk, status.HTTP_201_CREATED)

    def _set_answer(self, assessment: Assessment, item_id: str, data: dict[str, Any]) -> Response:
        version = _version_for_item(assessment, item_id, data.get("catalog"))
        existed = Answer.objects.filter(assessment=assessment, catalog_version=version, item_id=item_id).exists()
        answer = services.answer_set(
            assessment=assessment, actor=self.actor, catalog_version=version, item_id=item_id,
            status=data["status"], clause_reference=data["clause_reference"], evidence=data["evidence"],
        )
        answer = Answer.objects.select_related("catalog_version", "answered_by").get(pk=answer.pk)
        return Response(AnswerOutput(answer).data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], summary="The answers of an assessment", responses=AnswerOutput(many=True))
    @extend_schema(methods=["post"], summary="Set the answer to one item (named in the body)",
                   request=AnswerInput, responses={200: AnswerOutput, 201: AnswerOutput})
    @action(detail=True, methods=["get", "post"], url_path="answers", pagination_class=None)
    def answers(self, request: Request, pk: str) -> Response:
        assessment = self._assessment(pk)
        if request.method == "POST":
            data = AnswerInput.validated(request.data)
            return self._set_answer(assessment, data["item_id"], data)
        self.query(serializers.Serializer)
        rows = (assessment.answers.select_related("catalog_version", "answered_by")
                .order_by("catalog_version__catalog_id", "item_id"))
        return Response(AnswerOutput(rows, many=True).data)

    @extend_schema(summary="Set the answer to one item", parameters=[ITEM_PARAMETER], request=AnswerFieldsInput,
                   responses={200: AnswerOutput, 201: AnswerOutput})
    @action(detail=True, methods=["put"], url_path=f"answers/(?P<item_id>{ITEM_ID_PATTERN})")
    def answer(self, request: Request, pk: str, item_id: str) -> Response:
        assessment = self._assessment(pk)
        return self._set_answer(assessment, item_id, AnswerFieldsInput.validated(request.data))

    @extend_schema(summary="Submit a draft for sign-off (every item answered)", request=None,
                   responses=AssessmentDetailOutput)
    @action(detail=True, methods=["post"], url_path="submit")
    def submit(self, request: Request, pk: str) -> Response:
        assessment = self._assessment(pk)
        RemarksInput.validated(request.data or {})
        services.assessment_submit(assessment=assessment, actor=self.actor)
        return self._detail(pk)

    @extend_schema(summary="Sign off a submitted assessment (policy officers only)", request=RemarksInput,
                   responses=AssessmentDetailOutput)
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request: Request, pk: str) -> Response:
        assessment = self._assessment(pk)
        data = RemarksInput.validated(request.data or {})
        services.assessment_sign_off(assessment=assessment, actor=self.actor, remarks=data["remarks"])
        return self._detail(pk)

    @extend_schema(summary="Return a submitted assessment to draft with remarks (policy officers only)",
                   request=RemarksInput, responses=AssessmentDetailOutput)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_draft(self, request: Request, pk: str) -> Response:
        assessment = self._assessment(pk)
        data = RemarksInput.validated(request.data or {})
        services.assessment_return(assessment=assessment, actor=self.actor, remarks=data["remarks"])
        return self._detail(pk)


def register(router: SimpleRouter) -> None:
    router.register("catalogs", CatalogViewSet, basename="catalog")
    router.register("assessments", AssessmentViewSet, basename="assessment")
