"""Sections that apps above the register add to a supplier's page (contracts, assessments, …).

Like the dashboard panels: an app registers a :class:`DetailSection` in its ``AppConfig.ready()``,
so this app shows their information without importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from ketenwacht.suppliers.models import Supplier


@dataclass(frozen=True)
class DetailSection:
    key: str
    template_name: str
    context: Callable[[HttpRequest, Supplier], dict[str, Any] | None]
    order: int = 100


_sections: dict[str, DetailSection] = {}


def register_detail_section(section: DetailSection) -> None:
    _sections[section.key] = section


def render_context(request: HttpRequest, supplier: Supplier) -> list[dict[str, Any]]:
    """The sections to show on ``supplier``'s page, each as ``{"template": ..., **context}``."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request, supplier)
        if context is not None:
            shown.append({"template": section.template_name, "key": section.key, **context})
    return shown
