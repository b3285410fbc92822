"""REST API for SLA performance.

``/api/v1/incidents`` and ``/api/v1/outages`` (filter by ``contract`` and ``period``),
``/api/v1/breaches`` (read; follow-up status writable), ``/api/v1/contracts/{id}/sla-report?period=…``
(the same JSON as ``ketenwacht report sla --format json``) and ``/api/v1/webhooks/{id}``, where
Uptime Kuma and Alertmanager post their notifications with the endpoint's secret token.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import AuthenticationFailed, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ketenwacht.api.fields import UtcDateTimeField
from ketenwacht.api.serializers import (
    IdField,
    OutputModelSerializer,
    StrictInputSerializer,
    StrictModelInputSerializer,
)
from ketenwacht.api.views import OrganisationViewSet, validate_query
from ketenwacht.contracts.models import Contract
from ketenwacht.contracts.periods import Period, PeriodError
from ketenwacht.contracts.selectors import contract_get
from ketenwacht.performance import selectors, services, webhooks
from ketenwacht.performance.models import Breach, Incident, IncidentPause, Outage, WebhookEndpoint
from ketenwacht.performance.reporting.build import sla_report
from ketenwacht.sla import SLAInputError
from ketenwacht.suppliers.models import Service

# --- output -----------------------------------------------------------------------------------


class PauseOutput(OutputModelSerializer):
    class Meta:
        model = IncidentPause
        fields = ["started_at", "ended_at", "reason"]


class IncidentOutput(OutputModelSerializer):
    contract = serializers.IntegerField(source="contract_id", read_only=True)
    service = serializers.IntegerField(source="service_id", read_only=True, allow_null=True)
    pauses = PauseOutput(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "contract", "service", "external_reference", "priority", "reported_at", "first_response_at",
                  "resolved_at", "pauses", "description", "security_related", "source", "created_at", "updated_at"]


class OutageOutput(OutputModelSerializer):
    contract = serializers.IntegerField(source="contract_id", read_only=True)
    service = serializers.IntegerField(source="service_id", read_only=True, allow_null=True)
    partial_weight = serializers.DecimalField(max_digits=4, decimal_places=3, coerce_to_string=False,
                                              allow_null=True)

    class Meta:
        model = Outage
        fields = ["id", "contract", "service", "external_reference", "started_at", "ended_at", "planned",
                  "partial_weight", "description", "source", "created_at", "updated_at"]


class BreachOutput(OutputModelSerializer):
    contract = serializers.IntegerField(source="contract_id", read_only=True)
    incident = serializers.IntegerField(source="incident_id", read_only=True, allow_null=True)
    credit_percent = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)
    credit_amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = Breach
        fields = ["id", "contract", "term", "priority", "period_label", "period_start", "period_end", "incident",
                  "measured", "promised", "unit", "cause", "credit_percent", "credit_amount", "status",
                  "status_reason", "status_changed_at", "detected_at"]


# --- input ------------------------------------------------------------------------------------


class PauseInput(StrictInputSerializer):
    started_at = UtcDateTimeField()
    ended_at = UtcDateTimeField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class IncidentInput(StrictModelInputSerializer):
    """An incident; times in ISO 8601 with an offset (UTC ``Z`` or local ``+01:00``)."""

    contract = IdField(help_text="The id of the contract; fixed once created.")
    service = IdField(required=False, allow_null=True)
    pauses = PauseInput(many=True, required=False)
    server_fields = frozenset({"id", "created_at", "updated_at", "source"})

    class Meta:
        model = Incident
        fields = ["contract", "service", "external_reference", "priority", "reported_at", "first_response_at",
                  "resolved_at", "pauses", "description", "security_related"]


class IncidentUpdateInput(IncidentInput):
    contract = None  # type: ignore[assignment]
    read_only_hints = {"contract": "An incident cannot move to another contract."}

    class Meta(IncidentInput.Meta):
        fields = [f for f in IncidentInput.Meta.fields if f != "contract"]


class OutageInput(StrictModelInputSerializer):
    contract = IdField(help_text="The id of the contract; fixed once created.")
    service = IdField(required=False, allow_null=True)
    server_fields = frozenset({"id", "created_at", "updated_at", "source"})

    class Meta:
        model = Outage
        fields = ["contract", "service", "external_reference", "started_at", "ended_at", "planned", "partial_weight",
                  "description"]


class OutageUpdateInput(OutageInput):
    contract = None  # type: ignore[assignment]
    read_only_hints = {"contract": "An outage cannot move to another contract."}

    class Meta(OutageInput.Meta):
        fields = [f for f in OutageInput.Meta.fields if f != "contract"]


class BreachStatusInput(StrictInputSerializer):
    status = serializers.ChoiceField(choices=Breach.Status.choices)
    status_reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


def _period(value: str) -> Period:
    try:
        return Period.parse(value)
    except PeriodError as exc:
        raise serializers.ValidationError(str(exc)) from None


class RecordFilter(StrictInputSerializer):
    contract = IdField(required=False)
    period = serializers.CharField(required=False, help_text="2025-03, 2025-Q1 or 2025")
    priority = serializers.ChoiceField(required=False, choices=["P1", "P2", "P3", "P4"])

    def validate_period(self, value: str) -> Period:
        return _period(value)


class BreachFilter(StrictInputSerializer):
    contract = IdField(required=False)
    status = serializers.ChoiceField(required=False, choices=Breach.Status.choices)
    term = serializers.ChoiceField(required=False, choices=Breach.Term.choices)


class ReportQuery(StrictInputSerializer):
    period = serializers.CharField(help_text="2025-03, 2025-Q1 or 2025")
    lang = serializers.ChoiceField(choices=["nl", "en"], required=False, default="nl")

    def validate_period(self, value: str) -> Period:
        return _period(value)


RECORD_PARAMETERS = [
    OpenApiParameter("contract", OpenApiTypes.INT, description="Only this contract's records."),
    OpenApiParameter("period", OpenApiTypes.STR,
                     description="2025-03, 2025-Q1 or 2025, in the organisation's time zone."),
]


# --- helpers ------------------------------------------------------------------------------------


def _bounds(request: Request, period: Period | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    if period is None:
        return None, None
    zone = ZoneInfo(request.organisation.timezone)
    start = dt.datetime.combine(period.first_day, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(period.last_day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return start, end


def _contract_for_input(request: Request, pk: int) -> Contract:
    try:
        return contract_get(organisation=request.organisation, pk=pk)
    except Http404:
        raise ValidationError({"contract": [_("There is no contract with id %(id)s.") % {"id": pk}]}) from None


def _service_for_input(request: Request, data: dict[str, Any]) -> None:
    if "service" not in data:
        return
    pk = data["service"]
    if pk is None:
        return
    service = Service.objects.filter(organisation=request.organisation, pk=pk).first()
    if service is None:
        raise ValidationError({"service": [_("There is no service with id %(id)s.") % {"id": pk}]})
    data["service"] = service


class _RecordViewSet(mixins.ListModelMixin, OrganisationViewSet):
    output: type[serializers.Serializer]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return self.output

    def filters(self) -> dict[str, Any]:
        values = self.query(RecordFilter)
        start, end = _bounds(self.request, values.get("period"))
        return {"contract": values.get("contract"), "start": start, "end": end, "priority": values.get("priority")}

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.output(self.one(pk)).data)

    def one(self, pk: str) -> Any:
        raise NotImplementedError


@extend_schema_view(
    list=extend_schema(summary="List incidents", parameters=[*RECORD_PARAMETERS, OpenApiParameter(
        "priority", OpenApiTypes.STR, enum=["P1", "P2", "P3", "P4"])], responses=IncidentOutput(many=True)),
    retrieve=extend_schema(summary="One incident with its pauses", responses=IncidentOutput),
    create=extend_schema(summary="Record an incident", request=IncidentInput, responses={201: IncidentOutput}),
    partial_update=extend_schema(summary="Change an incident (pauses, when sent, replace all)",
                                 request=IncidentUpdateInput, responses=IncidentOutput),
    destroy=extend_schema(summary="Delete an incident", responses={204: None}),
)
class IncidentViewSet(_RecordViewSet):
    output = IncidentOutput

    def get_queryset(self) -> Any:
        f = self.filters()
        return selectors.incident_list(organisation=self.organisation, **f).order_by("-reported_at", "-pk")

    def one(self, pk: str) -> Incident:
        return selectors.incident_get(organisation=self.organisation, pk=pk)

    def create(self, request: Request) -> Response:
        data = IncidentInput.validated(request.data)
        contract = _contract_for_input(request, data.pop("contract"))
        _service_for_input(request, data)
        pauses = [dict(p) for p in data.pop("pauses", [])]
        incident = services.incident_create(contract=contract, actor=self.actor, pauses=pauses, **data)
        return Response(IncidentOutput(self.one(incident.pk)).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"/api/v1/incidents/{incident.pk}"})

    def partial_update(self, request: Request, pk: str) -> Response:
        incident = self.one(pk)
        data = IncidentUpdateInput.validated(request.data, partial=True)
        _service_for_input(request, data)
        pauses = data.pop("pauses", None)
        services.incident_update(incident=incident, actor=self.actor,
                                 pauses=None if pauses is None else [dict(p) for p in pauses], **data)
        return Response(IncidentOutput(self.one(pk)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        services.incident_delete(incident=self.one(pk), actor=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="List outages and planned maintenance", parameters=RECORD_PARAMETERS,
                       responses=OutageOutput(many=True)),
    retrieve=extend_schema(summary="One outage", responses=OutageOutput),
    create=extend_schema(summary="Record an outage", request=OutageInput, responses={201: OutageOutput}),
    partial_update=extend_schema(summary="Change an outage", request=OutageUpdateInput, responses=OutageOutput),
    destroy=extend_schema(summary="Delete an outage", responses={204: None}),
)
class OutageViewSet(_RecordViewSet):
    output = OutageOutput

    def get_queryset(self) -> Any:
        f = self.filters()
        f.pop("priority")
        return selectors.outage_list(organisation=self.organisation, **f).order_by("-started_at", "-pk")

    def one(self, pk: str) -> Outage:
        return selectors.outage_get(organisation=self.organisation, pk=pk)

    def create(self, request: Request) -> Response:
        data = OutageInput.validated(request.data)
        contract = _contract_for_input(request, data.pop("contract"))
        _service_for_input(request, data)
        outage = services.outage_create(contract=contract, actor=self.actor, **data)
        return Response(OutageOutput(self.one(outage.pk)).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"/api/v1/outages/{outage.pk}"})

    def partial_update(self, request: Request, pk: str) -> Response:
        outage = self.one(pk)
        data = OutageUpdateInput.validated(request.data, partial=True)
        _service_for_input(request, data)
        services.outage_update(outage=outage, actor=self.actor, **data)
        return Response(OutageOutput(self.one(pk)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        services.outage_delete(outage=self.one(pk), actor=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="The breach register", responses=BreachOutput(many=True), parameters=[
        OpenApiParameter("contract", OpenApiTypes.INT), OpenApiParameter("status", OpenApiTypes.STR),
        OpenApiParameter("term", OpenApiTypes.STR)]),
    retrieve=extend_schema(summary="One breach", responses=BreachOutput),
    partial_update=extend_schema(summary="Follow a breach up (claimed, credited, waived with reason)",
                                 request=BreachStatusInput, responses=BreachOutput),
)
class BreachViewSet(mixins.ListModelMixin, OrganisationViewSet):
    serializer_class = BreachOutput
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        f = self.query(BreachFilter)
        return selectors.breach_list(organisation=self.organisation, **f)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(BreachOutput(selectors.breach_get(organisation=self.organisation, pk=pk)).data)

    def partial_update(self, request: Request, pk: str) -> Response:
        breach = selectors.breach_get(organisation=self.organisation, pk=pk)
        data = BreachStatusInput.validated(request.data)
        services.breach_set_status(breach=breach, actor=self.actor, status=data["status"],
                                   reason=data["status_reason"])
        return Response(BreachOutput(selectors.breach_get(organisation=self.organisation, pk=pk)).data)


class SlaReportView(OrganisationViewSet):
    """``GET /api/v1/contracts/{id}/sla-report?period=2025-03``: the CLI's JSON report."""

    http_method_names = ["get", "head", "options"]

    @extend_schema(summary="SLA report of a contract for a month, quarter or year",
                   parameters=[OpenApiParameter("period", OpenApiTypes.STR, required=True,
                                                description="2025-03, 2025-Q1 or 2025"),
                               OpenApiParameter("lang", OpenApiTypes.STR, enum=["nl", "en"])],
                   responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request: Request, pk: str) -> Response:
        contract = contract_get(organisation=self.organisation, pk=pk)
        query = validate_query(request, ReportQuery)
        try:
            report = sla_report(contract=contract, period=query["period"], lang=query["lang"])
        except SLAInputError as exc:
            raise ValidationError({"slaTerms": [str(exc)]}) from None
        return Response(report)  # the renderer writes camelCase, exactly as the CLI does


