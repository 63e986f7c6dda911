"""The OpenAPI schema, generated once per process and language instead of on every request.

``SERVE_PUBLIC`` is on (settings.SPECTACULAR_SETTINGS): every reader gets the same document, so what
drf-spectacular builds by walking every viewset and serializer (seconds on this API) is kept. The key
holds what the document depends on: the URL configuration, the API version and the language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import get_urlconf
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response

_SCHEMAS: dict[tuple[str, str | None, str], dict[str, Any]] = {}


class CachedSchemaView(SpectacularAPIView):
    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        urlconf = str(self.urlconf or get_urlconf() or settings.ROOT_URLCONF)
        key = (urlconf, version, translation.get_language() or "")
        schema = _SCHEMAS.get(key)
        if schema is None or not self.serve_public:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            schema = generator.get_schema(request=request, public=self.serve_public)
            if self.serve_public:
                _SCHEMAS[key] = schema
        return Response(
            data=schema,
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )
