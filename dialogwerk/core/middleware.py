"""Core middleware: the chosen language, and each request's id, metrics and access log line.

German first: the language a person chose (cookie) or German, never the browser's guess. Staff of a
German municipality often run English-language browsers; they expect the German UI. Anyone can switch,
and the choice is kept in the language cookie. Staff pages speak German and English only
(core.page_languages).
"""

import logging
import time

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.functional import SimpleLazyObject, empty

from . import logs, metrics, page_languages

access_log = logging.getLogger("dialogwerk.request")


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The chosen language; on a staff page that does not speak it, German and a note (see page_languages).

    The page is known only once the URL is resolved (process_view). The lean participant-API handler runs no
    view middleware: its pages are all participant pages, which keep the chosen language anyway.
    """

    def process_request(self, request):
        translation.activate(page_languages.chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_view(self, request, view_func, view_args, view_kwargs):
        chosen, code = request.LANGUAGE_CODE, page_languages.page_language(request)
        if code != chosen:
            request.language_note = chosen  # base.html says, in this language, why the page is German
            translation.activate(code)
            request.LANGUAGE_CODE = code


class RequestObservabilityMiddleware:
    """Outermost: a request id (X-Request-ID, kept or made, sent back), the metrics and one access log line.

    Sync and async capable, so it never forces an extra thread switch under ASGI. The user id is logged
    only when the request already loaded the user (no extra query); the municipality when the URL or the
    user's only membership names it.
    """

    sync_capable = True
    async_capable = True
    QUIET_ROUTES = {"healthz", "readyz", "metrics"}  # probes and scrapes: DEBUG, not INFO

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        started, token = self._begin(request)
        try:
            response = self.get_response(request)
            self._finish(request, response, started)
        finally:
            logs.end_request(token)
        return response

    async def __acall__(self, request):
        started, token = self._begin(request)
        try:
            response = await self.get_response(request)
            self._finish(request, response, started)
        finally:
            logs.end_request(token)
        return response

    def _begin(self, request):
        request.request_id = logs.new_request_id(request.headers.get("X-Request-ID"))
        return time.perf_counter(), logs.begin_request(request.request_id)

    def _finish(self, request, response, started: float) -> None:
        seconds = time.perf_counter() - started
        route = metrics.route_name(request)
        metrics.observe_request(method=request.method, route=route, status=response.status_code, seconds=seconds)
        response["X-Request-ID"] = request.request_id
        user_id, municipality_id = _acting_ids(request)
        fields = {
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "user_id": user_id,
            "municipality_id": municipality_id,
        }
        if getattr(settings, "LOG_CLIENT_IP", False):
            fields["client_ip"] = request.META.get("REMOTE_ADDR")
        level = logging.DEBUG if route in self.QUIET_ROUTES else logging.INFO
        access_log.log(
            level, "%s %s %s %.1f ms", request.method, route, response.status_code, seconds * 1000, extra=fields
        )


def _acting_ids(request) -> tuple[int | None, int | None]:
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        user = None
    elif not user.is_authenticated:
        user = None
    municipality_id = logs.current().get("municipality_id")
    match = getattr(request, "resolver_match", None)
    if municipality_id is None and match is not None:
        municipality_id = match.kwargs.get("municipality_id")
    if municipality_id is None and user is not None:
        roles = getattr(user, "_dialogwerk_roles", None) or {}
        if len(roles) == 1:
            municipality_id = next(iter(roles))
    return (user.pk if user is not None else None), municipality_id
