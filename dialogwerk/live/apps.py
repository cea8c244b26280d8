from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "dialogwerk.live"
    label = "live"
    verbose_name = _("Live event")

    def ready(self):
        # Django keeps cache clients in a context-local: under ASGI one first used inside a request dies with
        # that request, so every participant's write opened a new Redis connection for its rate limit (about
        # one connection per write at 300 participants). Made here, before the server's event loop starts,
        # the client and its connection pool are inherited by every request and thread of the process.
        from django.core.cache import caches

        caches["default"]

        from . import declarations

        declarations.declare()  # its part in documents, privacy and the checklist (core/registry.py)
