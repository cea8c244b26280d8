"""The REST API's error answers: every exception a handler may raise becomes `{"detail", "errors"}` JSON.

`install(api)` is called once by dialogwerk/api.py. Messages are translated (German by default).
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from dialogwerk.core.ratelimit import RateLimited

from .api_kit import MESSAGES, ReadOnlyToken


# Pydantic's messages are English; the common ones get ours (translated), the rest keep pydantic's text.
def _field_message(error: dict) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    known = {
        "missing": _("This field is required."),
        "string_too_long": _("At most %(max)s characters.") % {"max": context.get("max_length", "")},
        "string_too_short": _("At least %(min)s characters.") % {"min": context.get("min_length", "")},
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "int_from_float": _("Enter a whole number."),
        "string_type": _("Enter text."),
        "bool_parsing": _("Enter true or false."),
        "bool_type": _("Enter true or false."),
        "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
        "date_parsing": _("Enter a date as YYYY-MM-DD."),
        "date_type": _("Enter a date as YYYY-MM-DD."),
        "datetime_parsing": _("Enter a date and time in ISO 8601 format."),
        "datetime_from_date_parsing": _("Enter a date and time in ISO 8601 format."),
        "datetime_type": _("Enter a date and time in ISO 8601 format."),
        "enum": _("Choose one of: %(expected)s.") % {"expected": context.get("expected", "")},
        "literal_error": _("Choose one of: %(expected)s.") % {"expected": context.get("expected", "")},
        "greater_than_equal": _("At least %(ge)s.") % {"ge": context.get("ge", "")},
        "less_than_equal": _("At most %(le)s.") % {"le": context.get("le", "")},
        "extra_forbidden": _("This field is not known."),
        "model_attributes_type": _("Send a JSON object."),
        "dict_type": _("Send a JSON object."),
        "json_invalid": _("This is not valid JSON."),
    }
    if kind == "value_error" and context.get("error"):
        return str(context["error"])
    return str(known.get(kind, error.get("msg", kind)))


def _field_path(location: tuple) -> str:
    # ("body", "payload", "title") → "title"; ("query", "page") → "page"; ("path", "dialogue_id") → "dialogue_id"
    parts = [str(part) for part in location]
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    elif parts and parts[0] in {"query", "path", "header", "cookie", "form", "file"}:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    def _error(request: HttpRequest, status: int, detail: str, errors: dict | None = None) -> HttpResponse:
        return api.create_response(request, {"detail": str(detail), "errors": errors}, status=status)

    @api.exception_handler(NinjaValidationError)
    def on_invalid_input(request, exc: NinjaValidationError):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field_path(tuple(error.get("loc", ()))), []).append(_field_message(error))
        return _error(request, 422, MESSAGES["invalid"], errors)

    @api.exception_handler(DjangoValidationError)
    def on_rejected_by_a_service(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = {field: [str(message) for message in messages] for field, messages in exc.message_dict.items()}
            detail = " ".join(message for messages in errors.values() for message in messages)
            return _error(request, 422, detail, errors)
        return _error(request, 422, " ".join(str(message) for message in exc.messages))

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return _error(request, 404, MESSAGES["not_found"])

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request, exc):
        return _error(request, 403, MESSAGES["forbidden"])

    @api.exception_handler(ReadOnlyToken)
    def on_read_only_token(request, exc):
        return _error(request, 403, MESSAGES["read_only_token"])

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        response = _error(request, 401, MESSAGES["unauthenticated"])
        response["WWW-Authenticate"] = 'Bearer realm="dialogwerk"'
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        if exc.status_code == 403 and "CSRF" in str(exc):
            return _error(request, 403, MESSAGES["csrf"])
        if exc.status_code == 400:
            # A body that is not JSON at all is bad input like any other: 422, so every operation that
            # documents 422 covers it (no undocumented 400s).
            return _error(request, 422, MESSAGES["bad_request"], {"body": [_("This is not valid JSON.")]})
        detail = {403: MESSAGES["forbidden"], 404: MESSAGES["not_found"]}.get(exc.status_code, str(exc))
        return _error(request, exc.status_code, detail)

    @api.exception_handler(RateLimited)
    def on_rate_limited(request, exc: RateLimited):
        response = _error(request, 429, exc.message)
        response["Retry-After"] = str(exc.retry_after)
        return response
