"""API exceptions beyond DRF's own. Kept apart from ``errors`` (which imports DRF's views, and
DRF's views load our parser and authentication classes: importing ``errors`` from them would be
circular)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The change conflicts with existing data; reload and try again.")
    default_code = "conflict"
