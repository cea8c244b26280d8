"""The participant API exactly as issue #6 specifies it: join, write cards, read state and cards, vote."""

import json

import pytest

from dialogwerk.live import services
from dialogwerk.live.models import Contribution, Participant, Vote


def post(client, url, body, token=None, key=None, **extra):
    headers = {}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(url, json.dumps(body), content_type="application/json", **headers, **extra)


@pytest.fixture
def api(session):
    return f"/api/v1/live/{session.code}"


@pytest.fixture
def token(client, api):
    response = post(client, f"{api}/participants", {"display_name": "Olena", "language": "uk", "consent": True})
    assert response.status_code == 201
    return response.json()["participant_token"]


def test_joining_with_consent_gives_a_token_that_is_stored_only_hashed(client, api):
    response = post(client, f"{api}/participants", {"display_name": "Amal", "language": "ar", "consent": True})
    assert response.status_code == 201
    token = response.json()["participant_token"]
    participant = Participant.objects.get()
    assert participant.display_name == "Amal" and participant.language == "ar"
    assert participant.consented_at is not None and participant.notice_version
    assert token not in participant.token_hash


def test_joining_without_consent_is_refused_in_the_chosen_language_and_stores_nothing(client, api):
    response = post(client, f"{api}/participants", {"display_name": "Amal", "language": "de", "consent": False})
    assert response.status_code == 422
    assert "stimmen Sie dem Hinweis zu" in response.json()["detail"]
    assert Participant.objects.count() == 0


def test_joining_an_unknown_code_is_404(client, db):
    assert post(client, "/api/v1/live/NOPE99/participants", {"consent": True}).status_code == 404


def test_a_card_is_created_once_and_replayed_with_200(client, api, token, theme):
    body = {"kind": "idea", "theme": theme.pk, "text": "Ein Sprachcafé im Rathaus"}
    first = post(client, f"{api}/contributions", body, token, "key-1")
    assert first.status_code == 201
    card = first.json()
    assert (
        card["id"] and card["kind"] == "idea" and card["theme"] == theme.pk and card["author"] == ""
    )  # the wall shows no name unless chosen
    again = post(client, f"{api}/contributions", {**body, "text": "anders"}, token, "key-1")
    assert again.status_code == 200 and again.json() == card
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "wish", "text": "x"}, "kind"),
        ({"kind": "idea", "theme": 999999, "text": "x"}, "theme"),
        ({"kind": "idea", "text": "   "}, "text"),
        ({"kind": "idea", "text": "x" * 501}, "text"),
    ],
)
def test_a_bad_card_is_422_with_a_message_and_nothing_is_stored(client, api, token, theme, body, field):
    body = {"theme": theme.pk, **body}
    response = post(client, f"{api}/contributions", body, token, "bad")
    assert response.status_code == 422
    assert field in response.json()["errors"] and response.json()["detail"]
    assert Contribution.objects.count() == 0


def test_the_message_follows_the_participants_language(client, api, theme):
    token = post(client, f"{api}/participants", {"language": "ar", "consent": True}).json()["participant_token"]
    response = post(client, f"{api}/contributions", {"kind": "idea", "theme": theme.pk, "text": ""}, token, "k")
    assert response.status_code == 422
    assert "الرجاء" in response.json()["detail"] or "يرجى" in response.json()["detail"]


def test_a_too_long_card_says_how_long_it_may_be(client, api, token, theme):
    response = post(
        client, f"{api}/contributions", {"kind": "idea", "theme": theme.pk, "text": "x" * 600}, token, "long"
    )
    assert "500" in response.json()["detail"] and "600" in response.json()["detail"]


def test_a_card_without_idempotency_key_is_refused(client, api, token, theme):
    response = post(client, f"{api}/contributions", {"kind": "idea", "theme": theme.pk, "text": "x"}, token)
    assert response.status_code == 422
    assert Contribution.objects.count() == 0


def test_a_card_without_a_token_is_401(client, api, theme):
    response = post(client, f"{api}/contributions", {"kind": "idea", "theme": theme.pk, "text": "x"}, None, "k")
    assert response.status_code == 401
    response = post(client, f"{api}/contributions", {"kind": "idea", "theme": theme.pk, "text": "x"}, "forged", "k")
    assert response.status_code == 401


def test_a_closed_session_answers_409(client, api, token, theme, session, moderator):
    services.session_control(actor=moderator, session=session, action="close")
    response = post(
        client, f"{api}/contributions", {"kind": "idea", "theme": theme.pk, "text": "zu spät"}, token, "late"
    )
    assert response.status_code == 409 and response.json()["detail"]
    assert Contribution.objects.count() == 0


