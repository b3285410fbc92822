"""REST API for the supplier register: ``/api/v1/suppliers``, ``/services`` and ``/contacts``.

Thin viewsets: input serializers validate types and lengths, services (``suppliers.services``)
do the domain validation, the write and the audit event; selectors (``suppliers.selectors``)
read, always within the request's organisation. Output serializers only render.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from ketenwacht.api.fields import UtcDateTimeField
from ketenwacht.api.serializers import (
    IdField,
    OutputModelSerializer,
    StrictInputSerializer,
    StrictModelInputSerializer,
)
from ketenwacht.api.views import OrganisationViewSet
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers import selectors, services
from ketenwacht.suppliers.lifecycle import allowed_statuses
from ketenwacht.suppliers.models import Contact, Criticality, Service, Supplier, SupplierStatus

# --- output -----------------------------------------------------------------------------------

SUPPLIER_OUTPUT_FIELDS = [
    "id", "name", "enterprise_number", "vat_number", "website", "address", "postal_code", "city", "country",
    "status", "status_changed_at", "criticality", "incident_relevant", "internal_owner", "framework_contract",
    "notes", "processes_personal_data", "personal_data_categories", "dpa_status", "dpa_signed_on",
    "data_location", "data_countries", "data_outside_eea", "on_crisis_list", "created_at", "updated_at",
]


class ServiceOutput(OutputModelSerializer):
    """What a supplier supplies: an ICT service, equipment or both."""

    supplier = serializers.IntegerField(source="supplier_id", read_only=True)

    class Meta:
        model = Service
        fields = ["id", "supplier", "name", "kind", "description", "purpose", "own_responsibility",
                  "created_at", "updated_at"]


class ContactOutput(OutputModelSerializer):
    """A person or desk at the supplier."""

    supplier = serializers.IntegerField(source="supplier_id", read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "supplier", "name", "role", "email", "phone", "reachability", "hours", "languages",
                  "created_at", "updated_at"]


class StatusChangeOutput(serializers.Serializer):
    """One step in the supplier's lifecycle."""

    from_status = serializers.CharField()
    to_status = serializers.CharField()
    changed_at = UtcDateTimeField()
    changed_by = serializers.CharField(source="changed_by.email", default=None, allow_null=True)
    reason = serializers.CharField()


class SupplierListOutput(OutputModelSerializer):
    """A supplier, with the number of its services and contacts."""

    data_outside_eea = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="True if any data country lies outside the EU/EEA; null if unknown."
    )
    on_crisis_list = serializers.BooleanField(read_only=True)
    services_count = serializers.IntegerField(source="service_count", read_only=True)
    contacts_count = serializers.IntegerField(source="contact_count", read_only=True)

    class Meta:
        model = Supplier
        fields = [*SUPPLIER_OUTPUT_FIELDS, "services_count", "contacts_count"]


class SupplierDetailOutput(SupplierListOutput):
    """A supplier with its services, contacts (in escalation order) and lifecycle steps."""

    services_count = serializers.SerializerMethodField()
    contacts_count = serializers.SerializerMethodField()
    services = ServiceOutput(many=True, read_only=True)
    contacts = ContactOutput(many=True, read_only=True, help_text="In escalation order.")
    status_changes = StatusChangeOutput(many=True, read_only=True)
    allowed_statuses = serializers.SerializerMethodField()

    class Meta(SupplierListOutput.Meta):
        fields = [*SupplierListOutput.Meta.fields, "allowed_statuses", "services", "contacts", "status_changes"]

    def get_services_count(self, supplier: Supplier) -> int:
        return len(supplier.services.all())  # prefetched by the selector

    def get_contacts_count(self, supplier: Supplier) -> int:
        return len(supplier.contacts.all())

    def get_allowed_statuses(self, supplier: Supplier) -> list[str]:
        return allowed_statuses(supplier)


# --- input ------------------------------------------------------------------------------------


