"""The OpenAPI schema, generated once per process and language instead of on every request.

``SERVE_PUBLIC`` is on (settings.SPECTACULAR_SETTINGS): every reader gets the same document, so what
drf-spectacular builds by walking every viewset and serializer (seconds on this API) is kept. The key
holds what the document depends on: the URL configuration, the API version and the language. A
per-user (non-public) schema is never kept.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import get_urlconf
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView

_SCHEMAS: dict[tuple[str, str | None, str], dict[str, Any]] = {}


class CachedSchemaGenerator(SchemaGenerator):
    def get_schema(self, request: Any = None, public: bool = False) -> Any:
        if not public:
            return super().get_schema(request=request, public=public)
        urlconf = str(self.urlconf or get_urlconf() or settings.ROOT_URLCONF)
        key = (urlconf, self.api_version, translation.get_language() or "")
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().get_schema(request=request, public=public)
        return _SCHEMAS[key]


class CachedSchemaView(SpectacularAPIView):
    generator_class = CachedSchemaGenerator
