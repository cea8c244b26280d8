"""What every router of the REST API shares: who is calling (token or session), the error shape, paging.

An app's `api.py` uses it like this::

    from dialogwerk.apitokens.api_kit import ERRORS, READ_ERRORS, Page, staff_auth

    router = Router(tags=["measures"], auth=staff_auth)

    @router.get("/dialogues/{dialogue_id}/measures/", response={200: list[MeasureOut], **READ_ERRORS})
    @paginate(Page)
    def measure_list(request, dialogue_id: int): ...

Handlers raise `Http404`, `PermissionDenied` and Django's `ValidationError`; `dialogwerk/api.py` turns
them into the JSON error shape (`Error`) with a German message by default.
"""

from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Schema
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer, SessionAuth
from pydantic import field_validator

from dialogwerk.core import ratelimit

from . import selectors, services

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Ids beyond what the databases store would overflow SQLite's integers (a 500): bound them in the schema.
MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


class InputSchema(Schema):
    """Base of every request body: text without NUL characters or lone surrogates (the databases refuse
    them with an error, and no person types them)."""

    @field_validator("*", mode="after")
    @classmethod
    def storable_text(cls, value):
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError(gettext("Text must not contain NUL characters."))
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(gettext("Text must be valid Unicode.")) from None
        return value


class Error(Schema):
    """Every error of the API: a message for people, and per-field messages for bad input."""

    detail: str = Field(description="What went wrong, in the caller's language (German by default).")
    errors: dict[str, list[str]] | None = Field(
        None, description="Messages per input field (dotted path, e.g. `title`), for bad input (422) only."
    )


# Declared on every operation so that the OpenAPI schema tells the whole truth (schemathesis checks it).
READ_ERRORS = {401: Error, 403: Error, 404: Error, 422: Error, 429: Error}
ERRORS = READ_ERRORS  # writes answer the same codes; an operation adds its own (409) where it has them

MESSAGES = {
    "unauthenticated": _("Please authenticate: log in, or send a personal access token as “Authorization: Bearer …”."),
    "read_only_token": _("This token may only read. Create a token with the scope “read and write” to change data."),
    "forbidden": _("Your role does not allow this."),
    "not_found": _("Not found, or not visible to you."),
    "invalid": _("Some input is not valid. Please check the fields named in “errors”."),
    "bad_request": _("The request could not be read."),
    "in_use": _("This cannot be removed while other records still refer to it."),
    "csrf": _("The CSRF check failed. Send the X-CSRFToken header with the value of the csrftoken cookie."),
    "method_not_allowed": _("This address does not answer this method. Allowed: %(methods)s."),
}


# Loaders for path parameters that name a tenant object ("dialogue_id" → get_dialogue_for_user). They run
# right after authentication, before the body is parsed: an outsider gets 404 for another municipality's
# object whatever else the request holds, and a handler that forgot its check cannot leak. Handlers still
# load (and check roles) through their selectors as usual.
PATH_GUARDS: dict[str, Callable[[Any, int], object]] = {}


def register_path_guard(name: str, loader: Callable[[Any, int], object]) -> None:
    """`register_path_guard("dialogue_id", lambda user, pk: get_dialogue_for_user(user=user, dialogue_id=pk))`"""
    PATH_GUARDS[name] = loader


def guard_path(request: HttpRequest, user) -> None:
    match = getattr(request, "resolver_match", None)
    for name, raw in match.kwargs.items() if match else ():
        loader = PATH_GUARDS.get(name)
        if loader is not None and str(raw).isdigit() and 1 <= int(raw) <= MAX_ID:
            loader(user, int(raw))  # raises Http404 for what the user may not see


class ReadOnlyToken(Exception):
    """A read-only token tried to change something (answered 403 by dialogwerk/api.py)."""


class StaffToken(HttpBearer):
    """`Authorization: Bearer dwk_…`: a personal access token acts as its user, within its scope."""

    openapi_description = "A personal access token, created under /konto/tokens/."

    def authenticate(self, request: HttpRequest, token: str):
        access = selectors.active_token_for_secret(secret=token)
        if access is None:
            return None
        if request.method not in SAFE_METHODS and not access.may_write:
            raise ReadOnlyToken
        ratelimit.hit("api.user", f"user:{access.user_id}")  # scripts: RateLimited answers 429
        services.token_mark_used(token=access)
        request.user = access.user
        request.access_token = access
        guard_path(request, access.user)
        return access.user


class StaffSession(SessionAuth):
    """The browser's login session; writes need the CSRF token (header X-CSRFToken)."""

    openapi_description = "The session cookie of a logged-in browser; writes need the X-CSRFToken header."

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            guard_path(request, user)
            return user
        return None


staff_token = StaffToken()
staff_session = StaffSession(csrf=True)
# Tried in order: a token first, so a script sending a token is never mistaken for a browser.
staff_auth = [staff_token, staff_session]


class Page(PageNumberPagination):
    """`?page=2&page_size=20`; at most 100 per page, 50 by default."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=100, **kwargs)
