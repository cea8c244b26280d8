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
