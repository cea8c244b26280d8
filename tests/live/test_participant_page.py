"""The participant page: the step, the card form (also without JavaScript), the dots, the offline helper."""

import pytest

from dialogwerk.live import services
from dialogwerk.live.models import Contribution, Vote


@pytest.fixture
def joined(client, session):
    client.post(f"/j/{session.code}/", {"display_name": "Amal", "language": "de", "consent": "on"})
    return client


def test_without_joining_the_page_sends_you_to_the_join_page(client, session):
    response = client.get(f"/j/{session.code}/live/")
    assert response.status_code == 302 and response.url == f"/j/{session.code}/"


def test_the_page_shows_the_step_the_themes_and_a_config_for_the_script(joined, session):
    html = joined.get(f"/j/{session.code}/live/").content.decode()
    assert "Runde 1" in html and "Bauen &amp; Wohnen" in html
    assert 'id="live-config" type="application/json"' in html and "<script>" not in html


def test_a_card_sent_without_javascript_is_stored_once(joined, session, theme):
    body = {"action": "card", "kind": "situation", "theme": theme.pk, "text": "Zu wenig Wohnungen", "key": "form-1"}
    assert joined.post(f"/j/{session.code}/live/", body).status_code == 302
    assert joined.post(f"/j/{session.code}/live/", body).status_code == 302
    assert Contribution.objects.filter(text="Zu wenig Wohnungen").count() == 1


def test_a_bad_card_without_javascript_is_422_and_not_stored(joined, session, theme):
    response = joined.post(
        f"/j/{session.code}/live/", {"action": "card", "kind": "situation", "theme": theme.pk, "text": "", "key": "k"}
    )
    assert response.status_code == 422 and "Bitte schreiben Sie etwas auf die Karte." in response.content.decode()
    assert Contribution.objects.count() == 0


def test_dots_without_javascript(joined, session, moderator, card_of):
    card = card_of(session, None, "Karte")
    services.voting_open(actor=moderator, session=session, title="Wichtig?", all_cards=True, budget=1)
    html = joined.get(f"/j/{session.code}/live/").content.decode()
    assert "Übrige Punkte: 1" in html
    joined.post(f"/j/{session.code}/live/", {"action": "dot", "contribution": card.pk})
    response = joined.post(f"/j/{session.code}/live/", {"action": "dot", "contribution": card.pk})
    assert response.status_code == 409
    assert Vote.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_the_service_worker_is_served_with_a_scope_over_the_participant_pages(client, db):
    response = client.get("/j/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/j/" and "live/participant.js" in response.content.decode()
