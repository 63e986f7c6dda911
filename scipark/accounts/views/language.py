"""The 简体中文/English switch (``/i18n/setlang/``): Django's ``set_language``, which sets the language cookie
and redirects, and for a signed-in user also keeps the choice on the account, so that their e-mail is worded
in it and a sign-in on another device opens in it (``language_cookie_set`` on the sign-in's answer)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.views import i18n

from .. import services
from ..middleware import needs_second_factor


def set_language(request: HttpRequest) -> HttpResponseBase:
    """Switch the language as Django does; a signed-in user who passed the sign-in's steps keeps it too."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER, "") if request.method == "POST" else ""
    user: Any = request.user
    # Only the site's languages are kept (Django's view also takes any language it has a catalogue for);
    # a session still at the second factor may read the pages in a language but not change the account.
    if user.is_authenticated and language in dict(settings.LANGUAGES) and not needs_second_factor(request):
        services.user_language_set(user=user, language=language)
    return response


def language_cookie_set(response: HttpResponse, language: str) -> None:
    """Set the switch's cookie on ``response``, with the settings Django's ``set_language`` uses."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
