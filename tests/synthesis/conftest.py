"""A live session with cards for the results' tests."""

import pytest

from dialogwerk.live import services as live_services


@pytest.fixture
def live_session(dialogue, consultant):
    return live_services.session_create(actor=consultant, dialogue=dialogue, title="Dialogtag")


@pytest.fixture
def make_card(live_session, consultant):
    themes = list(live_session.dialogue.themes.all())

    def make(text: str, *, kind: str = "idea", theme: int = 0, language: str = "de"):
        card, _created = live_services.contribution_submit(
            session=live_session, author_user=consultant, kind=kind, theme_id=themes[theme].pk, text=text, language=language
        )
        return card

    return make
