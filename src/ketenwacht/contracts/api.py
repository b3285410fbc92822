"""REST API for contracts and their SLA terms: ``/api/v1/contracts`` and ``/api/v1/sla-versions``.

Same conventions as the supplier API: strict input serializers hand plain data to the services
(which validate, write and audit); selectors read within the request's organisation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from ketenwacht.api.serializers import (
    IdField,
    OutputModelSerializer,
    StrictInputSerializer,
    StrictModelInputSerializer,
)
from ketenwacht.api.views import OrganisationViewSet
from ketenwacht.contracts import selectors, services
from ketenwacht.contracts.engine import describe_target
from ketenwacht.contracts.models import Contract, SlaPriorityTarget, SlaVersion
from ketenwacht.contracts.periods import Period, PeriodError
from ketenwacht.contracts.sla_terms import check_version
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Service, Supplier

# --- output -----------------------------------------------------------------------------------


class PriorityTargetOutput(OutputModelSerializer):
    response_value = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False, allow_null=True)
    resolution_value = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False,
                                                allow_null=True)

    class Meta:
        model = SlaPriorityTarget
        fields = ["priority", "name", "definition", "response_value", "response_unit", "resolution_value",
                  "resolution_unit"]


class FindingOutput(serializers.Serializer):
    term = serializers.CharField()
    code = serializers.CharField(help_text="missing_value, missing_unit, missing_period, not_agreed or vague")
    field = serializers.CharField()
    reason = serializers.CharField()
    ask = serializers.CharField(help_text="What to ask the supplier for instead.")
    phrase = serializers.CharField()


class SlaVersionOutput(OutputModelSerializer):
    """One SLA version: every term with its unit, the priority targets and the measurability check."""

    contract = serializers.IntegerField(source="contract_id", read_only=True)
    availability_target_percent = serializers.DecimalField(max_digits=7, decimal_places=4, coerce_to_string=False,
                                                           allow_null=True)
    partial_weight = serializers.DecimalField(max_digits=4, decimal_places=3, coerce_to_string=False, allow_null=True)
    credit_cap_percent = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False,
                                                  allow_null=True)
    liability_cap_amount = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False,
                                                    allow_null=True)
    priority_targets = serializers.SerializerMethodField()
    measurability = serializers.SerializerMethodField()
    allowed_downtime = serializers.SerializerMethodField(
        help_text="What the availability target allows, in plain Dutch (nl) and English (en).")

    class Meta:
        model = SlaVersion
        fields = ["id", "contract", *sorted(services.SLA_FIELDS), "priority_targets", "measurability",
                  "allowed_downtime", "created_at", "updated_at"]

    def get_priority_targets(self, version: SlaVersion) -> list[dict]:
        rows = sorted(version.priority_targets.all(), key=lambda t: t.priority)
        return PriorityTargetOutput(rows, many=True).data

    def get_measurability(self, version: SlaVersion) -> dict:
        findings = check_version(version)
        return {"measurable": not findings, "findings": FindingOutput([f.to_dict() for f in findings], many=True).data}

    def get_allowed_downtime(self, version: SlaVersion) -> dict | None:
        return describe_target(version)


class ContractOutput(OutputModelSerializer):
    """A contract with its notice deadline and its SLA versions."""

    supplier = serializers.IntegerField(source="supplier_id", read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    services = serializers.SerializerMethodField()
    notice_deadline = serializers.DateField(read_only=True, allow_null=True)
    value_per_month = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False,
                                               allow_null=True)
    sla_versions = SlaVersionOutput(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = ["id", "supplier", "supplier_name", "reference", "title", "services", "framework_contract",
                  "start_date", "end_date", "notice_period_value", "notice_period_unit", "notice_deadline", "renewal",
                  "renewal_period_months", "value_per_month", "internal_owner", "notes", "sla_versions",
                  "created_at", "updated_at"]

    def get_services(self, contract: Contract) -> list[int]:
        return [s.pk for s in contract.services.all()]


# --- input ------------------------------------------------------------------------------------


class ContractInput(StrictModelInputSerializer):
    """A contract; ``supplier`` and ``services`` are ids of the organisation's supplier and its services."""

    supplier = IdField()
    services = serializers.ListField(child=IdField(), required=False)
    server_fields = frozenset({"id", "created_at", "updated_at", "supplier_name", "notice_deadline", "sla_versions"})

    class Meta:
        model = Contract
        fields = [*sorted(services.CONTRACT_FIELDS), "services"]


