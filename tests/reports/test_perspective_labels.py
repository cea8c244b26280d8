"""Perspectives are stored as keys ("refugee"); every document and page names them in words, never the key."""

import pytest
from django.utils import timezone

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method, Participant
from dialogwerk.reports import services

from .readback import docx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening(dialogue, moderator):
    session = live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )
    for number, perspective in enumerate(["refugee", "refugee", "volunteer", "concerned", ""]):
        Participant.objects.create(
            session=session,
            token_hash=f"hash-{number}",
            perspective=perspective,
            consented_at=timezone.now(),
            notice_version="1",
        )
    return session


def test_the_documentation_names_perspectives_in_words(dialogue, evening):
    text = docx_text(services.render(dialogue=dialogue, kind="documentation", format="docx"))
    assert "Geflüchtete 2" in text and "Ehrenamtliche 1" in text and "Anwohnende mit Sorgen 1" in text
    assert "refugee" not in text and "volunteer" not in text and "concerned" not in text


def test_a_participant_reads_their_perspective_as_the_join_form_offered_it(client, evening):
    client.post(
        f"/j/{evening.code}/", {"display_name": "Amal", "language": "ar", "perspective": "refugee", "consent": "on"}
    )
    html = client.get(f"/j/{evening.code}/meine-daten/").content.decode()
    assert "جئت إلى هنا لاجئاً/لاجئة" in html and ">refugee<" not in html
