"""Sends a logged-in person whose municipality requires two-factor login, and who has none yet, to its setup.

The duty is looked up once, at login (tenancy.views.LoginView), and kept in the session: this middleware
reads only the session, so pages cost no extra query. API calls with a personal access token are not
affected (they carry no session); API calls with the session get 403.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import twofactor

ALLOWED_URL_NAMES = {"tenancy:two_factor_setup", "logout", "set_language", "login", "tenancy:login_code"}


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "session", None) is not None and request.session.get(twofactor.SETUP_REQUIRED_SESSION_KEY):
            blocked = self._blocked(request)
            if blocked is not None:
                return blocked
        return self.get_response(request)

    def _blocked(self, request):
        from django.conf import settings
        from django.urls import Resolver404, resolve

        path = request.path_info
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.view_name in ALLOWED_URL_NAMES:
            return None
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": "Two-factor login is required: switch it on under /konto/mein-konto/.", "errors": None},
                status=403,
            )
        return redirect(reverse("tenancy:two_factor_setup"))
