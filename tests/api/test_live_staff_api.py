"""The live event for staff over the REST API: sessions with their controls, cards with moderation, dot
votes with results — as the console allows, per role, and never another municipality's."""

import pytest

from dialogwerk.apitokens.models import Scope
from dialogwerk.live import services
from dialogwerk.live.models import Method
from dialogwerk.synthesis import services as synthesis


@pytest.fixture
def session(dialogue, moderator):
    return services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


@pytest.fixture
def cards(session, dialogue):
    participant, _token = services.participant_join(session=session, display_name="Amal", language="ar", consent=True)
    themes = list(dialogue.themes.order_by("position"))
    made = []
    for text, kind, theme in [
        ("Zu wenig Kitaplätze", "situation", themes[1]),
        ("Sprachcafé", "idea", themes[3]),
        ("Wohnungen fehlen", "situation", themes[0]),
    ]:
        card, _created = services.contribution_submit(
            session=session, participant=participant, kind=kind, theme_id=theme.pk, text=text
        )
        made.append(card)
    return made


def test_a_moderator_creates_lists_reads_and_renames_a_session(api_as, moderator, dialogue):
    api = api_as(moderator)
    created = api.post(
        f"/api/v1/dialogues/{dialogue.pk}/sessions/", {"title": "Werkstatt", "method": "future_workshop"}
    )
    assert created.status_code == 201
    body = created.json()
    assert body["method"] == "future_workshop" and [s["kind"] for s in body["steps"]] == ["phase"] * 3
    assert body["join_path"] == f"/j/{body['code']}/" and body["status"] == "open"
    listed = api.get(f"/api/v1/dialogues/{dialogue.pk}/sessions/").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    renamed = api.patch(f"/api/v1/sessions/{body['id']}", {"title": "Zukunftswerkstatt"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Zukunftswerkstatt"
    assert api.get(f"/api/v1/sessions/{body['id']}").json()["title"] == "Zukunftswerkstatt"


def test_a_session_takes_its_steps_from_the_agenda_when_one_exists(api_as, moderator, consultant, dialogue):
    from dialogwerk.design import services as design

    design.agenda_item_create(actor=consultant, dialogue=dialogue, title="Ankommen", duration_minutes=15)
    design.agenda_item_create(actor=consultant, dialogue=dialogue, title="Runde 1", kind="round", duration_minutes=25)
    body = api_as(moderator).post(f"/api/v1/dialogues/{dialogue.pk}/sessions/", {"title": "Abend"}).json()
    assert body["method"] == "world_cafe" and [(s["kind"], s["title"]) for s in body["steps"]] == [
        ("step", "Ankommen"),
        ("round", "Runde 1"),
    ]


def test_the_controls_run_the_session_and_refuse_what_its_state_does_not_allow(api_as, moderator, session):
    api = api_as(moderator)
    url = f"/api/v1/sessions/{session.pk}/control"
    assert api.post(url, {"action": "pause"}).status_code == 409
    started = api.post(url, {"action": "start"})
    assert (
        started.status_code == 200 and started.json()["status"] == "running" and started.json()["remaining_seconds"] > 0
    )
    assert api.post(url, {"action": "next"}).json()["current_step"] == 1
    assert api.post(url, {"action": "pause"}).json()["status"] == "paused"
    assert api.post(url, {"action": "fly"}).status_code == 422


def test_a_bad_session_is_refused_with_field_messages(api_as, moderator, dialogue):
    response = api_as(moderator).post(f"/api/v1/dialogues/{dialogue.pk}/sessions/", {"title": "", "method": "magic"})
    assert response.status_code == 422 and response.json()["errors"]


def test_cards_are_listed_with_filters_and_moderated(api_as, moderator, session, cards, dialogue):
    api = api_as(moderator)
    url = f"/api/v1/sessions/{session.pk}/cards/"
    assert api.get(url).json()["count"] == 3
    assert [c["text"] for c in api.get(url, kind="situation").json()["items"]] == [
        "Zu wenig Kitaplätze",
        "Wohnungen fehlen",
    ]
    assert [c["text"] for c in api.get(url, theme=cards[1].theme_id).json()["items"]] == ["Sprachcafé"]
    hidden = api.post(f"{url}{cards[0].pk}/hide", {"reason": "Beleidigend"})
    assert hidden.status_code == 200 and hidden.json()["hidden"] and hidden.json()["hidden_reason"] == "Beleidigend"
    assert [c["id"] for c in api.get(url, hidden="true").json()["items"]] == [cards[0].pk]
    assert api.post(f"{url}{cards[1].pk}/hide", {"reason": ""}).status_code == 422
    assert api.post(f"{url}{cards[0].pk}/unhide").json()["visible"] is True
    edited = api.patch(f"{url}{cards[2].pk}", {"text": "Bezahlbare Wohnungen fehlen"})
    assert (
        edited.status_code == 200
        and edited.json()["text"] == "Bezahlbare Wohnungen fehlen"
        and edited.json()["revisions"] == 1
    )
    assert api.patch(f"{url}{cards[2].pk}", {"theme": 999999}).status_code == 422
    assert api.get(f"{url}{cards[2].pk}").json()["author"] == "Amal"


def test_votes_are_opened_listed_read_and_closed_over_cards_and_clusters(
    api_as, moderator, consultant, session, cards, dialogue
):
    api = api_as(moderator)
    url = f"/api/v1/sessions/{session.pk}/votings/"
    opened = api.post(url, {"title": "Was zuerst?", "cards": [cards[0].pk, cards[1].pk]})
    assert (
        opened.status_code == 201
        and opened.json()["budget"] == 1
        and opened.json()["options"] == [cards[0].pk, cards[1].pk]
    )
    assert api.post(url, {"title": "Zweite", "all": True}).status_code == 409
    voting_id = opened.json()["id"]
    participant = cards[0].participant
    services.vote_place(participant=participant, contribution_id=cards[1].pk)
    detail = api.get(f"{url}{voting_id}").json()
    assert (
        detail["total_dots"] == 1
        and detail["ranking"][0]["contribution"] == cards[1].pk
        and detail["ranking"][0]["title"] == "Sprachcafé"
    )
    closed = api.post(f"{url}{voting_id}/close")
    assert closed.status_code == 200 and closed.json()["open"] is False
    cluster = synthesis.cluster_create(actor=consultant, dialogue=dialogue, title="Wohnen", cards=[cards[2]])
    over_clusters = api.post(url, {"title": "Bündel", "subject": "clusters", "clusters": [cluster.pk]})
    assert over_clusters.status_code == 201 and over_clusters.json()["subject"] == "clusters"
    assert over_clusters.json()["ranking"] == [
        {"contribution": None, "cluster": cluster.pk, "title": "Wohnen", "dots": 0, "rank": 1}
    ]
    assert [v["id"] for v in api.get(url).json()["items"]][1] == voting_id


def test_unknown_options_are_refused(api_as, moderator, session, cards):
    api = api_as(moderator)
    response = api.post(
        f"/api/v1/sessions/{session.pk}/votings/",
        {"title": "x", "subject": "clusters", "clusters": [cards[0].pk + 1000]},
    )
    assert response.status_code == 422 and "clusters" in response.json()["errors"]


def test_a_steering_member_reads_but_does_not_run(api_as, steering_member, session, cards):
    api = api_as(steering_member)
    assert api.get(f"/api/v1/sessions/{session.pk}").status_code == 200
    assert api.get(f"/api/v1/sessions/{session.pk}/cards/").status_code == 200
    assert api.post(f"/api/v1/sessions/{session.pk}/control", {"action": "start"}).status_code == 403
    assert api.post(f"/api/v1/sessions/{session.pk}/cards/{cards[0].pk}/hide", {"reason": "x"}).status_code == 403


def test_a_read_only_token_cannot_change_anything(api_as, moderator, session):
    api = api_as(moderator, Scope.READ)
    assert api.get(f"/api/v1/sessions/{session.pk}").status_code == 200
    assert api.post(f"/api/v1/sessions/{session.pk}/control", {"action": "start"}).status_code == 403


def test_another_municipality_gets_404(api_as, outsider, session, cards):
    api = api_as(outsider)
    assert api.get(f"/api/v1/sessions/{session.pk}").status_code == 404
    assert api.get(f"/api/v1/sessions/{session.pk}/cards/{cards[0].pk}").status_code == 404
    assert api.post(f"/api/v1/sessions/{session.pk}/control", {"action": "start"}).status_code == 404
    assert api.get(f"/api/v1/dialogues/{session.dialogue_id}/sessions/").status_code == 404


def test_nobody_gets_401(api_as, session):
    assert api_as(None).get(f"/api/v1/sessions/{session.pk}").status_code == 401


def test_an_interpreter_translates_a_card_over_the_api_and_bad_input_changes_nothing(
    api_as, municipality, session, cards, steering_member
):
    from dialogwerk.live.models import ContributionTranslation
    from dialogwerk.tenancy.models import Role
    from tests.conftest import make_user

    interpreter = make_user("dolmetscher@a.example", municipality, Role.INTERPRETER)
    api = api_as(interpreter)
    card = cards[0]  # written by a participant who joined in Arabic
    path = f"/api/v1/sessions/{session.pk}/cards/{card.pk}/translations/de"
    saved = api.put(path, {"text": "Zu wenige Kitaplätze (geprüft)"})
    assert saved.status_code == 200
    assert saved.json()["language"] == "de" and saved.json()["status"] == "checked"
    card.refresh_from_db()
    assert card.text == "Zu wenig Kitaplätze"  # the original stays
    assert api.put(path, {"text": ""}).status_code == 422
    assert (
        api.put(f"/api/v1/sessions/{session.pk}/cards/{card.pk}/translations/ar", {"text": "…"}).status_code == 422
    )  # its own language
    assert api.put(f"/api/v1/sessions/{session.pk}/cards/{card.pk}/translations/xx", {"text": "…"}).status_code == 422
    assert api_as(steering_member).put(path, {"text": "Anders"}).status_code == 403
    assert ContributionTranslation.objects.get(contribution=card).text == "Zu wenige Kitaplätze (geprüft)"
