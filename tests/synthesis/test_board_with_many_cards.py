"""The bundling board with more loose cards than one page: it reads whole cards only for the page and the
suggestions shown (docs/performance.md), and still shows and filters every card it should."""

import random

from dialogwerk.live.models import Contribution
from dialogwerk.synthesis import views as synthesis_views
from tests.worker import run_worker


def board_url(dialogue):
    return f"/dialoge/{dialogue.pk}/buendeln/"


def filler(session, theme, count: int) -> list[Contribution]:
    """Cards of unrelated letters, so that none of them is suggested together with another."""
    rng = random.Random(5)
    words = lambda: " ".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(7)) for _ in range(3))  # noqa: E731
    return Contribution.objects.bulk_create(
        Contribution(session=session, kind="idea", theme=theme, text=words(), language="de") for _ in range(count)
    )


def test_a_suggestion_shows_its_cards_when_they_are_on_a_later_page(
    client_for, consultant, dialogue, live_session, make_card
):
    first_theme = dialogue.themes.order_by("position").first()
    filler(live_session, first_theme, synthesis_views.CARDS_PER_PAGE + 5)
    kita = [
        make_card("Es fehlen Kita-Plätze für die Kinder", theme=1),
        make_card("Zu wenige Plätze in der Kita", theme=1),
        make_card("Kitaplätze fehlen im Neubaugebiet", theme=1),
    ]  # the second theme: after the filler, on page 2

    client = client_for(consultant)
    client.get(board_url(dialogue))
    run_worker()
    html = client.get(board_url(dialogue)).content.decode()

    suggestions, loose = html.split('id="suggestions-heading"')[1].split('id="unbundled-heading"')
    assert "Diese 3 Karten sagen fast dasselbe" in suggestions
    for card in kita:
        assert card.text in suggestions and f'name="cards" value="{card.pk}"' in suggestions
        assert f'id="karte-{card.pk}"' not in loose  # page 1 of the loose cards lists the filler
    assert f"Noch nicht gebündelt ({synthesis_views.CARDS_PER_PAGE + 5 + 3})" in html


def test_the_theme_filter_counts_and_lists_only_that_themes_cards(
    client_for, consultant, dialogue, live_session, make_card
):
    first_theme = dialogue.themes.order_by("position").first()
    filler(live_session, first_theme, 4)
    other = make_card("Mehr Sprachkurse am Abend anbieten", theme=1)

    html = client_for(consultant).get(board_url(dialogue), {"theme": other.theme_id}).content.decode()

    assert "Noch nicht gebündelt (1)" in html
    assert f'id="karte-{other.pk}"' in html
    assert html.count('class="bundle-card"') == 1


def test_an_empty_board_says_where_the_cards_will_come_from(client_for, consultant, dialogue):
    html = client_for(consultant).get(board_url(dialogue)).content.decode()
    assert "Noch keine Karten: Die Karten kommen aus der Veranstaltung." in html


def test_an_empty_board_after_an_event_says_there_are_no_cards_yet(client_for, consultant, dialogue, live_session):
    html = client_for(consultant).get(board_url(dialogue)).content.decode()
    assert "Hier gibt es noch keine Karten." in html
    assert "kommen aus der Veranstaltung" not in html
