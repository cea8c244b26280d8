"""URL parameters of the live event's pages, filled with objects of the other municipality."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from dialogwerk.live import services
from dialogwerk.live.models import FlipchartPhoto, Method
from tests.tenant_walk import url_kwarg

# The join and participant pages and the participant API are public, scoped by the join code and the
# participant's token (tests/live/test_participant_isolation.py checks that scoping).
PUBLIC_URL_NAMES = {
    "live:join_start",
    "live:service_worker",
    "live:join",
    "live:participant",
    "api:live_session",
    "api:live_participants",
    "api:live_contributions",
    "api:live_votes",
    "api:live_vote",
    "api:live_results",
    "api:live_me",
    "api:live_options",
    "api:live_events",
}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()  # a tiny flipchart photo


def _session(context: dict):
    if "live_session" not in context:
        context["live_session"] = services.session_create(
            actor=context["user"], dialogue=context["dialogue"], title="Geheime Sitzung B", method=Method.WORLD_CAFE
        )
    return context["live_session"]


@url_kwarg("session_id")
def session_id(context: dict) -> int:
    return _session(context).pk


@url_kwarg("code")
def code(context: dict) -> str:
    return _session(context).code


@url_kwarg("contribution_id")
def contribution_id(context: dict) -> int:
    session = _session(context)
    if "live_card" not in context:
        context["live_card"], _created = services.contribution_submit(
            session=session,
            author_user=context["user"],
            kind="idea",
            theme_id=session.dialogue.themes.first().pk,
            text="Geheime Karte B",
        )
    return context["live_card"].pk


@url_kwarg("voting_id")
def voting_id(context: dict) -> int:
    session = _session(context)
    if "live_voting" not in context:
        context["live_voting"] = services.voting_open(
            actor=context["user"], session=session, title="Geheime Abfrage B", all_cards=True, budget=3
        )
    return context["live_voting"].pk


@url_kwarg("photo_id")
def photo_id(context: dict) -> int:
    session = _session(context)
    photo = FlipchartPhoto(session=session, uploaded_by=context["user"])
    photo.image.save("flipchart.png", ContentFile(PNG), save=True)
    return photo.pk


@url_kwarg("language")
def language(context: dict) -> str:
    """A card's translation into German: the card (of the other municipality) decides the 404, not the language."""
    return "de"
