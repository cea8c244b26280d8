"""Funding deadlines by e-mail, on a fake clock: to the municipality's consultants and administrators, a
set number of days before, once per deadline however often (and by however many workers) the run goes."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from dialogwerk.funding import reminders, services
from dialogwerk.funding.models import Deadline
from dialogwerk.measures.tasks import send_reminders
from tests.conftest import make_user

DUE = datetime.date(2027, 3, 31)


@pytest.fixture
def deadline(application, consultant):
    application.deadlines.all().delete()  # only the one of the test
    return services.deadline_create(
        actor=consultant, application=application, title="Zwischenbericht an die LpB", due_on=DUE
    )


@pytest.fixture
def staff(consultant, admin_user, moderator, steering_member):
    return {consultant.email, admin_user.email}


def test_consultants_and_admins_are_reminded_once_before_the_deadline(deadline, staff, outsider):
    assert reminders.send_deadline_reminders(today=DUE - datetime.timedelta(15)) == 0
    assert reminders.send_deadline_reminders(today=DUE - datetime.timedelta(14)) == 1
    assert reminders.send_deadline_reminders(today=DUE - datetime.timedelta(13)) == 0
    assert {m.to[0] for m in mail.outbox} == staff  # one message each; not the moderator, not Kommune B
    message = mail.outbox[0]
    assert message.subject == "Förderfrist am 31. März 2027: Zwischenbericht an die LpB"
    assert "in 14 Tagen" in message.body and "Zusammenleben in Kommune A" in message.body
    assert f"http://127.0.0.1:8000/dialoge/{deadline.application.dialogue_id}/foerderung/" in message.body
    deadline.refresh_from_db()
    assert deadline.reminded_at is not None


def test_the_days_before_are_a_setting(deadline, staff, settings):
    settings.DIALOGWERK_FUNDING_REMINDER_DAYS = 30
    assert reminders.send_deadline_reminders(today=DUE - datetime.timedelta(30)) == 1


def test_an_overdue_deadline_nobody_was_told_of_is_reminded_as_overdue(deadline, staff):
    reminders.send_deadline_reminders(today=DUE + datetime.timedelta(2))
    assert mail.outbox[0].subject == "Überfällig: Zwischenbericht an die LpB"


def test_a_deadline_marked_done_is_not_reminded(deadline, staff, consultant):
    services.deadline_toggle(actor=consultant, deadline=deadline)
    assert reminders.send_deadline_reminders(today=DUE) == 0 and not mail.outbox


def test_without_anyone_to_tell_nothing_is_claimed(deadline):
    from dialogwerk.tenancy.models import User

    User.objects.update(email="")  # the application's consultant exists (fixture), but without an address
    assert reminders.send_deadline_reminders(today=DUE) == 0
    deadline.refresh_from_db()
    assert deadline.reminded_at is None


def test_a_failing_mail_server_leaves_the_deadline_for_the_next_run(deadline, staff, settings):
    settings.EMAIL_BACKEND = "tests.funding.failing_mail.Backend"
    with pytest.raises(ConnectionRefusedError):
        reminders.send_deadline_reminders(today=DUE)
    deadline.refresh_from_db()
    assert deadline.reminded_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.send_deadline_reminders(today=DUE) == 1


def test_a_deadline_another_worker_claimed_is_not_sent_again(deadline, staff):
    Deadline.objects.filter(pk=deadline.pk).update(reminded_at=datetime.datetime(2027, 3, 17, tzinfo=datetime.UTC))
    assert reminders.send_deadline_reminders(today=DUE) == 0 and not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(municipality, consultant, admin_user):
    from dialogwerk.dialogues.services import dialogue_create

    dialogue = dialogue_create(actor=consultant, municipality=municipality, title="Dialog", starts_on=DUE)
    application = services.application_create(
        actor=consultant, dialogue=dialogue, applicant="Kommune A", project_title="P"
    )
    for number in range(5):
        services.deadline_create(actor=consultant, application=application, title=f"Frist {number}", due_on=DUE)
    counts, errors = [], []
    start = threading.Barrier(2)

    def worker():
        try:
            start.wait()
            counts.append(reminders.send_deadline_reminders(today=DUE))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reminded = Deadline.objects.filter(application=application, reminded_at__isnull=False).count()
    assert not errors and sum(counts) == reminded == application.deadlines.count()
    assert len(mail.outbox) == 2 * reminded  # two recipients per deadline, never twice


def test_the_reminder_task_and_command_send_funding_deadlines_too(deadline, staff):
    assert send_reminders.call(today=(DUE - datetime.timedelta(3)).isoformat()) >= 1
    assert Deadline.objects.get(pk=deadline.pk).reminded_at is not None
    out = io.StringIO()
    call_command("send_reminders", "--today", DUE.isoformat(), stdout=out)
    assert "0 reminder(s) sent" in out.getvalue()


def test_the_funding_page_says_when_a_reminder_went_out(deadline, staff, client_for, consultant):
    reminders.send_deadline_reminders(today=DUE)
    html = client_for(consultant).get(f"/dialoge/{deadline.application.dialogue_id}/foerderung/").content.decode()
    assert "Erinnerung verschickt am" in html and "14 Tage vor jeder offenen Frist eine E-Mail" in html


def test_a_new_user_without_role_gets_nothing(deadline, municipality):
    make_user("neu@a.example")  # no membership at all
    reminders.send_deadline_reminders(today=DUE)
    assert all("neu@a.example" not in m.to for m in mail.outbox)
