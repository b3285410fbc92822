"""Serializer fields that speak the API's conventions."""

from __future__ import annotations

import datetime as dt

from rest_framework import serializers


class UtcDateTimeField(serializers.DateTimeField):
    """A timestamp in UTC, ISO 8601 with ``Z`` (``2025-03-01T09:30:00Z``).

    The web middleware activates the organisation's own time zone; the API must not follow it,
    so a client never has to know which zone an organisation chose.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("default_timezone", dt.UTC)
        super().__init__(*args, **kwargs)
