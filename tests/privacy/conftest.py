"""Fixtures of data protection: a live session with a participant who wrote cards and placed dots."""

import pytest

from dialogwerk.live import db_threads
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method


@pytest.fixture(autouse=True)
def _api_writes_in_the_test_thread(monkeypatch):
    monkeypatch.setattr(db_threads, "DB_THREADS", None)


@pytest.fixture
def session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


@pytest.fixture
def person(session):
    """A participant with two cards and a dot; returns (participant, token)."""
    participant, token = live_services.participant_join(
        session=session, display_name="Zeynep Kaya", language="tr", consent=True, perspective="Nachbarschaft"
    )
    theme = session.dialogue.themes.order_by("position").first()
    for text in ("Mehr Sprachkurse am Abend", "Ein Begegnungscafé"):
        live_services.contribution_submit(
            session=session, participant=participant, kind="idea", theme_id=theme.pk, text=text
        )
    return participant, token
