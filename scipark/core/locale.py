"""Chinese first: the UI language is 简体中文 unless the user chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a park officer whose
browser happens to be set to English would get an English UI; on the pages only the language cookie
that the switch sets (``set_language``) changes it.

The machine interfaces (the REST API, Open311 and the schema) have no switch: a client there states its
language with ``Accept-Language`` as HTTP intends, so there the header is followed when no cookie was
set, and a client that sends none gets Chinese."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

#: Paths of the interfaces that programs call: they follow ``Accept-Language``.
MACHINE_INTERFACES = ("/api/", "/open311/")


def request_language(request: HttpRequest) -> str:
    """The language to answer ``request`` in: the switch's cookie, else (for a program calling the API or
    Open311) Accept-Language, else ``LANGUAGE_CODE`` (zh-hans)."""
    languages = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in languages:
        return chosen
    if request.path_info.startswith(MACHINE_INTERFACES) and request.META.get("HTTP_ACCEPT_LANGUAGE"):
        return translation.get_language_from_request(request)
    return str(settings.LANGUAGE_CODE)


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Activate :func:`request_language`; the response says ``Content-Language`` and varies on
    ``Accept-Language`` (Django's ``process_response``)."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(request_language(request))
        request.LANGUAGE_CODE = translation.get_language()
