from __future__ import annotations

from typing import Any

from rest_framework.renderers import JSONRenderer

from ketenwacht.api.casing import camelize


class CamelCaseJSONRenderer(JSONRenderer):
    """Renders keys in camelCase; problem+json bodies keep their own content type."""

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: dict | None = None) -> bytes:
        return super().render(camelize(data), accepted_media_type, renderer_context)