class WebhookView(APIView):
    """Notifications from monitoring, authenticated by the endpoint's secret token (not a user)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]  # the monitoring tool's own field names, not camelCase
    renderer_classes = [JSONRenderer]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "webhook"

    def get_authenticate_header(self, request: Request) -> str:
        return "Bearer"  # so a wrong token is a 401 with a challenge, not a 403

    @extend_schema(summary="Receive an Uptime Kuma or Alertmanager notification",
                   description="Give the secret as 'Authorization: Bearer <token>' or '?token=<token>'.",
                   request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: str) -> Response:
        endpoint = (WebhookEndpoint.objects.filter(pk=int(pk), active=True).select_related("contract__organisation",
                                                                                        "service").first())
        header = request.META.get("HTTP_AUTHORIZATION", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else request.query_params.get("token", "")
        if endpoint is None or not webhooks.token_matches(endpoint, token):
            raise AuthenticationFailed("Unknown webhook or wrong token.")
        try:
            outcome = webhooks.handle(endpoint=endpoint, payload=request.data)
        except webhooks.PayloadError as exc:
            raise ValidationError({"body": [str(exc)]}) from None
        return Response(outcome.to_dict())


def register(router: SimpleRouter) -> None:
    router.register("incidents", IncidentViewSet, basename="incident")
    router.register("outages", OutageViewSet, basename="outage")
    router.register("breaches", BreachViewSet, basename="breach")


urlpatterns = [
    path("contracts/<int:pk>/sla-report", SlaReportView.as_view({"get": "retrieve"}), name="contract-sla-report"),
    path("webhooks/<int:pk>", WebhookView.as_view(), name="webhook-receive"),
]
