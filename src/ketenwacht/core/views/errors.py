"""Friendly error pages; API paths keep problem+json (handled by the API layer)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form that could not be checked: explain and let the user retry (instead of Django's page)."""
    return render(request, "403_csrf.html", status=403)