class PriorityTargetInput(StrictModelInputSerializer):
    class Meta:
        model = SlaPriorityTarget
        fields = list(services.TARGET_FIELDS)


class SlaVersionInput(StrictModelInputSerializer):
    """An SLA version of a contract; ``priorityTargets``, when sent, replaces all of them."""

    contract = IdField(help_text="The id of the contract; fixed once created.")
    priority_targets = PriorityTargetInput(many=True, required=False)
    server_fields = frozenset({"id", "created_at", "updated_at", "measurability", "allowed_downtime"})
    read_only_hints: dict[str, Any] = {}

    class Meta:
        model = SlaVersion
        fields = ["contract", *sorted(services.SLA_FIELDS), "priority_targets"]


class SlaVersionUpdateInput(SlaVersionInput):
    contract = None  # type: ignore[assignment]
    read_only_hints = {"contract": "An SLA version cannot move to another contract."}

    class Meta(SlaVersionInput.Meta):
        fields = [*sorted(services.SLA_FIELDS), "priority_targets"]


class ContractFilter(StrictInputSerializer):
    supplier = IdField(required=False)
    search = serializers.CharField(required=False, max_length=200, allow_blank=True)
    period = serializers.CharField(required=False, help_text="Contracts in force at some time in 2025-03, 2025-Q1 or 2025.")

    def validate_period(self, value: str) -> Period:
        try:
            return Period.parse(value)
        except PeriodError as exc:
            raise serializers.ValidationError(str(exc)) from None


class ContractRefFilter(StrictInputSerializer):
    contract = IdField(required=False)


# --- helpers ------------------------------------------------------------------------------------


def _contract_rows(organisation: Organisation) -> QuerySet[Contract]:
    versions = SlaVersion.objects.order_by("valid_from").prefetch_related("priority_targets")
    return (Contract.objects.filter(organisation=organisation).select_related("supplier")
            .prefetch_related("services", Prefetch("sla_versions", queryset=versions)).order_by("reference", "pk"))


def _supplier_and_services(organisation: Organisation, data: dict[str, Any]) -> None:
    """Replace ids in ``data`` by rows of the organisation; unknown ids are field errors."""
    if "supplier" in data:
        supplier = Supplier.objects.filter(organisation=organisation, pk=data["supplier"]).first()
        if supplier is None:
            raise ValidationError({"supplier": [_("There is no supplier with id %(id)s.") % {"id": data["supplier"]}]})
        data["supplier"] = supplier
    if "services" in data:
        ids = data["services"]
        rows = list(Service.objects.filter(organisation=organisation, pk__in=ids))
        missing = sorted(set(ids) - {s.pk for s in rows})
        if missing:
            raise ValidationError({"services": [_("There is no service with id %(id)s.") % {"id": missing[0]}]})
        data["services"] = rows


CONTRACT_PARAMETERS = [
    OpenApiParameter("supplier", OpenApiTypes.INT, description="Only this supplier's contracts."),
    OpenApiParameter("search", OpenApiTypes.STR, description="Words in reference, title, supplier or owner."),
    OpenApiParameter("period", OpenApiTypes.STR, description="In force during 2025-03, 2025-Q1 or 2025."),
]


