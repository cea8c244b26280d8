"""Fixtures of the live event: a running session of the shared dialogue, and participants who joined it."""

import pytest

from dialogwerk.live import db_threads, services
from dialogwerk.live.models import Method


@pytest.fixture
def session(dialogue, moderator):
    return services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


@pytest.fixture
def theme(dialogue):
    return dialogue.themes.order_by("position").first()


@pytest.fixture
def join():
    """join(session, name="…") -> (participant, token)."""

    def make(session, display_name="", language="de"):
        return services.participant_join(session=session, display_name=display_name, language=language, consent=True)

    return make


@pytest.fixture
def participant_and_token(session, join):
    return join(session, "Amal", "ar")


@pytest.fixture
def participant(participant_and_token):
    return participant_and_token[0]


@pytest.fixture
def card_of():
    """card_of(session, participant, text) -> a visible card."""

    def make(session, participant=None, text="Zu wenig Kitaplätze", kind="situation", key=""):
        theme = session.dialogue.themes.order_by("position").first()
        card, _created = services.contribution_submit(
            session=session, participant=participant, kind=kind, theme_id=theme.pk, text=text, idempotency_key=key
        )
        return card

    return make


@pytest.fixture(autouse=True)
def api_writes_in_the_test_thread(monkeypatch):
    """The API's writes normally run on a small pool of database threads; in tests they must see the test's
    own (uncommitted) transaction, so they run in the request's thread."""
    monkeypatch.setattr(db_threads, "DB_THREADS", None)
