"""Demo part of live: Musterstadt's evening in the town hall, join code DEMO42, with an open dot vote.

Idempotent: the session and its vote are created only when missing; nothing that exists is changed.
"""

from .models import Method, Session
from .services import session_create, voting_open

DEMO_CODE = "DEMO42"


def load(context: dict) -> None:
    dialogue = context["dialogue"]
    moderator = context["users"]["moderator"]
    session = Session.objects.filter(code=DEMO_CODE).first()
    if session is None:
        session = session_create(
            actor=moderator,
            dialogue=dialogue,
            title="Abend im Rathaus – World-Café",
            method=Method.WORLD_CAFE,
            rounds=3,
            round_minutes=25,
            code=DEMO_CODE,
        )
    if not session.votings.exists():
        voting_open(
            actor=moderator,
            session=session,
            title="Welche Punkte sind Ihnen am wichtigsten?",
            all_cards=True,
            budget=5,
            stacking=False,
        )
    context["live_session"] = session