def test_the_state_names_themes_and_the_current_step(client, api, session, dialogue):
    state = client.get(api).json()
    assert state["code"] == session.code and state["status"] == "open"
    assert [t["name"] for t in state["themes"]] == list(
        dialogue.themes.order_by("position").values_list("name", flat=True)
    )
    assert state["current_step"]["index"] == 0 and state["current_step"]["title"] == "Runde 1"
    assert len(state["steps"]) == 3 and len(state["tables"]) == 5


def test_the_card_list_holds_only_visible_cards(client, api, session, participant, card_of, moderator):
    shown = card_of(session, participant, "sichtbar")
    hidden = card_of(session, participant, "beleidigend")
    services.contribution_hide(actor=moderator, contribution=hidden, reason="beleidigend")
    cards = client.get(f"{api}/contributions").json()
    assert [c["id"] for c in cards] == [shown.pk]


def test_voting_through_the_api(client, api, session, token, card_of, moderator):
    cards = [card_of(session, None, f"K{i}") if False else None for i in range(0)]
    participant = Participant.objects.get()
    cards = [card_of(session, participant, f"Karte {i}") for i in range(3)]
    services.voting_open(actor=moderator, session=session, title="Wichtig?", all_cards=True, budget=2)
    first = post(client, f"{api}/votes", {"contribution": cards[0].pk}, token, "d1")
    assert first.status_code == 201 and first.json()["dots_left"] == 1
    assert post(client, f"{api}/votes", {"contribution": cards[0].pk}, token, "d1").status_code == 200
    assert post(client, f"{api}/votes", {"contribution": cards[1].pk}, token, "d2").status_code == 201
    over = post(client, f"{api}/votes", {"contribution": cards[2].pk}, token, "d3")
    assert over.status_code == 409 and over.json()["detail"]
    back = client.delete(f"{api}/votes/{cards[0].pk}", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_IDEMPOTENCY_KEY="w1")
    assert back.status_code == 200 and back.json()["dots_left"] == 1
    assert post(client, f"{api}/votes", {"contribution": cards[2].pk}, token, "d4").status_code == 201
    results = client.get(f"{api}/results").json()
    assert [(p["contribution"], p["dots"], p["rank"]) for p in results["ranking"]] == [
        (cards[1].pk, 1, 1),
        (cards[2].pk, 1, 1),
        (cards[0].pk, 0, 3),
    ]
    assert Vote.objects.filter(withdrawn_at__isnull=True).count() == 2


def test_a_hidden_ranking_stays_hidden_until_the_vote_closes(client, api, session, token, card_of, moderator):
    card = card_of(session, Participant.objects.get())
    voting = services.voting_open(
        actor=moderator, session=session, title="x", all_cards=True, budget=1, visibility="after_close"
    )
    post(client, f"{api}/votes", {"contribution": card.pk}, token, "d")
    assert client.get(f"{api}/results").json()["ranking"] == []
    services.voting_close(actor=moderator, voting=voting)
    assert client.get(f"{api}/results").json()["ranking"][0]["dots"] == 1


def test_results_without_any_vote_are_404(client, api):
    assert client.get(f"{api}/results").status_code == 404


def test_a_vote_on_an_unknown_card_is_422(client, api, session, token, moderator, card_of):
    card_of(session, Participant.objects.get())
    services.voting_open(actor=moderator, session=session, title="x", all_cards=True, budget=1)
    for unknown in (99999, 2**70, "x", "-3"):
        answer = post(client, f"{api}/votes", {"contribution": unknown}, token, f"d{unknown}")
        assert answer.status_code == 422, unknown
        assert answer.json()["errors"]["contribution"] == [
            "Ця картка не бере участі в голосуванні."
        ]  # the participant speaks Ukrainian
    assert Vote.objects.count() == 0


def test_events_since_an_id_list_what_changed(client, api, session, participant, card_of):
    card = card_of(session, participant, "neu")
    events = client.get(f"{api}/events?since=0").json()
    assert events[-1]["kind"] == "card" and events[-1]["data"]["id"] == card.pk
    assert client.get(f"{api}/events?since={events[-1]['id']}").json() == []


def test_the_openapi_schema_documents_the_live_paths(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in [
        "/api/v1/live/{code}",
        "/api/v1/live/{code}/participants",
        "/api/v1/live/{code}/contributions",
        "/api/v1/live/{code}/votes",
        "/api/v1/live/{code}/votes/{contribution_id}",
        "/api/v1/live/{code}/results",
    ]:
        assert path in paths, path
    assert "409" in paths["/api/v1/live/{code}/votes"]["post"]["responses"]
    assert "422" in paths["/api/v1/live/{code}/contributions"]["post"]["responses"]
