"""A vote over many cards: the phone lists a page of options at a time, loads the next in place (the API),
and without JavaScript follows a link to it. 500 cards no longer make a 600 KB page."""

import json

import pytest

from dialogwerk.live import services
from dialogwerk.live.selectors import OPTIONS_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_cards(session, participant, card_of):
    return [
        card_of(session, participant, text=f"Karte Nummer {i:03d}", key=f"k{i}") for i in range(OPTIONS_PAGE * 2 + 5)
    ]


@pytest.fixture
def vote(session, moderator, many_cards):
    return services.voting_open(
        actor=moderator, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=5
    )


@pytest.fixture
def phone(client, session):
    response = client.post(
        f"/api/v1/live/{session.code}/participants",
        json.dumps({"display_name": "Olena", "language": "uk", "consent": True}),
        content_type="application/json",
    )
    client.token = response.json()["participant_token"]
    client.cookies[f"dwlive_{session.code}"] = client.token
    return client


def options(phone, session, **query):
    return phone.get(f"/api/v1/live/{session.code}/options", query, HTTP_AUTHORIZATION=f"Bearer {phone.token}")


def test_the_page_lists_the_first_page_of_options_and_links_to_the_next(phone, session, vote, many_cards):
    html = phone.get(f"/j/{session.code}/live/", follow=True).content.decode()
    assert html.count('class="live-option"') == OPTIONS_PAGE
    assert "Karte Nummer 000" in html and f"Karte Nummer {OPTIONS_PAGE:03d}" not in html
    assert f'href="?weitere={OPTIONS_PAGE}#vote-section"' in html and "Показати більше" in html

    # Without JavaScript: the link shows the next page, and the last page has no link onwards.
    last = phone.get(f"/j/{session.code}/live/", {"weitere": OPTIONS_PAGE * 2}, follow=True).content.decode()
    assert last.count('class="live-option"') == 5 and "Karte Nummer 044" in last
    assert "more-options" not in last and "Назад на початок" in last


def test_the_api_gives_a_page_with_my_own_dots(phone, session, vote, many_cards):
    second = many_cards[OPTIONS_PAGE + 1]
    token = phone.token
    placed = phone.post(
        f"/api/v1/live/{session.code}/votes",
        json.dumps({"contribution": second.pk}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="dot-1",
    )
    assert placed.status_code == 201
    page = options(phone, session, offset=OPTIONS_PAGE).json()
    assert page["subject"] == "cards" and page["total"] == len(many_cards) and page["offset"] == OPTIONS_PAGE
    assert [o["id"] for o in page["options"]] == [card.pk for card in many_cards[OPTIONS_PAGE : OPTIONS_PAGE * 2]]
    mine = {o["id"]: o["my_dots"] for o in page["options"]}
    assert mine[second.pk] == 1 and sum(mine.values()) == 1
    assert options(phone, session, offset=999).json()["options"] == []


def test_without_an_open_vote_the_api_says_so_in_the_participants_language(phone, session):
    response = options(phone, session)
    assert response.status_code == 409 and "голосування" in response.json()["detail"]


def test_the_options_are_only_for_participants_of_this_session(client, session, vote):
    assert client.get(f"/api/v1/live/{session.code}/options").status_code == 401
    assert client.get(f"/api/v1/live/{session.code}/options", HTTP_AUTHORIZATION="Bearer nope").status_code == 401
