"""Links that name the reader's language (`?lang=ar`), from a participant's phone, a printed QR code or a
poster: the public pages remember it (the language cookie, as the switcher does) and send to the clean URL."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers


def _without_language(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("lang", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def language_remembered(request: HttpRequest) -> HttpResponse | None:
    """The redirect that remembers `?lang=`; None without (or with an unknown) language."""
    if request.GET.get("lang", "") not in dict(settings.LANGUAGES):
        return None
    response = redirect(_without_language(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        request.GET["lang"],
        max_age=60 * 60 * 24 * 365,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    add_never_cache_headers(response)
    return response
