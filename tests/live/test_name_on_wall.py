"""The join page promises that the wall shows no name; only the participant's own choice lifts that."""

import json
from html import escape

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from dialogwerk.live import selectors
from dialogwerk.live.models import LiveEvent, Participant


def join_by_page(session, language: str, **extra) -> Client:
    phone = Client()
    phone.get(f"/j/{session.code}/", {"lang": language})
    response = phone.post(
        f"/j/{session.code}/", {"display_name": "Karin", "language": language, "consent": "on", **extra}
    )
    assert response.status_code == 302
    return phone


def write_card(phone: Client, session, theme, text: str) -> None:
    response = phone.post(
        f"/j/{session.code}/live/",
        {"action": "card", "kind": "idea", "theme": theme.pk, "text": text, "key": text[:20]},
    )
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_join_page_and_the_wall_keep_the_same_promise_in_every_language(
    client_for, moderator, session, theme, language
):
    join_page = Client().get(f"/j/{session.code}/", {"lang": language}, follow=True).content.decode()
    with translation.override(language):
        label = translation.gettext("Show my name on the wall")
        promise = translation.gettext(
            "Leave empty to take part anonymously. The wall shows no names unless you choose so below."
        )
    assert label != "Show my name on the wall" or language == "en"  # translated in every language
    assert escape(promise) in join_page
    # The choice is offered, and off until the participant ticks it.
    checkbox = join_page.split('name="name_on_wall"')[1].split(">")[0]
    assert "checked" not in checkbox and escape(label) in join_page

    write_card(join_by_page(session, language), session, theme, "Ohne Namen an der Wand")
    write_card(join_by_page(session, language, name_on_wall="on"), session, theme, "Mit Namen an der Wand")

    wall = client_for(moderator).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    without, with_name = wall.split("Ohne Namen an der Wand")[1], wall.split("Mit Namen an der Wand")[1]
    assert "Karin" not in without.split("</li>")[0]
    assert "Karin" in with_name.split("</li>")[0]
    assert wall.count("Karin") == 1


def test_no_name_travels_to_the_screens_unless_chosen(session, join, card_of):
    quiet, _token = join(session, "Karin", "de")
    card = card_of(session, quiet, text="Mehr Sprachkurse")
    events = [event.payload for event in LiveEvent.objects.filter(session=session, kind="card")]
    assert events and all(payload["author"] == "" for payload in events)
    assert "Karin" not in json.dumps(events)
    assert selectors.card_data(card)["author"] == ""


def test_the_api_join_can_choose_the_name_on_the_wall(client, session, theme):
    api = f"/api/v1/live/{session.code}"
    joined = client.post(
        f"{api}/participants",
        json.dumps({"display_name": "Olena", "language": "uk", "consent": True, "name_on_wall": True}),
        content_type="application/json",
    )
    assert joined.status_code == 201 and joined.json()["participant"]["name_on_wall"] is True
    token = joined.json()["participant_token"]
    card = client.post(
        f"{api}/contributions",
        json.dumps({"kind": "idea", "theme": theme.pk, "text": "Ein Sprachcafé"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert card.json()["author"] == "Olena"


def test_an_anonymous_participant_cannot_show_an_empty_name(session, join):
    from dialogwerk.live import services

    participant, _token = services.participant_join(session=session, display_name="  ", consent=True, name_on_wall=True)
    assert Participant.objects.get(pk=participant.pk).name_on_wall is False
