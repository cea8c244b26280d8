"""The ASGI entry point: HTTP through Django (the participant API through a lean handler), WebSockets
through Channels."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogwerk.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

get_asgi_application()  # sets Django up

from dialogwerk.core.lean_asgi import LeanASGIHandler, PageASGIHandler, route_by_path  # noqa: E402

# The participant API (phones writing cards and dots, hundreds a minute) skips the page middleware; the
# pages run their middleware and view in one of a few long-lived threads (PageASGIHandler).
pages = PageASGIHandler()
http_app = route_by_path(("/api/v1/live/",), lean=LeanASGIHandler(), default=pages)

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from dialogwerk.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": http_app,
        # No session or login on the sockets: a screen is let in by its session's code, and the session and
        # auth middleware read the cookie's session at every connect and wrapped every frame sent (py-spy).
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)

from dialogwerk.core.warmup import warm_up_and_freeze_heap  # noqa: E402

warm_up_and_freeze_heap()
