"""E-mail reminders of the funding application's deadlines (application, report on the use of funds, and
those added by hand): to the municipality's consultants and administrators — or, for the funding body's
deadlines (decide on the application, check the report), to the funding body's staff — a number of days before
(`DIALOGWERK_FUNDING_REMINDER_DAYS`, default 14), once per deadline however many workers run.

Sent by the follow-up's reminder run (`dialogwerk send_reminders`, the `send_reminders` task); "today" and
"now" are arguments, so tests run it on any day they like."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from dialogwerk.tenancy.models import Membership, Role

from .models import Deadline

RECIPIENT_ROLES = (Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)


def remind_days_before() -> int:
    return int(getattr(settings, "DIALOGWERK_FUNDING_REMINDER_DAYS", 14))


def recipients_for(municipality) -> list[str]:
    """The municipality's consultants and administrators with an address and an active account."""
    emails = (
        Membership.objects.filter(municipality=municipality, role__in=RECIPIENT_ROLES, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted({email.lower() for email in emails})


def deadlines_to_remind(*, today: datetime.date, days_before: int):
    """Open deadlines due within `days_before` days (or already overdue) that nobody was reminded of yet."""
    return (
        Deadline.objects.filter(
            done=False, reminded_at__isnull=True, due_on__lte=today + datetime.timedelta(days_before)
        )
        .select_related("application__dialogue__municipality", "application__funding_body")
        .order_by("due_on", "pk")
    )


def send_deadline_reminders(*, today: datetime.date, now: datetime.datetime | None = None) -> int:
    """Send every reminder that is due by `today`; returns how many deadlines were reminded of."""
    now = now or timezone.now()
    sent = 0
    for deadline in deadlines_to_remind(today=today, days_before=remind_days_before()):
        sent += _send_once(deadline=deadline, today=today, now=now)
    return sent


def body_recipients(funding_body) -> list[str]:
    """The funding body's staff with an address and an active account."""
    emails = (
        funding_body.memberships.filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted({email.lower() for email in emails})


def _send_once(*, deadline: Deadline, today: datetime.date, now: datetime.datetime) -> int:
    application = deadline.application
    dialogue = application.dialogue
    to_body = deadline.for_funding_body and application.funding_body_id is not None
    recipients = body_recipients(application.funding_body) if to_body else recipients_for(dialogue.municipality)
    if not recipients:
        return 0  # nobody to tell yet: try again on the next run
    # Claim first: only the worker whose conditional UPDATE changes the row sends; the others skip. If the
    # mail cannot be sent, the claim rolls back with it and the next run tries again.
    with transaction.atomic():
        claimed = Deadline.objects.filter(pk=deadline.pk, reminded_at__isnull=True, done=False).update(reminded_at=now)
        if not claimed:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "deadline": deadline,
                "dialogue": dialogue,
                "days_left": (deadline.due_on - today).days,
                "to_body": to_body,
                "url": settings.SITE_URL.rstrip("/")
                + (
                    reverse("funding:review", args=[application.funding_body_id, application.pk])
                    if to_body
                    else reverse("funding:overview", args=[dialogue.pk])
                ),
            }
            subject = " ".join(render_to_string("funding/email/deadline_subject.txt", context).split())
            body = render_to_string("funding/email/deadline.txt", context)
        messages = [EmailMessage(subject, body, None, [recipient]) for recipient in recipients]
        get_connection(fail_silently=False).send_messages(messages)
    return 1
