"""Blank or look-alike entries on the wall: a card or a name made only of zero-width characters is empty,
and bidi override controls are removed (a name cannot read as another); Persian keeps its zero-width
non-joiner inside words."""

import pytest

from dialogwerk.core.entered_text import cleaned
from dialogwerk.live.models import Contribution, Participant
from tests.live.test_participant_api import api, post, token  # noqa: F401 - fixtures


@pytest.mark.parametrize("text", ["\u200b\u200b", "\u200c \u200d", "\ufeff", "\u2060\u00ad", "\u202e\u202c"])
def test_a_card_of_invisible_characters_is_refused_as_empty(client, api, token, theme, text):
    response = post(client, f"{api}/contributions", {"kind": "idea", "theme": theme.pk, "text": text}, token, "k")
    assert (
        response.status_code == 422 and "Будь ласка, напишіть щось на картці." in response.json()["detail"]
    )  # in the writer's language
    assert not Contribution.objects.exists()


def test_a_name_with_an_override_control_is_stored_without_it(client, api):
    response = post(
        client, f"{api}/participants", {"consent": True, "display_name": "\u202enimdA", "name_on_wall": True}
    )
    assert response.status_code == 201
    assert Participant.objects.get().display_name == "nimdA"
    invisible = post(client, f"{api}/participants", {"consent": True, "display_name": "\u200b\u200b"})
    assert invisible.status_code == 201 and Participant.objects.latest("id").display_name == ""  # anonymous


def test_persian_and_emoji_keep_their_joiners():
    assert cleaned("می\u200cآیم") == "می\u200cآیم"
    assert cleaned("👩\u200d👩\u200d👧") == "👩\u200d👩\u200d👧"
    assert cleaned("  Kita\u2066 für alle\u2069 ") == "Kita für alle"
