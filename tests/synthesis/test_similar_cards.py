""" "Cards like this one": a card's nearest cards by their stored sentence vectors, in every language."""

from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.live import services as live_services
from dialogwerk.live.models import ContributionTranslation
from dialogwerk.synthesis import services
from dialogwerk.synthesis.models import Cluster
from tests.worker import run_worker


def similar_url(dialogue, card):
    return f"/dialoge/{dialogue.pk}/buendeln/karten/{card.pk}/aehnliche/"


def room(make_card):
    """Cards about Kita places in German, Arabic and Ukrainian, and cards about other things."""
    return {
        "de": make_card("Es fehlen Kita-Plätze für die Kinder"),
        "ar": make_card("لا توجد أماكن كافية في الحضانة لأطفالنا", language="ar"),
        "uk": make_card("Дітям бракує місць у дитячих садках", language="uk"),
        "bus": make_card("Der Bus zur Unterkunft fährt abends nicht mehr"),
        "station": make_card("Увечері на вокзалі страшно", language="uk"),
    }


def test_the_cards_about_the_same_thing_in_other_languages_come_first(client_for, consultant, dialogue, make_card):
    cards = room(make_card)
    client = client_for(consultant)
    waiting = client.get(similar_url(dialogue, cards["de"])).content.decode()
    assert "noch nicht berechnet" in waiting  # written a moment ago: the worker computes the vectors
    run_worker()
    html = client.get(similar_url(dialogue, cards["de"])).content.decode()
    listed = html.split('class="similar-cards"')[1]
    assert cards["ar"].text in listed and cards["uk"].text in listed
    assert cards["station"].text not in listed
    assert 'lang="ar"' in listed and 'dir="auto"' in listed


def test_a_card_in_another_language_shows_its_german_translation(client_for, consultant, dialogue, make_card):
    cards = room(make_card)
    ContributionTranslation.objects.create(
        contribution=cards["ar"], language="de", text="Es gibt nicht genug Kitaplätze", status="human"
    )
    client = client_for(consultant)
    client.get(similar_url(dialogue, cards["de"]))
    run_worker()
    html = client.get(similar_url(dialogue, cards["ar"])).content.decode()
    assert "Es gibt nicht genug Kitaplätze" in html and cards["de"].text in html.split('class="similar-cards"')[1]


def test_the_loose_cards_listed_can_be_bundled_with_it(client_for, consultant, dialogue, make_card):
    cards = room(make_card)
    bundled = make_card("Kitaplätze fehlen im Neubaugebiet")
    services.cluster_create(actor=consultant, dialogue=dialogue, title="Neubaugebiet", cards=[bundled])
    client = client_for(consultant)
    client.get(similar_url(dialogue, cards["de"]))
    run_worker()
    html = client.get(similar_url(dialogue, cards["de"])).content.decode()
    assert f'name="cards" value="{cards["ar"].pk}"' in html and f'name="cards" value="{bundled.pk}"' not in html
    assert "im Bündel „Neubaugebiet“" in html
    response = client.post(
        f"/dialoge/{dialogue.pk}/buendeln/vorschlag/",
        {"title": "Kita-Plätze", "cards": [cards["de"].pk, cards["ar"].pk, cards["uk"].pk]},
    )
    assert response.status_code == 302
    cluster = Cluster.objects.get(title="Kita-Plätze")
    assert set(cluster.cards.values_list("pk", flat=True)) == {cards["de"].pk, cards["ar"].pk, cards["uk"].pk}


def test_the_board_links_every_card_to_its_similar_cards(client_for, consultant, dialogue, make_card):
    cards = room(make_card)
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/buendeln/").content.decode()
    assert f'href="{similar_url(dialogue, cards["ar"])}"' in html and "Karten wie diese" in html


def test_a_card_of_another_dialogue_is_not_found(client_for, consultant, dialogue, municipality):
    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    session = live_services.session_create(actor=consultant, dialogue=other, title="Abend")
    card, _created = live_services.contribution_submit(
        session=session, author_user=consultant, kind="idea", theme_id=other.themes.first().pk, text="Kita fehlt"
    )
    assert client_for(consultant).get(similar_url(dialogue, card)).status_code == 404
