"""``{% audit_history object %}``: an object's history table, for any detail page.

{% load core_audit %}
{% audit_history supplier %}            {# the supplier and its children (contacts…) #}
{% audit_history supplier children=False %}
<a href="{% audit_export_url supplier %}">…</a>
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.db import models
from django.urls import reverse

from ketenwacht.core.history import history_rows
from ketenwacht.core.selectors import audit_events_for

register = template.Library()
HISTORY_LIMIT = 100


def object_type_of(instance: models.Model) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


@register.simple_tag
def audit_export_url(instance: models.Model) -> str:
    query = urlencode({"object_type": object_type_of(instance), "object_id": str(instance.pk)})
    return f"{reverse('core:audit_export')}?{query}"


@register.inclusion_tag("core/includes/history.html", takes_context=True)
def audit_history(context: template.Context, instance: models.Model, children: bool = True) -> dict[str, Any]:
    request = context.get("request")
    organisation = getattr(request, "organisation", None)
    if organisation is None or instance is None or instance.pk is None:
        return {"rows": [], "export_url": "", "truncated": False}
    events = list(
        audit_events_for(organisation, object_type_of(instance), instance.pk, children)[: HISTORY_LIMIT + 1]
    )
    return {
        "rows": history_rows(events[:HISTORY_LIMIT]),
        "export_url": audit_export_url(instance),
        "truncated": len(events) > HISTORY_LIMIT,
        "show_object": children,
        "limit": HISTORY_LIMIT,
    }
