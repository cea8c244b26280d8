"""The REST API under /api/v1/: one router per app, added here. OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Staff authenticate with a personal access token (`Authorization: Bearer dwk_…`) or their browser session
(writes need the CSRF header); participants of a live event with their participant token. Every error is
JSON `{"detail": "…", "errors": {"field": ["…"]} | null}` in the caller's language (German by default).
How an app adds its router: docs/api.md.
"""

import functools
import mimetypes
from pathlib import Path

import ninja
from asgiref.sync import iscoroutinefunction
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import URLPattern, path, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from dialogwerk.apitokens import errors
from dialogwerk.apitokens.api import router as tokens_router
from dialogwerk.apitokens.api_kit import MESSAGES
from dialogwerk.apitokens.municipalities_api import router as tenancy_router
from dialogwerk.design.api import router as design_router
from dialogwerk.dialogues.api import router as dialogues_router
from dialogwerk.funding.api import router as funding_router
from dialogwerk.live.api import router as live_router
from dialogwerk.live.staff_api import router as live_staff_router
from dialogwerk.measures.api import router as measures_router
from dialogwerk.preparation.api import router as preparation_router
from dialogwerk.privacy.api import router as privacy_router
from dialogwerk.synthesis.api import router as synthesis_router

# Swagger UI as django-ninja ships it, served by us: ninja would load it from a CDN (it is not an installed
# app), which our Content-Security-Policy blocks — the docs page would stay empty.
DOCS_ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
DOCS_ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png"})


class LocalSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        # The settings go in as JSON data (json_script), read by ninja's swagger-ui-init.js: no inline script.
        return render(request, "apitokens/api_docs.html", {"api": api, "swagger_settings": settings})


def docs_asset(request: HttpRequest, name: str):
    if name not in DOCS_ASSETS:
        return api._not_found(request)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse((DOCS_ASSETS_DIR / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


class DialogwerkAPI(NinjaAPI):
    """Every answer under /api/v1/ is JSON in the error shape, also where django-ninja answers outside its
    exception handlers: a method the path does not have (405, with `Allow`), a path that does not exist and the
    bare root /api/v1/ (404)."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = self._json_not_allowed(pattern.callback)
        return [
            *patterns,
            path("docs/assets/<str:name>", docs_asset, name="docs_asset"),
            re_path(r"", csrf_exempt(self._not_found), name="not_found"),
        ]

    def _json_not_allowed(self, view):
        def answer(request: HttpRequest, response):
            if isinstance(response, HttpResponseNotAllowed):
                allowed = response["Allow"]
                detail = str(MESSAGES["method_not_allowed"]) % {"methods": allowed}
                response = self.create_response(request, {"detail": detail, "errors": None}, status=405)
                response["Allow"] = allowed
            return response

        # functools.wraps keeps csrf_exempt: the API checks CSRF itself (StaffSession).
        if iscoroutinefunction(view):  # the live participant API's async operations

            @functools.wraps(view)
            async def wrapped_async(request: HttpRequest, *args, **kwargs):
                return answer(request, await view(request, *args, **kwargs))

            return wrapped_async

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            try:
                response = view(request, *args, **kwargs)
            except Http404:  # ninja's root view /api/v1/ raises it outside any operation
                return self._not_found(request)
            return answer(request, response)

        return wrapped

    def _not_found(self, request: HttpRequest, *args, **kwargs):
        return self.create_response(request, {"detail": str(MESSAGES["not_found"]), "errors": None}, status=404)


api = DialogwerkAPI(
    title="Dialogwerk API",
    version="1",
    description=(
        "The REST API of Dialogwerk. Staff send a personal access token (create one under /konto/tokens/) as "
        "`Authorization: Bearer dwk_…`; the scope `read` allows GET only. Every error answers "
        '`{"detail": message, "errors": {field: [messages]} | null}`; messages are German unless the '
        "language cookie says otherwise. Lists are paged with `?page=` and `?page_size=` (at most 100)."
    ),
    urls_namespace="api",
    docs_url="/docs",
    docs=LocalSwagger(),
)
api.add_router("/live/", live_router)
api.add_router("/", tenancy_router)
api.add_router("/", dialogues_router)
api.add_router("/", tokens_router)
api.add_router("/", preparation_router)
api.add_router("/", design_router)
api.add_router("/", synthesis_router)
api.add_router("/", measures_router)
api.add_router("/", live_staff_router)
api.add_router("/", funding_router)
api.add_router("/privacy/", privacy_router)

errors.install(api)
