"""The demo has Musterstadt's open session DEMO42 with an open dot vote over all its cards."""

from django.core.management import call_command

from dialogwerk.live.models import Session


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_the_demo_has_session_demo42_with_an_open_vote_of_five_dots(db, client):
    seed()
    session = Session.objects.get(code="DEMO42")
    assert session.dialogue.municipality.name == "Musterstadt" and session.status == "open"
    assert session.tables.count() == session.dialogue.themes.count() == 5
    voting = session.votings.get()
    assert voting.is_open and voting.all_cards and voting.budget == 5 and not voting.stacking
    state = client.get("/api/v1/live/DEMO42").json()
    assert len(state["themes"]) == 5 and state["vote"]["budget"] == 5


def test_seeding_again_keeps_the_moderators_changes(db):
    seed()
    session = Session.objects.get(code="DEMO42")
    session.votings.update(is_open=False)
    Session.objects.filter(pk=session.pk).update(title="Umbenannt", status="closed")
    seed()
    session.refresh_from_db()
    assert session.title == "Umbenannt" and session.status == "closed"
    assert session.votings.count() == 1 and not session.votings.get().is_open
    assert Session.objects.filter(code="DEMO42").count() == 1
