"""Base classes for API views: the request's organisation and actor, strict input, JSON only."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import UnsupportedMediaType, ValidationError
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request
from rest_framework.viewsets import GenericViewSet

from ketenwacht.api.casing import to_camel, to_snake
from ketenwacht.api.pagination import DefaultPagination
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation

_BODY_METHODS = {"POST", "PUT", "PATCH"}


class PointerMetadata(SimpleMetadata):
    """``OPTIONS``: what the resource renders and parses, and where its full description is.

    DRF's default would describe the fields of whichever serializer the view has at hand,
    which for our split input/output serializers is misleading; the OpenAPI document is exact.
    """

    def determine_metadata(self, request: Request, view: Any) -> dict[str, Any]:
        return {
            "name": view.get_view_name(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
            "openapi": "/api/v1/openapi.json",
        }


class OrganisationViewSet(GenericViewSet):
    """A viewset over one organisation's rows.

    The organisation is the token's (``ApiTokenAuthentication``) or the session's active one
    (``ActiveOrganisationMiddleware``); every selector call passes it, so another organisation's
    row is simply not found (404). Writes go to services with ``Actor(user, via="api")``.
    ``PUT`` is not offered: ``PATCH`` changes the fields it names.
    """

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    metadata_class = PointerMetadata
    # Ids are digits; anything else does not match the route and is a 404 problem.
    lookup_value_regex = r"[0-9]+"

    @property
    def organisation(self) -> Organisation:
        return self.request.organisation

    @property
    def actor(self) -> Actor:
        return Actor(user=self.request.user, via="api")

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # DRF treats a body without Content-Type as empty; say instead that JSON is expected.
        if request.method in _BODY_METHODS and not request.content_type and _has_body(request):
            raise UnsupportedMediaType("", detail=_("Send the body as application/json."))

    def query(self, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
        """Validate the query string with ``serializer_class`` (camelCase names, unknown ones refused)."""
        return validate_query(self.request, serializer_class, allowed=self.query_params_allowed())

    def query_params_allowed(self) -> set[str]:
        paginator = self.paginator
        if isinstance(paginator, DefaultPagination) and self.action == "list":
            return {paginator.page_query_param, paginator.page_size_query_param}
        return set()


def _has_body(request: Request) -> bool:
    length = request.META.get("CONTENT_LENGTH") or "0"
    return not length.isdigit() or int(length) > 0


def validate_query(request: Request, serializer_class: type[serializers.Serializer],
                   allowed: set[str] = frozenset()) -> dict[str, Any]:
    """The query parameters validated by ``serializer_class``; errors name the parameters as sent.

    A parameter given more than once is passed as a list to fields that accept one
    (``ListField``) and refused elsewhere.
    """
    serializer = serializer_class()
    raw: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        if key in allowed:
            continue
        name = to_snake(key)
        field = serializer.fields.get(name)
        if field is None or field.read_only:
            errors[name] = [_("Unknown query parameter '%(name)s'.") % {"name": key}]
        elif isinstance(field, serializers.ListField):
            raw[name] = [part for value in values for part in value.split(",") if part != ""]
        elif len(values) > 1:
            errors[name] = [_("Give '%(name)s' only once.") % {"name": to_camel(name)}]
        else:
            raw[name] = values[0]
    if errors:
        raise ValidationError(errors)
    serializer = serializer_class(data=raw)
    if not serializer.is_valid():
        raise ValidationError({name: _flatten(detail) for name, detail in serializer.errors.items()})
    return dict(serializer.validated_data)


def _flatten(detail: Any) -> list[Any]:
    """A list parameter's errors come per position ({0: [...]}); the client named one parameter."""
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [detail]
