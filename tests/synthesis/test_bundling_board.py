"""The bundling board: suggestions, clusters, moving cards by form (the keyboard and no-JS way)."""

from dialogwerk.live.models import Contribution, ContributionTranslation
from dialogwerk.synthesis import services
from dialogwerk.synthesis.models import CardVector, Cluster, ClusterCard, SuggestionSet
from tests.worker import run_worker


def board_url(dialogue):
    return f"/dialoge/{dialogue.pk}/buendeln/"


def kita_cards(make_card):
    return [
        make_card("Es fehlen Kita-Plätze für die Kinder"),
        make_card("Zu wenige Plätze in der Kita"),
        make_card("Kitaplätze fehlen im Neubaugebiet"),
        make_card("Mehr Sprachkurse am Abend anbieten"),
    ]


def suggestions_html(html: str) -> str:
    return html.split('id="suggestions-heading"')[1].split('class="board"')[0]


def test_the_worker_computes_the_suggestions_and_the_board_shows_them(client_for, consultant, dialogue, make_card):
    cards = kita_cards(make_card)
    client = client_for(consultant)
    first = client.get(board_url(dialogue)).content.decode()
    assert "Vorschläge werden im Hintergrund berechnet" in first and "sagen fast dasselbe" not in first
    assert client.get(board_url(dialogue), {"vorschlaege": "stand"}).json() == {"ready": False}
    assert run_worker() == 1  # one request, however often the board asked
    assert client.get(board_url(dialogue), {"vorschlaege": "stand"}).json() == {"ready": True}
    html = client.get(board_url(dialogue)).content.decode()
    assert "Diese 3 Karten sagen fast dasselbe" in html and "im Hintergrund" not in html
    assert 'name="cards" value="%d"' % cards[0].pk in html
    # Each card's vector was stored for its text, once.
    assert CardVector.objects.filter(contribution__in=cards).count() == len(cards)


def test_an_arabic_card_about_kita_places_is_suggested_with_the_german_ones(
    client_for, consultant, dialogue, make_card
):
    german = kita_cards(make_card)
    arabic = make_card("لا توجد أماكن كافية في الحضانة لأطفالنا", language="ar")
    ContributionTranslation.objects.create(
        contribution=arabic, language="de", text="Es gibt nicht genug Kitaplätze", status="machine"
    )
    unrelated = make_card("Увечері на вокзалі страшно", language="uk")
    client = client_for(consultant)
    client.get(board_url(dialogue))
    run_worker()
    suggestion_inputs = suggestions_html(client.get(board_url(dialogue)).content.decode())
    assert f'name="cards" value="{arabic.pk}"' in suggestion_inputs
    assert f'name="cards" value="{german[0].pk}"' in suggestion_inputs
    assert f'name="cards" value="{unrelated.pk}"' not in suggestion_inputs
    assert "Diese 4 Karten sagen fast dasselbe" in suggestion_inputs
    # The consultant reads the Arabic card in German too.
    assert (
        'lang="de">Es gibt nicht genug Kitaplätze <span class="muted">(maschinell übersetzt)</span>'
        in suggestion_inputs
    )


def test_a_move_shows_the_last_suggestions_without_the_moved_card_until_new_ones_are_computed(
    client_for, consultant, dialogue, make_card
):
    kita_cards(make_card)
    client = client_for(consultant)
    client.get(board_url(dialogue))
    run_worker()
    # Move the card that gives the suggestion its title.
    moved = Contribution.objects.get(pk=SuggestionSet.objects.get().suggestions[0]["card_ids"][0])
    cluster = services.cluster_create(actor=consultant, dialogue=dialogue, title="Kita")
    client.post(f"{board_url(dialogue)}karten/{moved.pk}/verschieben/", {"cluster": cluster.pk})
    html = suggestions_html(client.get(board_url(dialogue)).content.decode())
    assert "neue Vorschläge werden im Hintergrund berechnet" in html
    assert "Diese 2 Karten sagen fast dasselbe" in html and f'name="cards" value="{moved.pk}"' not in html
    assert f'value="{moved.text}"' not in html  # nor lends it its words
    run_worker()
    html = client.get(board_url(dialogue)).content.decode()
    assert "im Hintergrund" not in html and "Diese 2 Karten sagen fast dasselbe" in html


def test_an_edited_card_gets_a_new_vector(client_for, consultant, dialogue, make_card):
    cards = kita_cards(make_card)
    client = client_for(consultant)
    client.get(board_url(dialogue))
    run_worker()
    before = bytes(CardVector.objects.get(contribution=cards[3]).vector)
    cards[3].text = "Kita-Plätze fehlen überall"
    cards[3].save()
    client.get(board_url(dialogue))
    run_worker()
    assert bytes(CardVector.objects.get(contribution=cards[3]).vector) != before
    assert "Diese 4 Karten sagen fast dasselbe" in client.get(board_url(dialogue)).content.decode()


def test_a_consultant_takes_over_a_suggestion_as_a_cluster(client_for, consultant, dialogue, make_card):
    cards = kita_cards(make_card)
    response = client_for(consultant).post(
        f"{board_url(dialogue)}vorschlag/", {"title": "Kita-Plätze", "cards": [c.pk for c in cards[:3]]}
    )
    assert response.status_code == 302
    cluster = Cluster.objects.get(dialogue=dialogue)
    assert cluster.title == "Kita-Plätze" and cluster.kind == "idea" and cluster.theme == cards[0].theme
    assert set(cluster.cards.values_list("pk", flat=True)) == {c.pk for c in cards[:3]}


