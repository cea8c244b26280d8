"""The RSVP page when the dialogue's date was cleared after the invitations went out (issue #7 audit)."""

import datetime

from django.core import mail
from django.urls import reverse

from dialogwerk.dialogues.services import dialogue_update
from dialogwerk.preparation import tasks
from dialogwerk.preparation.models import Invitation
from tests.preparation.test_invitations import make_actors


def invite_then_clear_the_date(client_for, consultant, dialogue) -> Invitation:
    invited, _ = make_actors(dialogue)
    assert (
        client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [invited.pk]}).status_code == 302
    )
    dialogue_update(actor=consultant, dialogue=dialogue, starts_on=None, ends_on=None)
    return Invitation.objects.get()


def test_the_rsvp_page_says_the_date_is_not_fixed_and_offers_no_calendar_entry(
    client, client_for, consultant, dialogue
):
    invitation = invite_then_clear_the_date(client_for, consultant, dialogue)
    client.logout()
    response = client.get(f"/antwort/{invitation.token}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der Termin steht noch nicht fest." in html
    assert "termin.ics" not in html and "ICS" not in html


def test_the_invited_person_can_still_answer_without_a_date(client, client_for, consultant, dialogue):
    invitation = invite_then_clear_the_date(client_for, consultant, dialogue)
    client.logout()
    assert client.post(f"/antwort/{invitation.token}/", {"status": "accepted", "needs": "Rollstuhl"}).status_code == 302
    assert Invitation.objects.values_list("status", "needs").get() == ("accepted", "Rollstuhl")


def test_the_calendar_download_without_a_date_is_a_clear_404(client, client_for, consultant, dialogue):
    invitation = invite_then_clear_the_date(client_for, consultant, dialogue)
    client.logout()
    response = client.get(reverse("preparation:rsvp_ics", kwargs={"rsvp_token": invitation.token}))
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
    assert "steht noch nicht fest" in response.content.decode()


def test_the_calendar_download_with_a_date_still_works(client, client_for, consultant, dialogue):
    invited, _ = make_actors(dialogue)
    client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"actors": [invited.pk]})
    client.logout()
    response = client.get(reverse("preparation:rsvp_ics", kwargs={"rsvp_token": Invitation.objects.get().token}))
    assert response.status_code == 200 and b"BEGIN:VEVENT" in response.content


def test_a_reminder_after_the_date_was_cleared_goes_without_a_calendar_entry(client_for, consultant, dialogue):
    invitation = invite_then_clear_the_date(client_for, consultant, dialogue)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.sent_at - datetime.timedelta(days=4))
    mail.outbox.clear()
    assert tasks.send_reminders.call(dialogue.pk) == 1
    message = mail.outbox[0]
    assert message.attachments == [] and "Der Termin steht noch nicht fest." in message.body
