"""Calendar files (iCalendar): the event for an invitation, and the project plan's tasks."""

import datetime
from typing import TYPE_CHECKING

from dialogwerk.dialogues.models import Dialogue

if TYPE_CHECKING:
    from icalendar import Calendar

    from .event_facts import EventFacts

PRODID = "-//Dialogwerk//Flüchtlingsdialog//DE"


def _calendar() -> "Calendar":
    from icalendar import Calendar  # heavy: loaded only when a calendar file is made, not at start-up

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    return calendar


class NoEventDate(ValueError):
    """The dialogue has no start date (yet, or any more): there is no event to put in a calendar."""


def event_calendar(facts: "EventFacts", *, url: str = "") -> bytes:
    """The event as an iCalendar file, timed and with its place where they are known; raises NoEventDate
    while the dialogue has no date."""
    if facts.start is None:
        raise NoEventDate(facts.dialogue.pk)
    from icalendar import Event  # loaded by _calendar() anyway

    dialogue, details = facts.dialogue, facts.details
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"dialogue-{dialogue.pk}@dialogwerk")
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", facts.start)
    event.add("dtend", facts.end)
    event.add("summary", dialogue.title)
    description = [dialogue.purpose or dialogue.title]
    if details is not None:
        description += [line for line in (details.rooms, str(facts.step_free_sentence), details.accessibility) if line]
    event.add("description", "\n\n".join(description))
    event.add("location", facts.location)
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
