"""NUL characters and lone surrogates, which PostgreSQL refuses (a 500 before), get a clear 4xx everywhere and
change nothing; a JSON body over the size limit gets 413, with DEBUG on too."""

import datetime
import json

import pytest

from dialogwerk.apitokens.models import Scope
from dialogwerk.apitokens.services import token_create
from dialogwerk.live import db_threads
from dialogwerk.live import services as live
from dialogwerk.live.models import Contribution, Participant
from dialogwerk.synthesis import services as synthesis

NUL = "Amal\x00"
# A lone surrogate cannot be sent as UTF-8: it arrives as a JSON escape, as a script would send it.
SURROGATE_JSON = '{"display_name": "Amal\\ud800", "consent": true, "language": "de"}'


@pytest.fixture(autouse=True)
def _api_writes_in_the_test_thread(monkeypatch):
    monkeypatch.setattr(db_threads, "DB_THREADS", None)


@pytest.fixture
def session(dialogue, moderator):
    return live.session_create(actor=moderator, dialogue=dialogue, title="Abend")


def test_a_nul_in_the_address_of_a_page_is_refused_with_a_page_that_says_why(client):
    response = client.get("/antwort/A%00/")
    assert response.status_code == 400
    assert "Zeichen, die nicht gespeichert werden können" in response.content.decode()


@pytest.mark.parametrize(
    "body",
    [json.dumps({"display_name": NUL, "consent": True, "language": "de"}), SURROGATE_JSON],
    ids=["nul", "lone surrogate"],
)
def test_joining_with_an_unstorable_name_is_refused_and_nobody_joins(client, session, body):
    response = client.post(f"/api/v1/live/{session.code}/participants", body, content_type="application/json")
    assert response.status_code == 422
    assert "nicht gespeichert werden" in response.json()["detail"] and list(response.json()["errors"]) == [
        "display_name"
    ]
    assert Participant.objects.count() == 0


def test_a_card_with_an_escaped_surrogate_is_refused_in_the_participants_language(client, session, dialogue, settings):
    _participant, token = live.participant_join(session=session, display_name="Amal", language="ar", consent=True)
    theme = dialogue.themes.first()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.post(
        f"/api/v1/live/{session.code}/contributions",
        '{"kind": "idea", "theme": %d, "text": "\\udc00 Sprachcafé"}' % theme.pk,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert response.status_code == 422 and "لا يمكن حفظها" in response.json()["detail"]
    assert Contribution.objects.count() == 0


def test_an_escaped_surrogate_pair_is_an_ordinary_character_and_accepted(client, session):
    body = '{"display_name": "Amal \\ud83d\\ude00", "consent": true, "language": "de"}'
    response = client.post(f"/api/v1/live/{session.code}/participants", body, content_type="application/json")
    assert response.status_code == 201 and Participant.objects.get().display_name == "Amal 😀"


def test_a_staff_api_filter_with_a_nul_is_refused(client, session, consultant):
    _token, secret = token_create(user=consultant, name="Skript", scope=Scope.READ)
    response = client.get(f"/api/v1/sessions/{session.pk}/cards?kind=idea%00", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 422 and "nicht gespeichert werden" in response.json()["detail"]


def test_a_working_group_report_with_a_nul_is_refused_and_the_report_stays(client_for, consultant, dialogue):
    group = synthesis.working_group_create(
        actor=consultant,
        dialogue=dialogue,
        name="AG Sprache",
        mandate="Kurse",
        proposal_due_on=datetime.date(2027, 1, 31),
    )
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/arbeitsgruppen/{group.pk}/",
        {"reported_on": "2027-01-20", "report": "Kurse am Abend", "proposals": "Sprachcafé\x00"},
    )
    assert response.status_code == 400 and "Formular" in response.content.decode()
    group.refresh_from_db()
    assert group.report == ""


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
def test_a_json_body_over_the_limit_gets_413_not_500(client, session, settings, debug):
    settings.DEBUG = debug
    body = json.dumps({"display_name": "x" * 3_000_000, "consent": True})
    response = client.post(f"/api/v1/live/{session.code}/participants", body, content_type="application/json")
    assert response.status_code == 413 and "zu groß" in response.json()["detail"]
    assert Participant.objects.count() == 0
