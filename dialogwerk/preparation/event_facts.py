"""What an invited person needs to know about the event, from its one source each: the date from the
dialogue, the times from the agenda, the place and what it offers from the event details. Invitations, the
RSVP page and the calendar entry all read it here, so they cannot disagree."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dialogwerk.design.models import Agenda
from dialogwerk.dialogues import languages
from dialogwerk.dialogues.models import Dialogue

from .models import EventDetails, StepFree

# Whole sentences for the invited person, in their language (the choices' labels are the staff's words).
STEP_FREE_SENTENCES = {
    StepFree.UNKNOWN: _("Please ask us about step-free access."),
    StepFree.YES: _("The venue is step-free throughout."),
    StepFree.PARTLY: _("The venue is partly step-free."),
    StepFree.NO: _("The venue is not step-free."),
}


@dataclass(frozen=True)
class EventFacts:
    dialogue: Dialogue
    details: EventDetails | None
    agenda: "Agenda | None"  # holds the times; None until someone sets them (agenda or venue page)
    start: datetime.datetime | datetime.date | None  # None while the date is not fixed
    end: datetime.datetime | datetime.date | None

    @property
    def timed(self) -> bool:
        return isinstance(self.start, datetime.datetime)

    @property
    def location(self) -> str:
        """One line for a calendar or a navigation app: venue and address, else the town."""
        if self.details is None:
            return self.dialogue.municipality.name
        address = ", ".join(line.strip() for line in self.details.address.splitlines() if line.strip())
        return ", ".join(part for part in (self.details.venue, address) if part)

    @property
    def step_free_sentence(self) -> str:
        return str(STEP_FREE_SENTENCES[StepFree(self.details.step_free if self.details else StepFree.UNKNOWN)])

    @property
    def interpreter_languages(self) -> list[languages.Language]:
        return [languages.describe(code) for code in self.details.interpreter_codes] if self.details else []


def event_times(
    dialogue: Dialogue, agenda
) -> tuple[datetime.datetime | datetime.date, datetime.datetime | datetime.date] | None:
    """Start and end of the event: the agenda's times when there is one, else the whole day(s); None
    while the date is not fixed (it may be cleared after invitations went out)."""
    if dialogue.starts_on is None:
        return None
    if agenda is not None:
        zone = ZoneInfo(settings.TIME_ZONE)
        start = datetime.datetime.combine(dialogue.starts_on, agenda.starts_at, tzinfo=zone)
        end = datetime.datetime.combine(dialogue.last_day, agenda.ends_at, tzinfo=zone)
        return start, max(end, start + datetime.timedelta(minutes=30))
    return dialogue.starts_on, dialogue.last_day + datetime.timedelta(days=1)


def event_facts(dialogue: Dialogue) -> EventFacts:
    details = EventDetails.objects.filter(dialogue=dialogue).first()
    agenda = Agenda.objects.filter(dialogue=dialogue).first()
    times = event_times(dialogue, agenda)
    start, end = times if times is not None else (None, None)
    return EventFacts(dialogue=dialogue, details=details, agenda=agenda, start=start, end=end)
