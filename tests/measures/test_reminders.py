"""Reminder e-mails on a fake clock: due soon, overdue, no report for long, check back four weeks after the
event — each sent once, however often the task runs."""

import datetime
import io

from django.core import mail
from django.core.management import call_command

from dialogwerk.measures import reminders, services
from dialogwerk.measures.models import SentReminder
from dialogwerk.measures.tasks import send_reminders
from tests.conftest import EVENT_DAY


def day(n: int) -> datetime.date:
    """The fake clock: n days after the conftest dialogue's event day (itself relative to the real today,
    whose date the measures' creation carries)."""
    return EVENT_DAY + datetime.timedelta(n)


def in_days(date: datetime.date, n: int) -> datetime.date:
    return date + datetime.timedelta(n)


def test_an_owner_is_reminded_once_before_the_due_date(dialogue, make_measure):
    due = day(116)
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=due, status="in_progress")
    due_soon = SentReminder.objects.filter(kind="due_soon")
    reminders.send_due_reminders(today=in_days(due, -15))
    assert not due_soon.exists()
    reminders.send_due_reminders(today=in_days(due, -14))
    reminders.send_due_reminders(today=in_days(due, -13))
    assert due_soon.count() == 1
    message = next(m for m in mail.outbox if m.subject.startswith("Bald fällig"))
    # kaya has no account: the reminder carries her personal link (tests/measures/test_owner_links.py)
    assert (
        message.to == ["kaya@a.example"]
        and "Sprachcafé" in message.subject
        and "http://127.0.0.1:8000/sachstand/" in message.body
    )


def test_overdue_and_silent_measures_are_reminded(dialogue, make_measure):
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=day(57))
    today = day(178)
    sent = reminders.send_due_reminders(today=today)
    kinds = set(SentReminder.objects.values_list("kind", flat=True))
    assert sent == 3 and kinds == {"overdue", "stale", "check_back"}


def test_a_new_report_makes_a_stale_reminder_come_again_later(dialogue, make_measure, consultant):
    measure = make_measure("Sprachcafé", responsible_email="kaya@a.example", status="in_progress")
    reminders.send_due_reminders(today=day(178))
    reported = day(179)
    services.progress_update_create(
        actor=consultant, measure=measure, reported_on=reported, text="weiter", status="in_progress", progress=20
    )
    assert not SentReminder.objects.filter(kind="stale", key=reported.isoformat()).exists()
    reminders.send_due_reminders(today=in_days(reported, 60))
    assert SentReminder.objects.filter(kind="stale", key=reported.isoformat()).exists()


def test_the_check_back_goes_to_every_owner_four_weeks_after_the_event(dialogue, make_measure):
    make_measure("A", responsible_email="a@a.example")
    make_measure("B", responsible_email="b@a.example")
    make_measure("C", responsible_email="c@a.example", status="done")
    check_back = day(28)
    assert reminders.send_due_reminders(today=check_back - datetime.timedelta(1)) == 0
    reminders.send_due_reminders(today=check_back)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@a.example", "b@a.example"]


def test_without_an_owner_address_the_chair_is_reminded(dialogue, make_measure, consultant):
    services.steering_member_add(
        actor=consultant, dialogue=dialogue, name="Frau Vorsitz", email="chair@a.example", role="chair"
    )
    services.steering_member_add(actor=consultant, dialogue=dialogue, name="Herr Mitglied", email="member@a.example")
    make_measure("Sprachcafé", due_on=day(57))
    reminders.send_due_reminders(today=day(58))
    assert {m.to[0] for m in mail.outbox} == {"chair@a.example"}


def test_reminders_can_be_switched_off_and_tuned(dialogue, make_measure, consultant):
    due = day(116)
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=due)
    services.steering_group_update(actor=consultant, dialogue=dialogue, remind_days_before_due=30)
    reminders.send_due_reminders(today=in_days(due, -30))
    assert SentReminder.objects.filter(kind="due_soon").count() == 1
    services.steering_group_update(actor=consultant, dialogue=dialogue, reminders_enabled=False)
    assert reminders.send_due_reminders(today=in_days(due, 30)) == 0


def test_a_second_worker_sends_nothing_twice(dialogue, make_measure):
    due = day(57)
    measure = make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=due)
    sent_at = datetime.datetime.combine(in_days(due, 1), datetime.time(8), tzinfo=datetime.UTC)
    SentReminder.objects.create(
        measure=measure, kind="overdue", key=due.isoformat(), recipient="kaya@a.example", sent_at=sent_at
    )
    reminders.send_due_reminders(today=in_days(due, 1))
    assert not [m for m in mail.outbox if "Überfällig" in m.subject]


def test_the_task_and_the_command_take_a_fake_today(dialogue, make_measure):
    due = day(57)
    make_measure("Sprachcafé", responsible_email="kaya@a.example", due_on=due)
    assert send_reminders.call(today=in_days(due, -11).isoformat()) >= 1
    assert SentReminder.objects.filter(kind="due_soon").exists()
    out = io.StringIO()
    call_command("send_reminders", "--today", in_days(due, 1).isoformat(), stdout=out)
    assert "reminder(s) sent" in out.getvalue()
    assert SentReminder.objects.filter(kind="overdue").exists()


def test_the_command_queues_the_task_for_the_worker(db):
    out = io.StringIO()
    call_command("send_reminders", "--enqueue", "--today", "2027-02-01", stdout=out)
    assert out.getvalue().startswith("queued")
