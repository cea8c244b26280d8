"""The moderator opens a dot vote over chosen cards or all cards, and closes it."""

from dialogwerk.live.models import DotVoting
from dialogwerk.tenancy.models import AuditLogEntry


def test_opening_a_vote_over_chosen_cards_with_the_default_budget(client_for, moderator, session, participant, card_of):
    cards = [card_of(session, participant, f"Karte {i}") for i in range(5)]
    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/punktabfrage/",
        {"title": "Was zuerst?", "options": [c.pk for c in cards[:4]], "visibility": "live"},
    )
    assert response.status_code == 302
    voting = DotVoting.objects.get()
    assert voting.budget == 2 and not voting.all_cards and voting.options.count() == 4


def test_opening_a_vote_without_cards_is_refused(client_for, moderator, session):
    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/punktabfrage/", {"title": "x", "visibility": "live"}
    )
    assert response.status_code == 422 and DotVoting.objects.count() == 0


def test_only_one_vote_is_open_at_a_time_and_closing_is_audited(client_for, moderator, session):
    client = client_for(moderator)
    client.post(
        f"/veranstaltungen/{session.pk}/punktabfrage/",
        {"title": "Erste", "all_cards": "on", "budget": 3, "visibility": "live"},
    )
    second = client.post(
        f"/veranstaltungen/{session.pk}/punktabfrage/", {"title": "Zweite", "all_cards": "on", "visibility": "live"}
    )
    assert second.status_code == 422 and DotVoting.objects.count() == 1
    voting = DotVoting.objects.get()
    client.post(f"/veranstaltungen/{session.pk}/punktabfrage/{voting.pk}/schliessen/")
    voting.refresh_from_db()
    assert not voting.is_open
    assert AuditLogEntry.objects.filter(target_id=str(voting.pk), target_type="Punktabfrage").count() == 2


def test_a_steering_member_cannot_open_or_close_a_vote(client_for, steering_member, session):
    response = client_for(steering_member).post(
        f"/veranstaltungen/{session.pk}/punktabfrage/", {"title": "x", "all_cards": "on", "visibility": "live"}
    )
    assert response.status_code == 403 and DotVoting.objects.count() == 0
