"""Dashboard panels: each app contributes its own, so core never imports the apps above it.

An app registers a panel in its ``AppConfig.ready()``; the dashboard renders every panel
whose ``context`` returns a dict (``None`` hides the panel) in ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    key: str
    template_name: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _panels[panel.key] = panel


def panels() -> list[Panel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))


def render_context(request: HttpRequest) -> list[dict[str, Any]]:
    """The panels to show, each as ``{"template": ..., **context}``."""
    shown = []
    for panel in panels():
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template_name, "key": panel.key, **context})
    return shown
