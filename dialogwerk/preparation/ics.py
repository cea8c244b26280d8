"""Calendar files (iCalendar): the event for an invitation, and the project plan's tasks."""

import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings

from dialogwerk.dialogues.models import Dialogue

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = "-//Dialogwerk//Flüchtlingsdialog//DE"


def _calendar() -> "Calendar":
    from icalendar import Calendar  # heavy: loaded only when a calendar file is made, not at start-up

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    return calendar


class NoEventDate(ValueError):
    """The dialogue has no start date (yet, or any more): there is no event to put in a calendar."""


def event_times(dialogue: Dialogue) -> tuple[datetime.datetime | datetime.date, datetime.datetime | datetime.date] | None:
    """Start and end of the event: the agenda's times when there is one, else the whole day(s); None
    while the date is not fixed (it may be cleared after invitations went out)."""
    from dialogwerk.design.models import Agenda  # the agenda knows the times; design builds on preparation

    if dialogue.starts_on is None:
        return None
    agenda = Agenda.objects.filter(dialogue=dialogue).first()
    if agenda is not None:
        zone = ZoneInfo(settings.TIME_ZONE)
        start = datetime.datetime.combine(dialogue.starts_on, agenda.starts_at, tzinfo=zone)
        end = datetime.datetime.combine(dialogue.ends_on or dialogue.starts_on, agenda.ends_at, tzinfo=zone)
        return start, max(end, start + datetime.timedelta(minutes=30))
    return dialogue.starts_on, (dialogue.ends_on or dialogue.starts_on) + datetime.timedelta(days=1)


def event_calendar(dialogue: Dialogue, *, url: str = "") -> bytes:
    """The event as an iCalendar file; raises NoEventDate while the dialogue has no date."""
    times = event_times(dialogue)
    if times is None:
        raise NoEventDate(dialogue.pk)
    start, end = times
    from icalendar import Event  # loaded by _calendar() anyway

    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"dialogue-{dialogue.pk}@dialogwerk")
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", dialogue.title)
    event.add("description", dialogue.purpose or dialogue.title)
    event.add("location", dialogue.municipality.name)
    if url:
        event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()


def plan_calendar(dialogue: Dialogue, tasks) -> bytes:
    """Each task as an all-day event on its due date, so that any calendar shows it."""
    from icalendar import Event  # loaded by _calendar() anyway

    calendar = _calendar()
    calendar.add("x-wr-calname", f"Projektplan – {dialogue.title}")
    for task in tasks:
        event = Event()
        event.add("uid", f"task-{task.pk}@dialogwerk")
        event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
        event.add("dtstart", task.due_on)
        event.add("dtend", task.due_on + datetime.timedelta(days=1))
        event.add("summary", ("◆ " if task.is_milestone else "") + task.title)
        lines = [f"{task.get_status_display()}"]
        if task.owner:
            lines.append(f"Verantwortlich: {task.owner}")
        if task.notes:
            lines.append(task.notes)
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    return calendar.to_ical()
