"""Fixtures of the survey: a live session of the shared dialogue, and a client that joined it as a participant."""

import pytest
from django.conf import settings

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.live.views import token_cookie


@pytest.fixture
def session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


@pytest.fixture
def join():
    """join(session, language="de") -> (participant, token)."""

    def make(session, language="de", name=""):
        return live_services.participant_join(session=session, display_name=name, language=language, consent=True)

    return make


@pytest.fixture
def phone(client, session, join):
    """A participant's phone: a test client with the live token cookie of a participant who joined."""

    def make(language="de", name="Amal"):
        participant, token = join(session, language, name)
        client.cookies[token_cookie(session)] = token
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        client.participant = participant
        return client

    return make