def test_a_card_moves_between_clusters_with_the_select_and_button(client_for, consultant, dialogue, make_card):
    card = make_card("Sprachcafé im Rathaus")
    first = services.cluster_create(actor=consultant, dialogue=dialogue, title="Sprache", cards=[card])
    second = services.cluster_create(actor=consultant, dialogue=dialogue, title="Begegnung")
    client = client_for(consultant)
    client.post(f"{board_url(dialogue)}karten/{card.pk}/verschieben/", {"cluster": second.pk})
    assert list(second.cards.all()) == [card] and not first.cards.exists()
    client.post(f"{board_url(dialogue)}karten/{card.pk}/verschieben/", {"cluster": ""})
    assert not ClusterCard.objects.exists()


def test_dissolving_a_cluster_unbundles_its_cards(client_for, consultant, dialogue, make_card):
    card = make_card("Sprachcafé im Rathaus")
    cluster = services.cluster_create(actor=consultant, dialogue=dialogue, title="Sprache", cards=[card])
    client_for(consultant).post(f"{board_url(dialogue)}buendel/{cluster.pk}/aufloesen/")
    assert not Cluster.objects.exists() and not ClusterCard.objects.exists()


def test_renaming_a_cluster_needs_a_title(client_for, consultant, dialogue, make_card):
    cluster = services.cluster_create(actor=consultant, dialogue=dialogue, title="Sprache")
    client = client_for(consultant)
    assert client.post(f"{board_url(dialogue)}buendel/{cluster.pk}/umbenennen/", {"title": ""}).status_code == 422
    assert Cluster.objects.get().title == "Sprache"
    client.post(f"{board_url(dialogue)}buendel/{cluster.pk}/umbenennen/", {"title": "Sprache lernen"})
    assert Cluster.objects.get().title == "Sprache lernen"


def test_an_empty_cluster_needs_a_title(client_for, consultant, dialogue):
    response = client_for(consultant).post(f"{board_url(dialogue)}buendel/", {"title": ""})
    assert response.status_code == 422 and not Cluster.objects.exists()


def test_a_moderator_sees_the_board_but_may_not_bundle(client_for, moderator, dialogue, make_card):
    card = make_card("Sprachcafé im Rathaus")
    client = client_for(moderator)
    html = client.get(board_url(dialogue)).content.decode()
    assert "Sprachcafé im Rathaus" in html and "card-move" not in html
    assert client.post(f"{board_url(dialogue)}buendel/", {"title": "X"}).status_code == 403
    assert client.post(f"{board_url(dialogue)}karten/{card.pk}/verschieben/", {"cluster": ""}).status_code == 403
    assert not Cluster.objects.exists()


def test_an_outsider_gets_404(client_for, outsider, dialogue, make_card):
    card = make_card("Sprachcafé im Rathaus")
    client = client_for(outsider)
    assert client.get(board_url(dialogue)).status_code == 404
    assert client.post(f"{board_url(dialogue)}karten/{card.pk}/verschieben/", {"cluster": ""}).status_code == 404


def test_a_card_of_another_dialogue_cannot_be_moved_here(client_for, consultant, dialogue, municipality, make_card):
    from dialogwerk.dialogues.services import dialogue_create

    card = make_card("Sprachcafé im Rathaus")
    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    assert (
        client_for(consultant)
        .post(f"/dialoge/{other.pk}/buendeln/karten/{card.pk}/verschieben/", {"cluster": ""})
        .status_code
        == 404
    )


def test_a_card_with_markup_in_its_text_shows_as_text(client_for, consultant, dialogue, make_card):
    loose = make_card('<script>alert(1)</script> & "Kita"')
    bundled = make_card("<b>fett</b> gesagt")
    services.cluster_create(actor=consultant, dialogue=dialogue, title="<i>Sprache</i>", cards=[bundled])
    html = client_for(consultant).get(board_url(dialogue)).content.decode()
    assert "<script>alert" not in html and "<b>fett" not in html and "<i>Sprache" not in html
    assert 'lang="de">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Kita&quot;</p>' in html
    assert "&lt;b&gt;fett&lt;/b&gt; gesagt</p>" in html
    assert "&lt;i&gt;Sprache&lt;/i&gt;</option>" in html  # the list of clusters for the "move" fields
    assert f'id="karte-{loose.pk}"' in html and f'id="karte-{bundled.pk}"' in html


def test_each_card_has_a_move_form_filled_with_its_cluster(client_for, consultant, dialogue, make_card):
    loose = make_card("Mehr Sprachkurse am Abend anbieten")
    bundled = make_card("Sprachcafé im Rathaus")
    cluster = services.cluster_create(actor=consultant, dialogue=dialogue, title="Sprache", cards=[bundled])
    html = client_for(consultant).get(board_url(dialogue) + "?kind=idea").content.decode()
    for card, value in ((loose, ""), (bundled, str(cluster.pk))):
        assert f'action="{board_url(dialogue)}karten/{card.pk}/verschieben/"' in html
        assert f'<label for="move-{card.pk}" class="visually-hidden">In Bündel verschieben</label>' in html
        assert (
            f'id="move-{card.pk}" list="cluster-choices" inputmode="numeric" pattern="[0-9]*" size="6" value="{value}"'
            in html
        )
    assert html.count('name="next_query" value="kind=idea"') >= 2  # a move keeps the filter
    assert html.count('name="csrfmiddlewaretoken"') >= 2


def test_a_bad_filter_value_is_named_and_the_whole_board_shown(client_for, consultant, dialogue, make_card):
    make_card("Mehr Sprachkurse am Abend anbieten")
    response = client_for(consultant).get(board_url(dialogue) + "?theme=abc&kind=nonsense")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ein Filter hat einen Wert, den es nicht gibt" in html
    assert "Art: Bitte eine gültige Auswahl treffen. nonsense ist keine gültige Auswahl." in html
    assert "Mehr Sprachkurse am Abend anbieten" in html
