"""The REST API under /api/v1/: one router per app, added here. OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Staff authenticate with a personal access token (`Authorization: Bearer dwk_…`) or their browser session
(writes need the CSRF header); participants of a live event with their participant token. Every error is
JSON `{"detail": "…", "errors": {"field": ["…"]} | null}` in the caller's language (German by default).
How an app adds its router: docs/api.md.
"""

from ninja import NinjaAPI

from dialogwerk.apitokens import errors
from dialogwerk.apitokens.api import router as tokens_router
from dialogwerk.design.api import router as design_router
from dialogwerk.dialogues.api import router as dialogues_router
from dialogwerk.funding.api import router as funding_router
from dialogwerk.live.api import router as live_router
from dialogwerk.live.staff_api import router as live_staff_router
from dialogwerk.measures.api import router as measures_router
from dialogwerk.preparation.api import router as preparation_router
from dialogwerk.privacy.api import router as privacy_router
from dialogwerk.synthesis.api import router as synthesis_router
from dialogwerk.tenancy.api import router as tenancy_router

api = NinjaAPI(
    title="Dialogwerk API",
    version="1",
    description=(
        "The REST API of Dialogwerk. Staff send a personal access token (create one under /konto/tokens/) as "
        "`Authorization: Bearer dwk_…`; the scope `read` allows GET only. Every error answers "
        "`{\"detail\": message, \"errors\": {field: [messages]} | null}`; messages are German unless the "
        "language cookie says otherwise. Lists are paged with `?page=` and `?page_size=` (at most 100)."
    ),
    urls_namespace="api",
    docs_url="/docs",
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
