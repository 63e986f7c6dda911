"""GeoReport v2 errors: ``[{"code": 400, "description": "…"}]`` or ``<errors><error>…</error></errors>``."""

from __future__ import annotations

from django.http import HttpResponse

from .formats import XML, is_format, render


class Open311Error(Exception):
    """A request the API refuses: the HTTP status doubles as the error code, as the spec's examples do."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def error_response(fmt: str, status: int, description: str) -> HttpResponse:
    """The error in the requested format; an unknown format gets XML, the one format the spec requires."""
    fmt = fmt if is_format(fmt) else XML
    payload = [{"code": status, "description": description}]
    return render(fmt, payload, root="errors", status=status)
