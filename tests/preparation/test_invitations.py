"""Invitations by e-mail with an ICS attachment, the public RSVP link, reminders and live counts."""

import datetime

import icalendar
from django.core import mail
from django.utils import timezone

from dialogwerk.preparation import tasks
from dialogwerk.preparation.models import Actor, Invitation
from tests.preparation.helpers import ready


def make_actors(dialogue):
    ready(dialogue)
    refugees = dialogue.perspectives.get(name="Geflüchtete")
    with_consent = Actor.objects.create(
        dialogue=dialogue,
        name="Geflüchtetenrat",
        perspective=refugees,
        email="rat@example.org",
        consent=True,
        contact_name="Frau Haddad",
    )
    without = Actor.objects.create(
        dialogue=dialogue, name="Ohne Einwilligung", perspective=refugees, email="x@example.org", consent=False
    )
    return with_consent, without


def test_it_invites_by_mail_with_a_personal_link_and_a_calendar_entry(
    client_for, consultant, dialogue, django_capture_on_commit_callbacks
):
    invited, _without = make_actors(dialogue)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [invited.pk]})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert len(invitation.token) >= 40 and invitation.expires_on == dialogue.ends_on
    message = mail.outbox[0]
    assert message.to == ["rat@example.org"] and "Einladung: Zusammenleben in Kommune A" in message.subject
    assert f"/antwort/{invitation.token}/" in message.body and "Guten Tag Frau Haddad" in message.body
    name, content, mimetype = message.attachments[0]
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == dialogue.starts_on and str(event["summary"]) == dialogue.title


def test_actors_without_consent_cannot_be_chosen(client_for, consultant, dialogue):
    _invited, without = make_actors(dialogue)
    response = client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [without.pk]})
    assert response.status_code == 422 and not Invitation.objects.exists() and not mail.outbox


def test_a_moderator_cannot_send_invitations(client_for, moderator, dialogue):
    invited, _ = make_actors(dialogue)
    assert (
        client_for(moderator).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [invited.pk]}).status_code == 403
    )


def test_the_invited_person_answers_without_an_account_and_the_count_updates(client, client_for, consultant, dialogue):
    invited, _ = make_actors(dialogue)
    client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [invited.pk]})
    token = Invitation.objects.get().token
    client.logout()
    assert client.get(f"/antwort/{token}/").status_code == 200
    bad = client.post(f"/antwort/{token}/", {"needs": "vegetarisch"})
    assert bad.status_code == 422 and "Bitte geben Sie an, ob Sie kommen." in bad.content.decode()
    assert Invitation.objects.get().status == "pending"
    assert (
        client.post(f"/antwort/{token}/", {"status": "accepted", "needs": "Rollstuhl", "language": "ar"}).status_code
        == 302
    )
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.needs, invitation.language) == ("accepted", "Rollstuhl", "ar")
    html = client_for(consultant).get(f"/dialoge/{dialogue.pk}/einladungen/").content.decode()
    assert '<th scope="row">Geflüchtete</th><td>1</td><td>1</td>' in html


def test_an_unknown_token_is_404_and_an_expired_one_410(client, client_for, consultant, dialogue):
    invited, _ = make_actors(dialogue)
    assert client.get("/antwort/geraten123/").status_code == 404
    invitation = Invitation.objects.create(
        dialogue=dialogue, actor=invited, expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(f"/antwort/{invitation.token}/").status_code == 410
    assert client.post(f"/antwort/{invitation.token}/", {"status": "accepted"}).status_code == 410
    assert Invitation.objects.get().status == "pending"


def test_reminders_go_once_to_those_who_have_not_answered(client_for, consultant, dialogue):
    from django_tasks_db.models import DBTaskResult

    invited, _ = make_actors(dialogue)
    client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [invited.pk]})
    mail.outbox.clear()
    assert client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/erinnern/").status_code == 302
    assert DBTaskResult.objects.filter(task_path="dialogwerk.preparation.tasks.send_reminders").exists()
    assert tasks.send_reminders.call(dialogue.pk) == 1  # what the worker (dialogwerk db_worker) runs
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Erinnerung:")
    assert tasks.send_reminders.call(dialogue.pk) == 0  # nobody is reminded twice
