"""A live session with cards, and a recorded decision, for the results' tests."""

import pytest

from dialogwerk.live import services as live_services
from dialogwerk.synthesis import services
from dialogwerk.synthesis.models import Decision


@pytest.fixture
def live_session(dialogue, consultant):
    return live_services.session_create(actor=consultant, dialogue=dialogue, title="Dialogtag")


@pytest.fixture
def make_card(live_session, consultant):
    themes = list(live_session.dialogue.themes.all())

    def make(text: str, *, kind: str = "idea", theme: int = 0, language: str = "de"):
        card, _created = live_services.contribution_submit(
            session=live_session,
            author_user=consultant,
            kind=kind,
            theme_id=themes[theme].pk,
            text=text,
            language=language,
        )
        return card

    return make


@pytest.fixture
def decision(client_for, consultant, dialogue, make_card):
    """A cluster adopted on the decisions page, with the council's session that resolved it."""
    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Kita-Plätze", cards=[make_card("Kita fehlt")]
    )
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/entscheidungen/",
        {
            "subject": f"c{cluster.pk}",
            "outcome": "adopted",
            "title": "Mehr Kita-Plätze schaffen",
            "body": "Gemeinderat, Sitzung vom 12. März 2027, TOP 7",
            "body_decided_on": "2027-03-12",
        },
    )
    assert response.status_code == 302
    return Decision.objects.get()
