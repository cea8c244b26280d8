"""The app as the browser tests serve it: `dialogwerk.asgi`, forgetting Django's in-process content-type
cache before each request. The tests empty the shared test database between tests, and Django then creates
the content types again under new ids; a server process that kept the old ids stored translations pointing
at content types that were gone ("FOREIGN KEY constraint failed" on the second test that translated). A
production process never sees its content types change."""

from dialogwerk.asgi import application as dialogwerk_application  # sets Django up first

# isort: split
from django.contrib.contenttypes.models import ContentType  # noqa: E402 - needs the apps loaded


async def application(scope, receive, send):
    if scope["type"] in ("http", "websocket"):
        ContentType.objects.clear_cache()
    await dialogwerk_application(scope, receive, send)
