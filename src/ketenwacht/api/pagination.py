"""Page-number pagination: ``?page=2&pageSize=100`` → ``{count, next, previous, results}``.

The total is also sent as the ``X-Total-Count`` header. A malformed ``page`` or ``pageSize``
is a 400 naming the parameter; a page past the last one is a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

if TYPE_CHECKING:  # importing DRF's views here would be circular (settings load this module)
    from rest_framework.views import APIView


def _positive_int(raw: str, name: str, maximum: int | None = None) -> int:
    value = raw.strip()
    if not value.isdigit() or int(value) < 1:
        raise ValidationError({name: [_("Enter a whole number of at least 1.")]}, code="invalid")
    number = int(value)
    if maximum is not None and number > maximum:
        raise ValidationError({name: [_("At most %(max)d.") % {"max": maximum}]}, code="max_value")
    return number


class DefaultPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 500

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        # The error names the query parameter as the client wrote it (camelCase already).
        return _positive_int(raw, self.page_size_query_param, self.max_page_size)

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: APIView | None = None) -> list[Any]:
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        raw = request.query_params.get(self.page_query_param, "")
        if raw in ("", *self.last_page_strings):
            number = paginator.num_pages if raw else 1
        else:
            number = _positive_int(raw, self.page_query_param)
        try:
            self.page = paginator.page(number)
        except InvalidPage as exc:
            raise NotFound(
                _("Page %(page)d does not exist; the last page is %(last)d.")
                % {"page": number, "last": paginator.num_pages}
            ) from exc
        return list(self.page)

    def get_paginated_response(self, data: list[Any]) -> Response:
        response = super().get_paginated_response(data)
        response["X-Total-Count"] = str(self.page.paginator.count)
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        for key in ("next", "previous"):
            result["properties"][key]["example"] = f"https://ketenwacht.example/api/v1/suppliers?page={4 if key == 'next' else 2}"
        result["required"] = ["count", "next", "previous", "results"]
        return result
