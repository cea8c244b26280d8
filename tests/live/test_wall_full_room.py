"""A wall for a full room: each column shows its newest cards and offers the older ones, the join code and
QR code are on it, and the ranking names each place in its own language, also when the card is not drawn."""

import pytest

from dialogwerk.live import selectors, services
from dialogwerk.live.selectors import WALL_COLUMN

pytestmark = pytest.mark.django_db


@pytest.fixture
def column(session, participant, theme):
    return [
        services.contribution_submit(
            session=session,
            participant=participant,
            kind="idea",
            theme_id=theme.pk,
            text=f"Idee Nummer {i:02d}",
            idempotency_key=f"i{i}",
        )[0]
        for i in range(WALL_COLUMN + 15)
    ]


def test_a_column_shows_its_newest_cards_and_offers_the_older_ones(client_for, moderator, session, theme, column):
    html = client_for(moderator).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    shown = [card for card in column if f">Idee Nummer {column.index(card):02d}<" in html]
    assert shown == column[-WALL_COLUMN:]  # the newest ten
    assert html.index("Idee Nummer 24") < html.index("Idee Nummer 15")  # newest first
    assert "Ältere Karten (15)" in html


def test_the_older_cards_come_ten_at_a_time(client_for, moderator, session, theme, column):
    client = client_for(moderator)
    url = f"/veranstaltungen/{session.pk}/wand/aeltere/"
    first = client.get(url, {"thema": theme.pk, "art": "idea", "vor": column[-WALL_COLUMN].pk}).json()
    assert [card["text"] for card in first["cards"]] == [f"Idee Nummer {i:02d}" for i in range(14, 4, -1)]
    assert first["remaining"] == 5 and all(card["author"] == "" for card in first["cards"])
    last = client.get(url, {"thema": theme.pk, "art": "idea", "vor": first["cards"][-1]["id"]}).json()
    assert len(last["cards"]) == 5 and last["remaining"] == 0
    bad = client.get(url, {"thema": theme.pk, "art": "wish", "vor": "x"})
    assert bad.status_code == 400 and "Wählen Sie ein Thema" in bad.json()["detail"]


def test_the_older_cards_stay_within_the_municipality(client_for, outsider, session, theme, column):
    response = client_for(outsider).get(
        f"/veranstaltungen/{session.pk}/wand/aeltere/", {"thema": theme.pk, "art": "idea", "vor": column[-1].pk}
    )
    assert response.status_code == 404


def test_the_wall_shows_the_join_code_and_its_qr_code(client_for, moderator, session):
    html = client_for(moderator).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    assert session.code in html and f'src="/veranstaltungen/{session.pk}/qr.svg"' in html and "QR-Code für" in html


def test_the_ranking_names_each_place_in_its_language(session, moderator, join, card_of):
    writer, _token = join(session, "", "ar")
    arabic = card_of(session, writer, text="نحتاج إلى دورات لغة في المساء", key="ar-1")
    voting = services.voting_open(actor=moderator, session=session, title="Punkte", all_cards=True, budget=3)
    voter, _token = join(session, "", "de")
    services.vote_place(participant=voter, contribution_id=arabic.pk, idempotency_key="d1")
    top = selectors.tally_snapshot(voting=voting)["top"]
    assert top == [{"id": arabic.pk, "dots": 1, "text": arabic.text, "language": "ar"}]


def test_a_hidden_card_leaves_the_ranking_with_its_dots(session, moderator, join, card_of):
    writer, _token = join(session, "", "de")
    kept, hidden = (
        card_of(session, writer, text="Bleibt", key="a"),
        card_of(session, writer, text="Verletzend", key="b"),
    )
    voting = services.voting_open(actor=moderator, session=session, title="Punkte", all_cards=True, budget=3)
    for card, key in ((kept, "d1"), (hidden, "d2"), (hidden, "d3")):
        voter, _token = join(session, "", "de")
        services.vote_place(participant=voter, contribution_id=card.pk, idempotency_key=key)
    assert [place["id"] for place in selectors.tally_snapshot(voting=voting)["top"]] == [hidden.pk, kept.pk]
    services.contribution_hide(actor=moderator, contribution=hidden, reason="verletzend")
    snapshot = selectors.tally_snapshot(voting=voting)
    assert [place["id"] for place in snapshot["top"]] == [kept.pk] and snapshot["total_dots"] == 1


def test_the_ranking_shows_the_fifteen_best_places_without_the_hidden_ones(session, moderator, join, card_of):
    writer, _token = join(session, "", "de")
    cards = [card_of(session, writer, text=f"Karte {k:02d}", key=f"c{k}") for k in range(18)]
    voting = services.voting_open(actor=moderator, session=session, title="Punkte", all_cards=True, budget=18)
    wanted = {card.pk: k // 3 + 1 for k, card in enumerate(cards)}  # 1 … 6 dots, three cards each
    for j in range(6):
        voter, _token = join(session, "", "de")
        for card in cards:
            if wanted[card.pk] > j:
                services.vote_place(participant=voter, contribution_id=card.pk, idempotency_key=f"{j}-{card.pk}")
    hidden = [cards[17], cards[3]]  # one among the best, one further down
    for card in hidden:
        services.contribution_hide(actor=moderator, contribution=card, reason="verletzend")

    snapshot = selectors.tally_snapshot(voting=voting)

    kept = sorted((card for card in cards if card not in hidden), key=lambda card: (-wanted[card.pk], card.pk))
    assert [(place["id"], place["dots"]) for place in snapshot["top"]] == [(c.pk, wanted[c.pk]) for c in kept[:15]]
    assert snapshot["top"][0]["text"] == "Karte 15"
    assert snapshot["total_dots"] == sum(wanted.values()) - wanted[cards[17].pk] - wanted[cards[3].pk]


def test_the_wall_reads_the_themes_and_the_open_vote_once(client_for, moderator, session, theme, column):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.voting_open(actor=moderator, session=session, title="Was ist am wichtigsten?", all_cards=True, budget=3)
    client = client_for(moderator)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    assert "Was ist am wichtigsten?" in html
    theme_reads = [q["sql"] for q in queries if 'FROM "dialogues_theme"' in q["sql"]]
    open_vote_reads = [q["sql"] for q in queries if 'FROM "live_dotvoting"' in q["sql"] and '"is_open"' in q["sql"]]
    assert len(theme_reads) == 1, theme_reads
    assert len(open_vote_reads) == 1, open_vote_reads