@extend_schema_view(
    list=extend_schema(summary="List contracts with their SLA terms", parameters=CONTRACT_PARAMETERS,
                       responses=ContractOutput(many=True)),
    retrieve=extend_schema(summary="A contract with its SLA versions", responses=ContractOutput),
    create=extend_schema(summary="Register a contract", request=ContractInput, responses={201: ContractOutput}),
    partial_update=extend_schema(summary="Change a contract", request=ContractInput, responses=ContractOutput),
    destroy=extend_schema(summary="Delete a contract with its SLA versions and performance data",
                          responses={204: None}),
)
class ContractViewSet(mixins.ListModelMixin, OrganisationViewSet):
    serializer_class = ContractOutput

    def get_queryset(self) -> QuerySet[Contract]:
        rows = _contract_rows(self.organisation)
        filters = self.query(ContractFilter)
        if filters.get("supplier"):
            rows = rows.filter(supplier_id=filters["supplier"])
        for word in (filters.get("search") or "").split():
            rows = rows.filter(Q(reference__icontains=word) | Q(title__icontains=word)
                               | Q(supplier__name__icontains=word) | Q(internal_owner__icontains=word))
        period = filters.get("period")
        if period is not None:
            rows = rows.filter(Q(start_date__lte=period.last_day),
                               Q(end_date__isnull=True) | Q(end_date__gte=period.first_day))
        return rows

    def _one(self, pk: int | str) -> Contract:
        row = _contract_rows(self.organisation).filter(pk=int(pk)).first()
        if row is None:
            raise Http404
        return row

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(ContractOutput(self._one(pk)).data)

    def create(self, request: Request) -> Response:
        data = ContractInput.validated(request.data)
        _supplier_and_services(self.organisation, data)
        contract = services.contract_create(organisation=self.organisation, actor=self.actor, **data)
        return Response(ContractOutput(self._one(contract.pk)).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"/api/v1/contracts/{contract.pk}"})

    def partial_update(self, request: Request, pk: str) -> Response:
        contract = selectors.contract_get(organisation=self.organisation, pk=pk)
        data = ContractInput.validated(request.data, partial=True)
        _supplier_and_services(self.organisation, data)
        services.contract_update(contract=contract, actor=self.actor, **data)
        return Response(ContractOutput(self._one(contract.pk)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        contract = selectors.contract_get(organisation=self.organisation, pk=pk)
        services.contract_delete(contract=contract, actor=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="List SLA versions", responses=SlaVersionOutput(many=True),
                       parameters=[OpenApiParameter("contract", OpenApiTypes.INT, description="Only this contract's.")]),
    retrieve=extend_schema(summary="One SLA version with its terms and measurability check",
                           responses=SlaVersionOutput),
    create=extend_schema(summary="Add an SLA version to a contract", request=SlaVersionInput,
                         responses={201: SlaVersionOutput}),
    partial_update=extend_schema(summary="Change an SLA version's terms", request=SlaVersionUpdateInput,
                                 responses=SlaVersionOutput),
    destroy=extend_schema(summary="Delete an SLA version", responses={204: None}),
)
class SlaVersionViewSet(mixins.ListModelMixin, OrganisationViewSet):
    serializer_class = SlaVersionOutput

    def rows(self) -> QuerySet[SlaVersion]:
        return (SlaVersion.objects.filter(organisation=self.organisation, contract__organisation=self.organisation)
                .select_related("contract").prefetch_related("priority_targets").order_by("contract", "valid_from"))

    def get_queryset(self) -> QuerySet[SlaVersion]:
        rows = self.rows()
        contract = self.query(ContractRefFilter).get("contract") if self.action == "list" else None
        return rows.filter(contract_id=contract) if contract else rows

    def _one(self, pk: int | str) -> SlaVersion:
        row = self.rows().filter(pk=int(pk)).first()
        if row is None:
            raise Http404
        return row

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(SlaVersionOutput(self._one(pk)).data)

    def create(self, request: Request) -> Response:
        data = SlaVersionInput.validated(request.data)
        try:
            contract = selectors.contract_get(organisation=self.organisation, pk=data.pop("contract"))
        except Http404:
            raise ValidationError({"contract": [_("There is no contract with this id.")]}) from None
        targets = [dict(t) for t in data.pop("priority_targets", [])]
        version = services.sla_version_create(contract=contract, actor=self.actor, priority_targets=targets, **data)
        return Response(SlaVersionOutput(self._one(version.pk)).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"/api/v1/sla-versions/{version.pk}"})

    def partial_update(self, request: Request, pk: str) -> Response:
        version = self._one(pk)
        data = SlaVersionUpdateInput.validated(request.data, partial=True)
        targets = data.pop("priority_targets", None)
        services.sla_version_update(version=version, actor=self.actor,
                                    priority_targets=None if targets is None else [dict(t) for t in targets], **data)
        return Response(SlaVersionOutput(self._one(pk)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        services.sla_version_delete(version=self._one(pk), actor=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router: SimpleRouter) -> None:
    router.register("contracts", ContractViewSet, basename="contract")
    router.register("sla-versions", SlaVersionViewSet, basename="sla-version")
