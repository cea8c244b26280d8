"""The console's card list follows the room: console.js refetches the page on a card event and swaps the
list, so what matters is that the list is one element, and that the page knows where the socket's events
start (no replay of the whole evening on every load)."""

from dialogwerk.live import selectors, services


def _cards_section(page: str) -> str:
    return page.split('id="console-cards"')[1].split("</section>")[0]


def test_the_console_list_shows_new_hidden_and_edited_cards_when_fetched_again(
    client_for, moderator, session, participant, card_of, theme
):
    client = client_for(moderator)
    before = client.get(f"/veranstaltungen/{session.pk}/").content.decode()
    assert "Neue Karte" not in _cards_section(before)
    card = card_of(session, participant, "Neue Karte")
    assert "Neue Karte" in _cards_section(client.get(f"/veranstaltungen/{session.pk}/").content.decode())
    services.contribution_hide(actor=moderator, contribution=card, reason="Doppelt")
    after = _cards_section(client.get(f"/veranstaltungen/{session.pk}/").content.decode())
    assert "ausgeblendet" in after and "Doppelt" in after


def test_the_console_listens_from_the_last_event_on(client_for, moderator, session, participant, card_of):
    card_of(session, participant, "Schon da")
    page = client_for(moderator).get(f"/veranstaltungen/{session.pk}/").content.decode()
    config = page.split('id="live-config" type="application/json">')[1].split("</script>")[0]
    assert f'"lastEventId": {selectors.last_event_id(session=session)}' in config
    assert "live/console.js" in page


def test_the_console_fetches_the_rows_of_changed_cards_alone(
    client_for, moderator, session, participant, card_of, outsider
):
    """After a card event console.js asks for that card's row, not the whole console (every card)."""
    changed = card_of(session, participant, "Neue Karte")
    card_of(session, participant, "Alte Karte")
    services.contribution_hide(actor=moderator, contribution=changed, reason="Doppelt")
    client = client_for(moderator)
    config = client.get(f"/veranstaltungen/{session.pk}/").content.decode()
    rows_url = f"/veranstaltungen/{session.pk}/karten/"
    assert f'"cardRows": "{rows_url}"' in config

    rows = client.get(rows_url, {"id": [changed.pk]}).content.decode()
    assert f'<tr id="console-card-{changed.pk}">' in rows and "Neue Karte" in rows
    assert "ausgeblendet" in rows and "Doppelt" in rows and "Wieder zeigen" in rows
    assert "Alte Karte" not in rows
    assert f'<tr id="console-card-{changed.pk}">' in config  # the same row id as on the console

    assert client_for(outsider).get(rows_url, {"id": [changed.pk]}).status_code == 404


def test_rows_of_cards_of_another_session_are_not_shown(client_for, moderator, session, dialogue, card_of):
    other = services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend")
    elsewhere = card_of(other, None, "Karte vom zweiten Abend")
    rows = client_for(moderator).get(f"/veranstaltungen/{session.pk}/karten/", {"id": [elsewhere.pk]})
    assert rows.status_code == 200 and "Karte vom zweiten Abend" not in rows.content.decode()


def test_asking_for_rows_without_card_numbers_says_what_is_wrong(client_for, moderator, session):
    client = client_for(moderator)
    url = f"/veranstaltungen/{session.pk}/karten/"
    for query in ({}, {"id": ["x"]}, {"id": ["1", "-2"]}, {"id": [str(n) for n in range(1, 202)]}):
        response = client.get(url, query)
        assert response.status_code == 400
        assert response.content.decode() == "Nennen Sie zwischen 1 und 200 Karten mit ihren Nummern."


def test_a_full_room_s_console_lists_the_newest_cards_and_all_on_request(
    client_for, moderator, session, participant, card_of
):
    from dialogwerk.live.views import CONSOLE_CARDS_SHOWN

    for number in range(CONSOLE_CARDS_SHOWN + 3):
        card_of(session, participant, f"Karte {number:03d}")
    client = client_for(moderator)
    newest = _cards_section(client.get(f"/veranstaltungen/{session.pk}/").content.decode())
    assert newest.count('<tr id="console-card-') == CONSOLE_CARDS_SHOWN
    assert f"Karte {CONSOLE_CARDS_SHOWN + 2:03d}" in newest and "Karte 000" not in newest
    assert f"Die neuesten {CONSOLE_CARDS_SHOWN} von {CONSOLE_CARDS_SHOWN + 3} Karten." in newest
    assert 'href="?alle=1#console-cards">Alle Karten zeigen</a>' in newest

    every = _cards_section(client.get(f"/veranstaltungen/{session.pk}/", {"alle": "1"}).content.decode())
    assert every.count('<tr id="console-card-') == CONSOLE_CARDS_SHOWN + 3 and "Karte 000" in every
    assert "Alle Karten zeigen" not in every
