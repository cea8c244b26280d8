"""The REST API under /api/v1/: one router per app, added here. OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from dialogwerk.live.api import router as live_router

api = NinjaAPI(
    title="Dialogwerk API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/live/", live_router)
