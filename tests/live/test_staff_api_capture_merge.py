"""Staff capture cards and merge duplicates over the REST API (issue #7), as the console's quick capture and
merge do: moderators of the session's municipality only; bad input is a 4xx in German and changes nothing."""

import json

import pytest

from dialogwerk.apitokens.models import Scope
from dialogwerk.apitokens.services import token_create
from dialogwerk.live import services
from dialogwerk.live.models import Contribution, Method, Vote


class Staff:
    def __init__(self, client, user, scope=Scope.READ_WRITE):
        _token, secret = token_create(user=user, name="Test", scope=scope)
        self.client, self.headers = client, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def post(self, url, body, **headers):
        return self.client.post(url, json.dumps(body), content_type="application/json", **self.headers, **headers)


@pytest.fixture
def cards_url(session):
    return f"/api/v1/sessions/{session.pk}/cards/"


def test_a_moderator_captures_a_card_once_per_key(client, moderator, session, theme, cards_url):
    staff = Staff(client, moderator)
    body = {"kind": "idea", "theme": theme.pk, "text": "Sprachcafé im Rathaus"}
    created = staff.post(cards_url, body, HTTP_IDEMPOTENCY_KEY="flip-1")
    assert created.status_code == 201
    assert created.json()["text"] == "Sprachcafé im Rathaus" and created.json()["kind"] == "idea"
    replay = staff.post(cards_url, body, HTTP_IDEMPOTENCY_KEY="flip-1")
    assert replay.status_code == 200 and replay.json()["id"] == created.json()["id"]
    card = Contribution.objects.get()
    assert card.author_user == moderator and card.participant is None
    assert client.get(cards_url, **staff.headers).json()["items"][0]["id"] == card.pk


def test_bad_cards_are_refused_with_field_messages_and_not_stored(
    client, moderator, session, theme, cards_url, other_municipality
):
    staff = Staff(client, moderator)
    empty = staff.post(cards_url, {"kind": "idea", "theme": theme.pk, "text": ""})
    assert empty.status_code == 422 and "text" in empty.json()["errors"]
    unknown_kind = staff.post(cards_url, {"kind": "wish", "theme": theme.pk, "text": "x"})
    assert unknown_kind.status_code == 422 and "kind" in unknown_kind.json()["errors"]
    foreign_theme = staff.post(cards_url, {"kind": "idea", "theme": theme.pk + 10_000, "text": "x"})
    assert foreign_theme.status_code == 422 and foreign_theme.json()["detail"]
    assert Contribution.objects.count() == 0


def test_an_ended_session_takes_no_captured_cards(client, moderator, session, theme, cards_url):
    services.session_control(actor=moderator, session=session, action="close")
    refused = Staff(client, moderator).post(cards_url, {"kind": "idea", "theme": theme.pk, "text": "Zu spät"})
    assert refused.status_code == 409 and "beendet" in refused.json()["detail"]
    assert Contribution.objects.count() == 0


def test_a_moderator_merges_a_duplicate_and_its_dots_move_along(client, moderator, session, card_of, join):
    participant, _token = join(session, "Amal")
    original, duplicate = card_of(session, None, "Kitaplätze fehlen"), card_of(session, None, "Zu wenig Kitaplätze")
    voting = services.voting_open(actor=moderator, session=session, title="Wichtig?", all_cards=True, budget=3)
    services.vote_place(participant=participant, contribution_id=duplicate.pk, idempotency_key="d1")
    merged = Staff(client, moderator).post(
        f"/api/v1/sessions/{session.pk}/cards/{duplicate.pk}/merge", {"into": original.pk}
    )
    assert merged.status_code == 200 and merged.json()["merged_into"] == original.pk
    assert Vote.objects.get(voting=voting, withdrawn_at__isnull=True).contribution_id == original.pk


def test_merging_into_a_card_that_is_not_there_or_itself_is_422_and_changes_nothing(
    client, moderator, session, dialogue, card_of
):
    other_session = services.session_create(
        actor=moderator, dialogue=dialogue, title="Zweiter Abend", method=Method.WORLD_CAFE
    )
    card, elsewhere = card_of(session, None, "Karte"), card_of(other_session, None, "Andere Karte")
    staff, url = Staff(client, moderator), f"/api/v1/sessions/{session.pk}/cards/{card.pk}/merge"
    other = staff.post(url, {"into": elsewhere.pk})
    assert other.status_code == 422 and other.json()["errors"]["into"] == [
        "Geben Sie die Nummer einer anderen Karte dieser Veranstaltung an."
    ]
    itself = staff.post(url, {"into": card.pk})
    assert itself.status_code == 422 and "into" in itself.json()["errors"]
    assert staff.post(url, {"into": 0}).status_code == 422
    assert Contribution.objects.filter(merged_into__isnull=False).count() == 0


def test_a_steering_member_and_a_read_only_token_may_not_capture_or_merge(
    client, steering_member, moderator, session, theme, cards_url, card_of
):
    first, second = card_of(session, None, "eins"), card_of(session, None, "zwei")
    for staff in (Staff(client, steering_member), Staff(client, moderator, Scope.READ)):
        assert staff.post(cards_url, {"kind": "idea", "theme": theme.pk, "text": "x"}).status_code == 403
        assert staff.post(f"{cards_url}{second.pk}/merge", {"into": first.pk}).status_code == 403
    assert Contribution.objects.count() == 2 and not Contribution.objects.filter(merged_into__isnull=False).exists()


def test_another_municipality_gets_404_and_changes_nothing(client, outsider, session, theme, cards_url, card_of):
    first, second = card_of(session, None, "eins"), card_of(session, None, "zwei")
    staff = Staff(client, outsider)
    assert staff.post(cards_url, {"kind": "idea", "theme": theme.pk, "text": "x"}).status_code == 404
    assert staff.post(f"{cards_url}{second.pk}/merge", {"into": first.pk}).status_code == 404
    assert Contribution.objects.count() == 2 and not Contribution.objects.filter(merged_into__isnull=False).exists()
