"""One gate for input the databases cannot store: NUL characters and lone surrogates, anywhere in a request.

PostgreSQL refuses both in text (an error, a 500 before this gate) and nobody types them; they arrive from
scripts and probes. Checked once for every page, form and API endpoint, before any view runs: the path
(`/antwort/A%00/`), the query string (API filters), form fields and JSON bodies. A JSON body larger than
Django's limit is refused here too, as 413, instead of failing inside the API's exception handling.

Django already turns invalid UTF-8 in paths, queries and forms into U+FFFD; a JSON body can still carry
lone surrogates as `\\ud800` escapes, and only a body with such an escape is parsed a second time.
"""

import json
import re

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value) -> bool:
    """Whether a value, or any string in it (JSON lists and objects, keys too), cannot be stored."""
    if isinstance(value, str):
        return UNSTORABLE.search(value) is not None
    if isinstance(value, dict):
        return any(unstorable(key) or unstorable(item) for key, item in value.items())
    if isinstance(value, list):
        return any(unstorable(item) for item in value)
    return False


def unstorable_fields(value, path: str = "") -> list[str]:
    """The dotted paths (`purpose`, `items.0.title`) of a JSON value's strings that cannot be stored."""
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in unstorable_fields(item, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in unstorable_fields(item, f"{path}.{index}" if path else str(index))
        ]
    return [path or "body"] if unstorable(value) else []


def _json_body(request: HttpRequest):
    """The parsed body when it could carry an escaped NUL or surrogate; None otherwise (or when not JSON)."""
    body = request.body
    if b"\\u" not in body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None  # the API answers malformed JSON itself


def refusal(request: HttpRequest) -> HttpResponse | None:
    """The answer to a request that cannot be stored, or None for one that can."""
    if unstorable(request.path) or unstorable(dict(request.GET.lists())):
        # The API declares 422 for bad input everywhere (its schema, which clients and schemathesis read).
        status = 422 if _is_api(request) else 400
        return _answer(
            request, status, _("The address contains characters that cannot be stored (NUL or invalid Unicode).")
        )
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if request.content_type == "application/json":
        if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return _too_large(request)
        try:
            data = _json_body(request)
        except RequestDataTooBig:
            return _too_large(request)
        fields = unstorable_fields(data) if data is not None else []
        if fields:
            message = _("The text contains characters that cannot be stored (NUL or invalid Unicode).")
            return _answer(request, 422, message, errors={field: [message] for field in fields})
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        if unstorable(dict(request.POST.lists())):
            return _answer(
                request, 400, _("The form contains characters that cannot be stored (NUL or invalid Unicode).")
            )
    return None


def _too_large(request: HttpRequest) -> HttpResponse:
    megabytes = formats.number_format(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576, 1)
    return _answer(request, 413, _("The request is too large: at most %(size)s MB.") % {"size": megabytes})


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _answer(request: HttpRequest, status: int, message: str, errors: dict | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": message, "errors": errors}, status=status)
    # No request context: the page is drawn without the person's session, which this request never reached.
    return HttpResponse(render_to_string("400.html", {"message": message}), status=status)


class StorableInputMiddleware:
    """Refuses unstorable input before any view (sync and async: it does no I/O of its own)."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        return refusal(request) or self.get_response(request)

    async def __acall__(self, request):
        return refusal(request) or await self.get_response(request)
