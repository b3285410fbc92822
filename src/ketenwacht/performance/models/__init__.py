"""Incidents, outages, the breach register, import mappings and webhooks."""

from ketenwacht.performance.models.records import Incident, IncidentPause, Outage, Source
from ketenwacht.performance.models.register import Breach, ImportMapping, WebhookEndpoint

__all__ = ["Breach", "ImportMapping", "Incident", "IncidentPause", "Outage", "Source", "WebhookEndpoint"]