class SupplierCreateInput(StrictModelInputSerializer):
    """A new supplier. Only ``name`` is required; the status defaults to prospect."""

    server_fields = frozenset(set(SUPPLIER_OUTPUT_FIELDS) - services.SUPPLIER_FIELDS
                              | {"services_count", "contacts_count", "services", "contacts", "status_changes",
                                 "allowed_statuses"})

    class Meta:
        model = Supplier
        fields = sorted(services.SUPPLIER_FIELDS)


class SupplierUpdateInput(StrictModelInputSerializer):
    """The fields to change; fields not sent stay as they are. The status has its own action."""

    server_fields = SupplierCreateInput.server_fields
    read_only_hints = {"status": gettext_lazy("The status is changed with POST /api/v1/suppliers/{id}/status.")}

    class Meta:
        model = Supplier
        fields = sorted(services.SUPPLIER_FIELDS - {"status"})


class StatusChangeInput(StrictInputSerializer):
    """The new lifecycle status and why."""

    status = serializers.ChoiceField(choices=SupplierStatus.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ServiceInput(StrictModelInputSerializer):
    """A new service of a supplier."""

    supplier = IdField(help_text="The id of the supplier; fixed once created.")
    read_only_hints = {"supplier": gettext_lazy("A service cannot move to another supplier; create a new one.")}

    class Meta:
        model = Service
        fields = ["supplier", *sorted(services.SERVICE_FIELDS)]


class ServiceUpdateInput(StrictModelInputSerializer):
    """The service fields to change."""

    read_only_hints = ServiceInput.read_only_hints

    class Meta:
        model = Service
        fields = sorted(services.SERVICE_FIELDS)


class ContactInput(StrictModelInputSerializer):
    """A new contact of a supplier; it needs an e-mail address or a phone number."""

    supplier = IdField(help_text="The id of the supplier; fixed once created.")
    read_only_hints = {"supplier": gettext_lazy("A contact cannot move to another supplier; create a new one.")}

    class Meta:
        model = Contact
        fields = ["supplier", *sorted(services.CONTACT_FIELDS)]


class ContactUpdateInput(StrictModelInputSerializer):
    """The contact fields to change."""

    read_only_hints = ContactInput.read_only_hints

    class Meta:
        model = Contact
        fields = sorted(services.CONTACT_FIELDS)


# --- query parameters ---------------------------------------------------------------------------

ORDERING_CHOICES = [*selectors.ORDERINGS, *(f"-{key}" for key in selectors.ORDERINGS)]


class SupplierFilter(serializers.Serializer):
    status = serializers.ListField(child=serializers.ChoiceField(choices=SupplierStatus.choices), required=False)
    criticality = serializers.ListField(child=serializers.ChoiceField(choices=Criticality.choices), required=False)
    incident_relevant = serializers.BooleanField(required=False)
    processes_personal_data = serializers.BooleanField(required=False)
    service_kind = serializers.ChoiceField(choices=Service.Kind.choices, required=False)
    search = serializers.CharField(max_length=200, required=False, allow_blank=True)
    ordering = serializers.ChoiceField(choices=ORDERING_CHOICES, required=False, default="name")


class SupplierRefFilter(serializers.Serializer):
    supplier = IdField(required=False)


def _list_param(name: str, enum: Any, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, {"type": "array", "items": {"type": "string", "enum": list(enum.values)}},
                            description=description, explode=False, style="form")


SUPPLIER_LIST_PARAMETERS = [
    _list_param("status", SupplierStatus, "Only these statuses (comma-separated or repeated)."),
    _list_param("criticality", Criticality, "Only these criticality tiers (comma-separated or repeated)."),
    OpenApiParameter("incidentRelevant", OpenApiTypes.BOOL, description="May be involved in a serious incident."),
    OpenApiParameter("processesPersonalData", OpenApiTypes.BOOL),
    OpenApiParameter("serviceKind", OpenApiTypes.STR, enum=list(Service.Kind.values),
                     description="Suppliers with a service of this kind ('both' counts for either)."),
    OpenApiParameter("search", OpenApiTypes.STR,
                     description="Words that must all occur in the name, numbers, city, owner or a service name."),
    OpenApiParameter("ordering", OpenApiTypes.STR, enum=ORDERING_CHOICES, description="'-' sorts descending."),
]
SUPPLIER_REF_PARAMETERS = [OpenApiParameter("supplier", OpenApiTypes.INT, description="Only this supplier's rows.")]


# Both lists are ordered by supplier id, then id: stable across pages, and it follows the
# (organisation, supplier) index instead of sorting tens of thousands of rows by name per request.


# --- viewsets -----------------------------------------------------------------------------------


def _supplier_for_input(organisation: Organisation, pk: int) -> Supplier:
    """The supplier named in a request body; another organisation's id is as unknown as a made-up one."""
    try:
        return selectors.supplier_get(organisation=organisation, pk=pk)
    except Http404 as exc:
        raise ValidationError({"supplier": [_("There is no supplier with id %(id)s.") % {"id": pk}]}) from exc


@extend_schema_view(
    list=extend_schema(summary="List suppliers", parameters=SUPPLIER_LIST_PARAMETERS,
                       responses=SupplierListOutput(many=True)),
    retrieve=extend_schema(summary="A supplier with its services, contacts and lifecycle",
                           responses=SupplierDetailOutput),
    create=extend_schema(summary="Register a supplier", request=SupplierCreateInput,
                         responses={201: SupplierDetailOutput}),
    partial_update=extend_schema(summary="Change a supplier's fields (not its status)",
                                 request=SupplierUpdateInput, responses=SupplierDetailOutput),
    destroy=extend_schema(summary="Delete a supplier with its services and contacts", responses={204: None}),
)
class SupplierViewSet(mixins.ListModelMixin, OrganisationViewSet):
    serializer_class = SupplierListOutput

    def get_queryset(self) -> QuerySet[Supplier]:
        filters = self.query(SupplierFilter)
        return selectors.supplier_list(
            organisation=self.organisation,
            search=filters.get("search"),
            status=filters.get("status"),
            criticality=filters.get("criticality"),
            service_kind=filters.get("service_kind"),
            personal_data=filters.get("processes_personal_data"),
            incident_relevant=filters.get("incident_relevant"),
            ordering=filters["ordering"],
        )

    def _detail(self, pk: int | str, status_code: int = status.HTTP_200_OK) -> Response:
        supplier = selectors.supplier_detail(organisation=self.organisation, pk=pk)
        headers = {"Location": f"/api/v1/suppliers/{supplier.pk}"} if status_code == status.HTTP_201_CREATED else {}
        return Response(SupplierDetailOutput(supplier).data, status=status_code, headers=headers)

    def retrieve(self, request: Request, pk: str) -> Response:
        return self._detail(pk)

    def create(self, request: Request) -> Response:
        data = SupplierCreateInput.validated(request.data)
        supplier = services.supplier_create(organisation=self.organisation, actor=self.actor, **data)
        return self._detail(supplier.pk, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        supplier = selectors.supplier_get(organisation=self.organisation, pk=pk)
        data = SupplierUpdateInput.validated(request.data, partial=True)
        services.supplier_update(supplier=supplier, actor=self.actor, **data)
        return self._detail(supplier.pk)

    def destroy(self, request: Request, pk: str) -> Response:
        supplier = selectors.supplier_get(organisation=self.organisation, pk=pk)
        services.supplier_delete(supplier=supplier, actor=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Change a supplier's lifecycle status", request=StatusChangeInput,
                   responses=SupplierDetailOutput)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request: Request, pk: str) -> Response:
        supplier = selectors.supplier_get(organisation=self.organisation, pk=pk)
        data = StatusChangeInput.validated(request.data)
        services.supplier_change_status(
            supplier=supplier, actor=self.actor, to_status=data["status"], reason=data["reason"]
        )
        return self._detail(supplier.pk)


class _ChildViewSet(mixins.ListModelMixin, OrganisationViewSet):
    """Services and contacts: flat collections of the organisation, filterable by supplier."""

    output: type[serializers.Serializer]
    create_input: type[StrictModelInputSerializer]
    update_input: type[StrictModelInputSerializer]

    def rows(self) -> QuerySet:
        raise NotImplementedError

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return self.output

    def get_queryset(self) -> QuerySet:
        rows = self.rows()
        if self.action == "list":
            supplier = self.query(SupplierRefFilter).get("supplier")
            if supplier is not None:
                rows = rows.filter(supplier_id=supplier)
        return rows

    def get_object(self) -> Any:
        row = self.rows().filter(pk=int(self.kwargs["pk"])).first()
        if row is None:
            raise Http404
        return row

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.output(self.get_object()).data)

    def write_create(self, supplier: Supplier, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def write_update(self, row: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def write_delete(self, row: Any) -> None:
        raise NotImplementedError

    def create(self, request: Request) -> Response:
        data = self.create_input.validated(request.data)
        supplier = _supplier_for_input(self.organisation, data.pop("supplier"))
        row = self.write_create(supplier, data)
        location = f"{request.path}/{row.pk}"
        return Response(self.output(row).data, status=status.HTTP_201_CREATED, headers={"Location": location})

    def partial_update(self, request: Request, pk: str) -> Response:
        row = self.get_object()
        data = self.update_input.validated(request.data, partial=True)
        return Response(self.output(self.write_update(row, data)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        self.write_delete(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


def _child_schema(output: type, create_input: type, update_input: type, noun: str) -> Any:
    return extend_schema_view(
        list=extend_schema(summary=f"List {noun}s", parameters=SUPPLIER_REF_PARAMETERS, responses=output(many=True)),
        retrieve=extend_schema(summary=f"One {noun}", responses=output),
        create=extend_schema(summary=f"Add a {noun} to a supplier", request=create_input, responses={201: output}),
        partial_update=extend_schema(summary=f"Change a {noun}", request=update_input, responses=output),
        destroy=extend_schema(summary=f"Delete a {noun}", responses={204: None}),
    )


@_child_schema(ServiceOutput, ServiceInput, ServiceUpdateInput, "service")
class ServiceViewSet(_ChildViewSet):
    output, create_input, update_input = ServiceOutput, ServiceInput, ServiceUpdateInput

    def rows(self) -> QuerySet[Service]:
        return selectors.service_list(organisation=self.organisation)

    def write_create(self, supplier: Supplier, data: dict[str, Any]) -> Service:
        return services.service_create(supplier=supplier, actor=self.actor, **data)

    def write_update(self, row: Service, data: dict[str, Any]) -> Service:
        return services.service_update(service=row, actor=self.actor, **data)

    def write_delete(self, row: Service) -> None:
        services.service_delete(service=row, actor=self.actor)


@_child_schema(ContactOutput, ContactInput, ContactUpdateInput, "contact")
class ContactViewSet(_ChildViewSet):
    output, create_input, update_input = ContactOutput, ContactInput, ContactUpdateInput

    def rows(self) -> QuerySet[Contact]:
        return selectors.contact_list(organisation=self.organisation)

    def write_create(self, supplier: Supplier, data: dict[str, Any]) -> Contact:
        return services.contact_create(supplier=supplier, actor=self.actor, **data)

    def write_update(self, row: Contact, data: dict[str, Any]) -> Contact:
        return services.contact_update(contact=row, actor=self.actor, **data)

    def write_delete(self, row: Contact) -> None:
        services.contact_delete(contact=row, actor=self.actor)


def register(router: SimpleRouter) -> None:
    router.register("suppliers", SupplierViewSet, basename="supplier")
    router.register("services", ServiceViewSet, basename="service")
    router.register("contacts", ContactViewSet, basename="contact")
