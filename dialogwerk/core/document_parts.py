"""The shapes of what the apps give the documents (core/registry.py's document sources): plain data, so that
the documents (reports, funding) read every app without importing it. No Django model import here."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# --- preparation -----------------------------------------------------------------------------------


@dataclass
class NeedsAnalysis:
    answers: list[tuple[str, str]]  # (guiding question, answer)
    key_figures: list[tuple[str, str, str]]  # (indicator, value, as of)
    existing_measures: list[tuple[str, str, str]]  # (title, owner, status)


@dataclass
class InvitationFigures:
    invited: int
    accepted: int
    by_perspective: Counter[str]  # accepted invitations by the actor's perspective, in first-seen order
    consenting_organisations: list[str]  # names of invited organisations that agreed to be named


# --- participation -------------------------------------------------------------------------------


@dataclass
class ParticipantFigures:
    participants: int  # phones registered in the live sessions
    by_perspective: Counter[str]  # in first-seen order
    by_language: Counter[str]


@dataclass
class Participation:
    participants: int  # phones registered in the live sessions
    by_perspective: list[tuple[str, int]]
    accepted_invitations: int
    invitations: int
    by_language: list[tuple[str, int]]
    consenting_organisations: list[str] = field(default_factory=list)
    counted: int | None = None  # the people counted at the event (Dialogue.people_counted)

    @property
    def count(self) -> int:
        """The one figure for 'how many took part', in every document: the people counted at the event, else
        the phones registered in the live session, else the accepted invitations."""
        if self.counted is not None:
            return self.counted
        return self.participants or self.accepted_invitations


# --- agenda and method ---------------------------------------------------------------------------


@dataclass
class AgendaPlan:
    """The agenda (Ablaufplan) of the design app: "" and [] when none was made."""

    starts_at: str
    ends_at: str
    items: list[tuple[str, str, str, str]]  # (time, title, method, minutes)
    methods: list[str]


@dataclass
class SessionSteps:
    """One live session: its method and its steps (as agenda items without a time)."""

    method: str
    steps: list[tuple[str, str, str, str]]


@dataclass
class Agenda:
    starts_at: str
    ends_at: str
    items: list[tuple[str, str, str, str]]  # (time, title, method, minutes)
    methods: list[str]


def distinct_names(names) -> list[str]:
    """Each name once, in first-seen order; "World Café" and "World-Café" (agenda and live session spell
    the method differently) count as one."""
    seen, result = set(), []
    for name in names:
        key = "".join(ch for ch in name.casefold() if ch.isalnum())
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return result


# --- cards, bundles, votes -------------------------------------------------------------------------


@dataclass
class Card:
    id: int
    kind: str
    kind_label: str
    theme_id: int | None
    theme: str
    text: str
    language: str
    german: str = ""  # the German translation of a card written in another language ("" if none)
    german_by_machine: bool = False


@dataclass
class Bundle:
    title: str
    kind: str
    kind_label: str
    theme: str
    cards: int | None  # None: the link from bundles to cards is not known yet


def with_german(text: str, german: tuple[str, bool] | None) -> str:
    """The original, then its German translation: "Original (Deutsch: …)"; marked when by machine."""
    if not german or not german[0]:
        return text
    if german[1]:
        return _("%(original)s (German, machine-translated: %(german)s)") % {"original": text, "german": german[0]}
    return _("%(original)s (German: %(german)s)") % {"original": text, "german": german[0]}


@dataclass
class VoteResult:
    title: str
    budget: int
    voters: int
    ranking: list[tuple[str, int]]  # (card text, dots)


# --- decisions, measures, steering group -----------------------------------------------------------


@dataclass
class DecisionRow:
    title: str
    outcome: str
    outcome_label: str
    reason: str
    working_group: str


@dataclass
class WorkingGroupRow:
    name: str
    mandate: str
    due: str
    convenor: str


@dataclass
class MeasureRow:
    number: str  # the measure's number as cited (M-07), the same as the "Nr." of the catalogue's XLSX
    title: str
    description: str
    theme: str
    responsible: str
    starts_on: str
    due_on: str
    status: str
    status_label: str
    priority: str
    progress: int


@dataclass
class SteeringGroupInfo:
    name: str
    members: list[tuple[str, str, str]]  # (name, organisation, role)


# --- survey ---------------------------------------------------------------------------------------------


@dataclass
class Survey:
    process: list[int]
    results: list[int]
    again: list[int] = field(default_factory=list)


def date_text(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""
