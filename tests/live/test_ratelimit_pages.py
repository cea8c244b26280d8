"""Rate limits on the live pages without JavaScript (issue #7): the join form and the participant page's card
and dot forms count against the same limits as the API (per participant and per session, never per IP).

Over the limit the page answers 429 with the message in the participant's language and a Retry-After, and
stores nothing.
"""

import pytest

from dialogwerk.live import services
from dialogwerk.live.models import Contribution, Participant, Vote


def join(client, session, name, language="de"):
    return client.post(f"/j/{session.code}/", {"display_name": name, "language": language, "consent": "on"})


def card(theme, text, key):
    return {"action": "card", "kind": "situation", "theme": theme.pk, "text": text, "key": key}


@pytest.fixture
def page(session):
    return f"/j/{session.code}/live/"


def test_joining_over_the_session_limit_is_429_in_the_chosen_language_and_stores_nobody(client, session, settings):
    settings.RATE_LIMITS = {"live.join": "1/m"}
    assert join(client, session, "Amal").status_code == 302
    refused = join(client, session, "Jonas", "de")
    assert refused.status_code == 429
    assert "Gerade treten sehr viele Menschen bei. Bitte warten Sie" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert list(Participant.objects.values_list("display_name", flat=True)) == ["Amal"]


def test_the_join_form_and_the_api_share_one_limit(client, session, settings):
    settings.RATE_LIMITS = {"live.join": "1/m"}
    api = client.post(
        f"/api/v1/live/{session.code}/participants",
        {"display_name": "Api", "language": "de", "consent": True},
        content_type="application/json",
    )
    assert api.status_code == 201
    assert join(client, session, "Form").status_code == 429
    assert Participant.objects.count() == 1


def test_a_participant_over_the_card_limit_gets_429_in_their_language_and_nothing_is_stored(
    client, session, theme, page, settings
):
    settings.RATE_LIMITS = {"live.card": "2/m"}
    join(client, session, "Olena", "uk")
    assert client.post(page, card(theme, "eins", "k1")).status_code == 302
    assert client.post(page, card(theme, "zwei", "k2")).status_code == 302
    refused = client.post(page, card(theme, "drei", "k3"))
    assert refused.status_code == 429
    assert "Ви надсилаєте дуже швидко. Будь ласка, зачекайте" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert sorted(Contribution.objects.values_list("text", flat=True)) == ["eins", "zwei"]


def test_another_participant_of_the_same_session_still_writes_cards(client, session, theme, page, settings):
    from django.test import Client

    settings.RATE_LIMITS = {"live.card": "1/m"}
    join(client, session, "Schnell")
    assert client.post(page, card(theme, "a", "k1")).status_code == 302
    assert client.post(page, card(theme, "b", "k2")).status_code == 429
    other = Client()
    join(other, session, "Amal", "ar")
    assert other.post(page, card(theme, "Sprachkurse am Abend", "k1")).status_code == 302
    assert sorted(Contribution.objects.values_list("text", flat=True)) == ["Sprachkurse am Abend", "a"]


def test_dots_over_the_vote_limit_are_429_in_german_and_not_stored(client, session, moderator, card_of, page, settings):
    settings.RATE_LIMITS = {"live.vote": "1/m"}
    first, second = card_of(session, None, "Karte 1"), card_of(session, None, "Karte 2")
    services.voting_open(actor=moderator, session=session, title="Wichtig?", all_cards=True, budget=3)
    join(client, session, "Jonas", "de")
    assert client.post(page, {"action": "dot", "contribution": first.pk, "key": "d1"}).status_code == 302
    refused = client.post(page, {"action": "dot", "contribution": second.pk, "key": "d2"})
    assert refused.status_code == 429
    assert "Sie senden sehr schnell. Bitte warten Sie" in refused.content.decode()
    undot = client.post(page, {"action": "undot", "contribution": first.pk, "key": "u1"})
    assert undot.status_code == 429
    assert list(Vote.objects.filter(withdrawn_at__isnull=True).values_list("contribution_id", flat=True)) == [first.pk]
