"""One reminder e-mail per person and run, listing everything due for them; each reason still sent once;
a person pauses reminders (and switches them on again) through the link in every reminder."""

import re
from unittest import mock

import pytest
from django.core import mail

from dialogwerk.measures import reminders
from dialogwerk.measures.models import ReminderRecipient, SentReminder
from tests.measures.test_reminders import day


def pause_link(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/erinnerungen/[^/\s]+/)", message.body).group(1)


def test_everything_due_for_one_person_comes_in_one_mail(make_measure):
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=day(57))
    make_measure("Patenschaften", responsible_email="Kaya@A.example", due_on=day(57))
    make_measure("Kita-Plätze", responsible_email="ben@a.example", due_on=day(57))
    sent = reminders.send_due_reminders(today=day(58))  # overdue, no report, check-back: for each measure
    assert sent == 9 and SentReminder.objects.count() == 9
    assert sorted(m.to[0].lower() for m in mail.outbox) == ["ben@a.example", "kaya@a.example"]
    kaya = next(m for m in mail.outbox if m.to[0].lower() == "kaya@a.example")
    assert kaya.subject == "2 Maßnahmen brauchen Ihren Sachstand"
    assert "es geht um 2 Maßnahmen" in kaya.body and "„Sprachcafé“" in kaya.body and "„Patenschaften“" in kaya.body
    assert kaya.body.count("/sachstand/") == 2  # each measure once, with the owner's personal link
    assert kaya.body.index("fällig und ist noch nicht") < kaya.body.index("vier Wochen")  # the most urgent reason first
    ben = next(m for m in mail.outbox if m.to[0] == "ben@a.example")
    assert ben.subject == "Überfällig: Kita-Plätze"
    assert reminders.send_due_reminders(today=day(59)) == 0 and len(mail.outbox) == 2  # nothing twice


def test_a_single_reminder_keeps_its_own_subject(make_measure):
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=day(20))
    reminders.send_due_reminders(today=day(10))
    assert [m.subject for m in mail.outbox] == ["Bald fällig: Sprachcafé"]


def test_a_paused_person_gets_nothing_until_they_switch_reminders_on_again(client, make_measure):
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=day(57))
    reminders.send_due_reminders(today=day(28))  # the check-back
    link = pause_link(mail.outbox[0])
    assert "Erinnerungen pausieren" in client.get(link).content.decode()
    assert client.post(link, {"paused": "yes"}).status_code == 302
    assert ReminderRecipient.objects.get().paused_at is not None
    assert reminders.send_due_reminders(today=day(58)) == 0 and len(mail.outbox) == 1
    assert not SentReminder.objects.filter(kind="overdue").exists()  # not claimed: it comes after the pause
    assert "Pausiert seit" in client.get(link).content.decode()
    client.post(link, {"paused": "no"})
    assert reminders.send_due_reminders(today=day(59)) >= 1 and mail.outbox[1].subject == "Überfällig: Sprachcafé"
    assert SentReminder.objects.filter(kind="overdue").exists()


def test_opening_the_pause_link_changes_nothing_and_bad_answers_are_refused(client, make_measure):
    make_measure("Sprachcafé", responsible_email="kaya@a.example")
    reminders.send_due_reminders(today=day(28))
    link = pause_link(mail.outbox[0])
    client.get(link)
    client.get(link)
    assert client.post(link, {"paused": "vielleicht"}).status_code == 400
    assert ReminderRecipient.objects.get().paused_at is None
    assert client.get("/erinnerungen/erfunden/").status_code == 404


def test_a_mail_that_cannot_be_sent_leaves_every_reminder_for_the_next_run(make_measure):
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=day(57))
    with (
        mock.patch("dialogwerk.measures.reminders.send_mail", side_effect=OSError("SMTP down")),
        pytest.raises(OSError),
    ):
        reminders.send_due_reminders(today=day(58))
    assert not SentReminder.objects.exists()
    assert reminders.send_due_reminders(today=day(58)) == 3 and len(mail.outbox) == 1
