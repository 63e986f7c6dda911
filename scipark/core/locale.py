"""Chinese first: the UI language is 简体中文 unless the user chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a park officer whose
browser happens to be set to English would get an English UI; here only the language cookie that
the switch sets (``set_language``) changes it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Activate the language from the switch's cookie, else ``LANGUAGE_CODE`` (zh-hans)."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
