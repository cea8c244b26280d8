"""Reminder e-mails to the owners of measures: which are due (dashboard.reminders_due), and sending each
exactly once, gathered into one e-mail per person and run. "today" and "now" are arguments, so tests run
them on any day they like."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.tenancy.models import Membership

from . import selectors, services
from .dashboard import ReminderRules, reminders_due
from .models import Measure, ReminderRecipient, SentReminder, SteeringGroup, SteeringRole

# The most urgent reason first (a measure's subject line names it).
URGENCY = ["overdue", "due_soon", "stale", "check_back"]


def rules_for(dialogue: Dialogue, group: SteeringGroup | None) -> ReminderRules:
    group = group or SteeringGroup(dialogue=dialogue)  # the defaults, when no Begleitkreis is set up yet
    event_day = dialogue.last_day
    return ReminderRules(
        remind_days_before_due=group.remind_days_before_due,
        stale_after_days=group.stale_after_days,
        check_back_on=event_day + datetime.timedelta(group.check_back_after_days) if event_day else None,
    )


def recipients_for(measure: Measure, group: SteeringGroup | None) -> list[str]:
    """The responsible person; if the measure names no address, the Begleitkreis' chair and coordination."""
    if measure.responsible_email:
        return [measure.responsible_email]
    if group is None:
        return []
    return sorted(
        {m.email for m in group.members.filter(role__in=[SteeringRole.CHAIR, SteeringRole.COORDINATION]) if m.email}
    )


def send_due_reminders(
    *, today: datetime.date, now: datetime.datetime | None = None, dialogue: Dialogue | None = None
) -> int:
    """Send every reminder that is due by `today` and was not sent before, as one e-mail per person and run
    (a digest of everything due for them); returns how many reminders went out. A person who paused
    reminders gets none; what is due then comes when they switch them on again."""
    now = now or timezone.now()
    # An archived dialogue is done with: its measures remind nobody any more.
    dialogues = (
        Dialogue.objects.filter(measures__isnull=False, archived_at__isnull=True)
        .distinct()
        .select_related("municipality")
    )
    if dialogue is not None:
        dialogues = dialogues.filter(pk=dialogue.pk)
    due: dict[tuple[int, str], list[tuple[Measure, str, str]]] = defaultdict(list)
    addresses: dict[tuple[int, str], str] = {}
    for item in dialogues:
        group = SteeringGroup.objects.filter(dialogue=item).first()
        if group is not None and not group.reminders_enabled:
            continue
        measures = {m.pk: m for m in selectors.measures_of(dialogue=item)}
        facts = [selectors.facts_for(m) for m in measures.values()]
        for planned in reminders_due(facts, today=today, rules=rules_for(item, group)):
            measure = measures[planned.measure_id]
            for recipient in recipients_for(measure, group):
                person = (item.municipality_id, recipient.lower())
                addresses.setdefault(person, recipient)
                due[person].append((measure, planned.kind, planned.key))
    paused = selectors.paused_recipients(people=list(due))
    return sum(
        _send_digest(municipality_id=person[0], recipient=addresses[person], items=items, now=now, today=today)
        for person, items in due.items()
        if person not in paused
    )


def report_url(*, measure: Measure, recipient: str, today: datetime.date) -> str:
    """Where the reminder sends its reader: the measure's owner without an account gets their personal link
    (made now if they have none that still works); members of the municipality get the measure's page."""
    base = settings.SITE_URL.rstrip("/")
    if recipient.lower() == (measure.responsible_email or "").lower():
        link = selectors.active_owner_link(measure=measure, email=recipient, today=today)
        if (
            link is None
            and not Membership.objects.filter(
                municipality_id=measure.dialogue.municipality_id, user__email__iexact=recipient
            ).exists()
        ):
            link = services.owner_link_create(
                actor=None,
                measure=measure,
                name=measure.responsible_person or recipient,
                email=recipient,
                base_url=base,
                today=today,
                send=False,
            )
        if link is not None:
            return services.owner_link_url(link, base)
    return base + reverse("measures:detail", args=[measure.dialogue_id, measure.pk])


def _send_digest(
    *,
    municipality_id: int,
    recipient: str,
    items: list[tuple[Measure, str, str]],
    now: datetime.datetime,
    today: datetime.date,
) -> int:
    # Claim each reminder first: the unique constraint lets only one worker insert its row, the others skip
    # it. If the mail cannot be sent, every claim rolls back with it and the next run tries again.
    with transaction.atomic():
        claimed: dict[int, dict] = {}  # by measure, in the order they came: each measure once, with its reasons
        for measure, kind, key in items:
            try:
                with transaction.atomic():
                    SentReminder.objects.create(measure=measure, kind=kind, key=key, recipient=recipient, sent_at=now)
            except IntegrityError:
                continue
            entry = claimed.setdefault(measure.pk, {"measure": measure, "kinds": [], "url": ""})
            entry["kinds"].append(kind)
        if not claimed:
            return 0
        for entry in claimed.values():
            entry["kinds"].sort(key=URGENCY.index)
            entry["url"] = report_url(measure=entry["measure"], recipient=recipient, today=today)
        person, _created = ReminderRecipient.objects.get_or_create(
            municipality_id=municipality_id, email=recipient.lower()
        )
        base = settings.SITE_URL.rstrip("/")
        entries = list(claimed.values())
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "entries": entries,
                "dialogues": sorted({entry["measure"].dialogue.title for entry in entries}),
                "pause_url": base + reverse("measures:reminder_settings", args=[person.token]),
            }
            subject = render_to_string("measures/email/reminder_subject.txt", context).strip()
            body = render_to_string("measures/email/reminder.txt", context)
        send_mail(subject, body, None, [recipient])
    return sum(len(entry["kinds"]) for entry in entries)
