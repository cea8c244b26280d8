"""Rate limits on the live endpoints (issue #7, item 4): per participant token and per session, never per IP.

Over the limit a write answers 429 with a message in the participant's language and a Retry-After, and
stores nothing; other participants of the same session carry on.
"""

import json

import pytest

from dialogwerk.live.models import Contribution, Participant, Vote


def post(client, url, body, token=None, key=None):
    headers = {}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def api(session):
    return f"/api/v1/live/{session.code}"


@pytest.fixture
def joined(client, api):
    def make(name, language="de"):
        response = post(client, f"{api}/participants", {"display_name": name, "language": language, "consent": True})
        assert response.status_code == 201
        return response.json()["participant_token"]

    return make


def card(theme, text="Zu wenig Kitaplätze"):
    return {"kind": "situation", "theme": theme.pk, "text": text}


def test_a_participant_over_the_card_limit_gets_429_in_their_language_and_nothing_is_stored(
    client, api, joined, theme, settings
):
    settings.RATE_LIMITS = {"live.card": "2/m"}
    token = joined("Olena", "uk")
    assert post(client, f"{api}/contributions", card(theme, "eins"), token, "k1").status_code == 201
    assert post(client, f"{api}/contributions", card(theme, "zwei"), token, "k2").status_code == 201
    refused = post(client, f"{api}/contributions", card(theme, "drei"), token, "k3")
    assert refused.status_code == 429
    assert "Будь ласка, зачекайте" in refused.json()["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert sorted(Contribution.objects.values_list("text", flat=True)) == ["eins", "zwei"]


def test_the_message_is_german_for_a_german_participant(client, api, joined, theme, settings):
    settings.RATE_LIMITS = {"live.card": "1/m"}
    token = joined("Jonas", "de")
    post(client, f"{api}/contributions", card(theme), token, "k1")
    refused = post(client, f"{api}/contributions", card(theme, "noch eine"), token, "k2")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Sie senden sehr schnell. Bitte warten Sie")


def test_another_participant_of_the_same_session_is_not_affected(client, api, joined, theme, settings):
    settings.RATE_LIMITS = {"live.card": "1/m"}
    fast, other = joined("Schnell"), joined("Amal", "ar")
    assert post(client, f"{api}/contributions", card(theme), fast, "k1").status_code == 201
    for attempt in range(5):  # refused hits do not use up the session's share
        assert (
            post(client, f"{api}/contributions", card(theme, f"mehr {attempt}"), fast, f"x{attempt}").status_code == 429
        )
    assert post(client, f"{api}/contributions", card(theme, "Sprachkurse am Abend"), other, "k1").status_code == 201
    assert Contribution.objects.count() == 2


def test_the_session_limit_holds_across_participants(client, api, joined, theme, settings):
    settings.RATE_LIMITS = {"live.card.session": "2/m"}
    tokens = [joined(f"P{i}") for i in range(3)]
    assert post(client, f"{api}/contributions", card(theme, "a"), tokens[0], "k").status_code == 201
    assert post(client, f"{api}/contributions", card(theme, "b"), tokens[1], "k").status_code == 201
    assert post(client, f"{api}/contributions", card(theme, "c"), tokens[2], "k").status_code == 429
    assert Contribution.objects.count() == 2


def test_a_participant_over_the_vote_limit_gets_429_and_no_dot_is_placed(
    client, api, joined, theme, settings, session, moderator
):
    from dialogwerk.live import services

    settings.RATE_LIMITS = {"live.vote": "3/m"}
    writer = joined("Schreiber")
    ids = [
        post(client, f"{api}/contributions", card(theme, f"Karte {i}"), writer, f"c{i}").json()["id"] for i in range(3)
    ]
    services.voting_open(actor=moderator, session=session, title="Punkte", all_cards=True, budget=5)
    voter, other = joined("Wählerin", "tr"), joined("Andere")
    assert post(client, f"{api}/votes", {"contribution": ids[0]}, voter, "v1").status_code == 201
    assert post(client, f"{api}/votes", {"contribution": ids[1]}, voter, "v2").status_code == 201
    taken_back = client.delete(f"{api}/votes/{ids[1]}", HTTP_AUTHORIZATION=f"Bearer {voter}")
    assert taken_back.status_code == 200  # taking a dot back counts as well
    refused = post(client, f"{api}/votes", {"contribution": ids[2]}, voter, "v3")
    assert refused.status_code == 429 and "Lütfen" in refused.json()["detail"]
    assert Vote.objects.filter(participant__display_name="Wählerin", withdrawn_at__isnull=True).count() == 1
    assert post(client, f"{api}/votes", {"contribution": ids[2]}, other, "v1").status_code == 201


def test_joining_is_limited_per_session_and_stores_no_participant(
    client, api, joined, settings, session, moderator, dialogue
):
    from dialogwerk.live import services

    settings.RATE_LIMITS = {"live.join": "2/m"}
    joined("Eins")
    joined("Zwei")
    refused = post(client, f"{api}/participants", {"display_name": "Drei", "language": "ru", "consent": True})
    assert refused.status_code == 429 and "Пожалуйста, подождите" in refused.json()["detail"]
    assert Participant.objects.count() == 2
    other_session = services.session_create(
        actor=moderator, dialogue=dialogue, title="Zweiter Abend", method="world_cafe"
    )
    elsewhere = post(
        client, f"/api/v1/live/{other_session.code}/participants", {"display_name": "Drei", "consent": True}
    )
    assert elsewhere.status_code == 201  # another session counts on its own


def test_the_default_limits_let_a_busy_participant_write(client, api, joined, theme):
    token = joined("Fleißig")
    for number in range(12):  # a card every five seconds for a whole minute, sent at once after a dead spot
        assert (
            post(client, f"{api}/contributions", card(theme, f"Karte {number}"), token, f"k{number}").status_code == 201
        )


def test_the_schema_declares_the_429(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path, method in (
        ("/api/v1/live/{code}/participants", "post"),
        ("/api/v1/live/{code}/contributions", "post"),
        ("/api/v1/live/{code}/votes", "post"),
        ("/api/v1/live/{code}/votes/{contribution_id}", "delete"),
    ):
        assert "429" in schema["paths"][path][method]["responses"], path
