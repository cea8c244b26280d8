"""Moderators, consultants and admins run a session; steering members read; other municipalities see nothing."""

import pytest

from dialogwerk.live.models import Session
from dialogwerk.tenancy.models import AuditLogEntry


def test_a_moderator_creates_a_world_cafe_with_rounds_and_a_table_per_theme(client_for, moderator, dialogue):
    response = client_for(moderator).post(
        f"/dialoge/{dialogue.pk}/live/",
        {"title": "Abend im Rathaus", "method": "world_cafe", "rounds": 4, "round_minutes": 25},
    )
    session = Session.objects.get()
    assert response.status_code == 302 and response.url == f"/veranstaltungen/{session.pk}/"
    assert [s.title for s in session.steps.all()] == ["Runde 1", "Runde 2", "Runde 3", "Runde 4"]
    assert session.tables.count() == 5 and len(session.code) == 6


def test_a_future_workshop_has_its_three_phases(client_for, consultant, dialogue):
    client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/live/",
        {"title": "Werkstatt", "method": "future_workshop", "rounds": 3, "round_minutes": 20},
    )
    assert [s.title for s in Session.objects.get().steps.all()] == [
        "Kritikphase",
        "Phantasiephase",
        "Verwirklichungsphase",
    ]


def test_a_list_of_steps_takes_minutes_after_a_semicolon(client_for, admin_user, dialogue):
    client_for(admin_user).post(
        f"/dialoge/{dialogue.pk}/live/",
        {
            "title": "Abend",
            "method": "steps",
            "rounds": 3,
            "round_minutes": 20,
            "steps_text": "Begrüßung; 15\nTischrunden; 60\nPlenum",
        },
    )
    steps = list(Session.objects.get().steps.values_list("title", "duration_minutes"))
    assert steps == [("Begrüßung", 15), ("Tischrunden", 60), ("Plenum", None)]


def test_a_session_without_title_is_refused(client_for, moderator, dialogue):
    response = client_for(moderator).post(
        f"/dialoge/{dialogue.pk}/live/", {"title": "", "method": "steps", "rounds": 3, "round_minutes": 20}
    )
    assert response.status_code == 422 and Session.objects.count() == 0


def test_a_steering_member_reads_but_cannot_create_or_run(client_for, steering_member, dialogue, session):
    client = client_for(steering_member)
    assert client.get(f"/dialoge/{dialogue.pk}/live/").status_code == 200
    assert client.get(f"/veranstaltungen/{session.pk}/").status_code == 200
    assert client.get(f"/veranstaltungen/{session.pk}/wand/").status_code == 200
    assert (
        client.post(
            f"/dialoge/{dialogue.pk}/live/", {"title": "x", "method": "steps", "rounds": 3, "round_minutes": 20}
        ).status_code
        == 403
    )
    assert client.post(f"/veranstaltungen/{session.pk}/steuern/", {"action": "start"}).status_code == 403
    assert client.get(f"/veranstaltungen/{session.pk}/erfassen/").status_code == 403


def test_an_outsider_gets_404(client_for, outsider, session):
    client = client_for(outsider)
    assert client.get(f"/veranstaltungen/{session.pk}/").status_code == 404
    assert client.post(f"/veranstaltungen/{session.pk}/steuern/", {"action": "start"}).status_code == 404


def test_the_moderator_starts_pauses_resumes_advances_and_closes(client_for, moderator, session):
    client = client_for(moderator)
    url = f"/veranstaltungen/{session.pk}/steuern/"
    for action, status, step in [
        ("start", "running", 0),
        ("pause", "paused", 0),
        ("resume", "running", 0),
        ("next", "running", 1),
        ("previous", "running", 0),
        ("close", "closed", 0),
    ]:
        client.post(url, {"action": action})
        session.refresh_from_db()
        assert (session.status, session.current_step) == (status, step), action
    assert AuditLogEntry.objects.filter(target_type="Veranstaltung").count() >= 6


def test_pausing_keeps_the_remaining_time(client_for, moderator, session):
    client = client_for(moderator)
    client.post(f"/veranstaltungen/{session.pk}/steuern/", {"action": "start"})
    client.post(f"/veranstaltungen/{session.pk}/steuern/", {"action": "pause"})
    session.refresh_from_db()
    assert 0 < session.timer_remaining <= 20 * 60 and session.timer_ends_at is None


def test_an_impossible_step_is_explained(client_for, moderator, session):
    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/steuern/", {"action": "previous"}, follow=True
    )
    assert "keinen weiteren Schritt" in response.content.decode()


@pytest.mark.parametrize("page", ["", "wand/", "qr.svg"])
def test_console_wall_and_qr_code_render(client_for, consultant, session, page):
    response = client_for(consultant).get(f"/veranstaltungen/{session.pk}/{page}")
    assert response.status_code == 200
    if page == "qr.svg":
        assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content
    else:
        assert session.code in response.content.decode()


def test_the_wall_shows_visible_cards_grouped_by_theme_and_kind(
    client_for, consultant, session, participant, card_of, moderator
):
    from dialogwerk.live import services

    card_of(session, participant, "Sichtbare Idee", kind="idea")
    hidden = card_of(session, participant, "Versteckt")
    services.contribution_hide(actor=moderator, contribution=hidden, reason="Spam")
    html = client_for(consultant).get(f"/veranstaltungen/{session.pk}/wand/").content.decode()
    assert "Sichtbare Idee" in html and "Versteckt" not in html
    assert 'data-kind="idea"' in html


def test_the_dialogue_overview_links_the_sessions_with_their_code(client_for, consultant, dialogue, session):
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/").content.decode()
    assert f"/veranstaltungen/{session.pk}/" in html and session.code in html
