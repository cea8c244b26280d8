"""A participant downloads and erases their own data with their token; nobody else's."""

import pytest

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Contribution, Participant
from dialogwerk.privacy.models import ErasureRecord

pytestmark = pytest.mark.django_db


def test_a_participant_exports_their_own_data(client, session, person):
    participant, token = person
    response = client.get(f"/api/v1/privacy/live/{session.code}/me/export", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    body = response.json()
    assert body["participant"]["display_name"] == "Zeynep Kaya" and len(body["cards"]) == 2


def test_a_participant_erases_themselves_and_the_token_stops_working(client, session, person):
    participant, token = person
    response = client.delete(f"/api/v1/privacy/live/{session.code}/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 204
    participant.refresh_from_db()
    assert participant.display_name == "" and participant.perspective == ""
    assert Contribution.objects.filter(participant=participant).count() == 2
    assert ErasureRecord.objects.get().reason == "self_service"
    again = client.get(f"/api/v1/privacy/live/{session.code}/me/export", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert again.status_code == 401


def test_the_token_of_another_event_is_refused(client, dialogue, moderator, session, person):
    other = live_services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend")
    _participant, token = person
    response = client.delete(f"/api/v1/privacy/live/{other.code}/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403
    assert Participant.objects.get(pk=person[0].pk).display_name == "Zeynep Kaya"


def test_no_token_answers_401(client, session):
    assert client.get(f"/api/v1/privacy/live/{session.code}/me/export").status_code == 401
