"""Background work of the follow-up (django-tasks; the worker is `dialogwerk db_worker`)."""

import datetime

from django.utils import timezone
from django_tasks import task

from dialogwerk.core.registry import reminder_senders

from . import subscriptions


def send_due_reminders(*, today: datetime.date) -> int:
    """Every reminder the apps declared (the measures', the funding deadlines'), sent for `today`."""
    return sum(declaration.part(today=today) for declaration in reminder_senders)


@task()
def send_reminders(today: str | None = None) -> int:
    """Send the reminders due today (or on `today`, an ISO date, for a test's fake clock): the measures'
    and the funding deadlines'; and tell the participants who asked what is new on the status page."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return send_due_reminders(today=day) + subscriptions.results_notices_send()
