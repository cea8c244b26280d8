"""Reads of table plans: a dialogue's sessions and plans, the grid per round, route cards (each in its person's
language), a participant's route."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from dialogwerk.dialogues import languages
from dialogwerk.dialogues.models import Dialogue, Theme
from dialogwerk.live.models import Method, Participant, Session
from dialogwerk.preparation.models import Invitation
from dialogwerk.translations.selectors import ContentTranslator, translator_for

from .models import NAME_MAX_LENGTH, PlanStatus, SeatingAssignment, SeatingPerson, SeatingPlan


@dataclass(frozen=True)
class RouteStep:
    """One line of a personal route: round → table, with the table's theme."""

    round_number: int
    table_number: int
    theme_name: str = ""  # the German original
    theme: Theme | None = field(default=None, compare=False)  # for the reader's language ({% route_step %})

    @property
    def label(self) -> str:
        if self.theme_name:
            return _("Round %(round)s: Table %(table)s – %(theme)s") % {
                "round": self.round_number,
                "table": self.table_number,
                "theme": self.theme_name,
            }
        return _("Round %(round)s: Table %(table)s") % {"round": self.round_number, "table": self.table_number}

    def __str__(self) -> str:
        return self.label


@dataclass
class TableSeats:
    number: int
    theme_name: str
    people: list[SeatingPerson] = field(default_factory=list)


@dataclass
class RouteCard:
    """One person's card, printed in their language: `translator` gives the dialogue's texts in it."""

    person: SeatingPerson
    steps: list[RouteStep]
    language: str = "de"
    translator: ContentTranslator | None = None

    @property
    def direction(self) -> str:
        return "rtl" if get_language_info(self.language)["bidi"] else "ltr"

    @property
    def name_direction(self) -> str:
        """The direction of the person's name by its first strong letter (HTML's dir="auto"), else the card's:
        the PDF renderer ignores <bdi>, and "Samira Al-Haddad" or "Anna (Frauencafé)" on an Arabic card would
        otherwise have its hyphen or bracket moved to the wrong end."""
        for char in self.person.name:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
        return self.direction


def sessions_for_seating(*, dialogue: Dialogue) -> list[Session]:
    """The dialogue's sessions, World Cafés first, each with `current_plan` (or None)."""
    sessions = list(
        dialogue.sessions.prefetch_related(
            Prefetch(
                "seating_plans", queryset=SeatingPlan.objects.filter(status=PlanStatus.CURRENT), to_attr="current_plans"
            )
        ).order_by("-created_at", "-id")
    )
    for session in sessions:
        session.current_plan = session.current_plans[0] if session.current_plans else None
    sessions.sort(key=lambda s: s.method != Method.WORLD_CAFE)
    return sessions


def get_session(*, dialogue: Dialogue, session_id: int) -> Session:
    try:
        return dialogue.sessions.get(pk=session_id)
    except Session.DoesNotExist:
        raise Http404 from None


def get_plan(*, dialogue: Dialogue, plan_id: int) -> SeatingPlan:
    """A plan of one of the dialogue's sessions; 404 otherwise (load the dialogue through its selector first)."""
    try:
        return SeatingPlan.objects.select_related("session__dialogue__municipality").get(
            pk=plan_id, session__dialogue=dialogue
        )
    except SeatingPlan.DoesNotExist:
        raise Http404 from None


def table_theme_map(*, plan: SeatingPlan) -> dict[int, Theme]:
    """table number -> its theme (tables without a theme are left out)."""
    return {tt.table_number: tt.theme for tt in plan.table_themes.select_related("theme") if tt.theme}


def theme_names(*, plan: SeatingPlan) -> dict[int, str]:
    return {number: theme.name for number, theme in table_theme_map(plan=plan).items()}


def table_themes(*, plan: SeatingPlan):
    return plan.table_themes.select_related("theme").order_by("table_number")


def actor_seat_name(actor) -> str:
    """The name a plan gives an invited actor: "contact (organisation)", or the organisation alone."""
    contact = actor.contact_name
    name = f"{contact} ({actor.name})" if contact and contact != actor.name else actor.name
    return name[:NAME_MAX_LENGTH]


def _invited_languages(*, dialogue_id: int) -> dict[str, str]:
    """Seat name (casefolded) -> preferred language of an accepted invitation to the dialogue. Read when printing,
    never copied into the plan, so that erasing the actor or their answer leaves no language behind."""
    offered = set(languages.offered_codes())
    invitations = (
        Invitation.objects.filter(dialogue_id=dialogue_id, status="accepted", language__in=offered)
        .exclude(language=languages.WORKING_LANGUAGE)
        .select_related("actor")
    )
    return {actor_seat_name(invitation.actor).casefold(): invitation.language for invitation in invitations}


def card_languages(*, plan: SeatingPlan, people: Iterable[SeatingPerson]) -> dict[int, str]:
    """person id -> the language they read: a linked participant's own choice on the phone, else the preferred
    language of their accepted invitation (by the name the plan gave them), else German. Load the people with
    their participant; this adds one query (the invitations), and only when someone is not linked."""
    found: dict[int, str] = {}
    invited: dict[str, str] | None = None
    offered = set(languages.offered_codes())
    for person in people:
        if person.participant_id is not None and person.participant is not None:
            chosen = person.participant.language
            found[person.pk] = chosen if chosen in offered else settings.LANGUAGE_CODE
            continue
        if invited is None:
            invited = _invited_languages(dialogue_id=plan.session.dialogue_id)
        found[person.pk] = invited.get(person.name.casefold(), settings.LANGUAGE_CODE)
    return found


def plan_grid(*, plan: SeatingPlan) -> list[list[TableSeats]]:
    """grid[round][table] with the people at that table (hosts first, then by name). Each person carries
    `card_language` (the code they read, see card_languages) and `other_language` (that language described
    for the table hosts, None for German)."""
    names = theme_names(plan=plan)
    grid = [[TableSeats(t, names.get(t, "")) for t in range(1, plan.table_count + 1)] for _r in range(plan.rounds)]
    seats = list(plan.assignments.select_related("person__participant"))
    people = {seat.person_id: seat.person for seat in seats}
    codes = card_languages(plan=plan, people=people.values())
    described = {code: languages.describe(code) for code in set(codes.values()) if code != languages.WORKING_LANGUAGE}
    for seat in seats:
        seat.person = people[seat.person_id]  # one object per person, whatever the round
        seat.person.card_language = codes[seat.person_id]
        seat.person.other_language = described.get(seat.person.card_language)
        if seat.round_index < plan.rounds and 1 <= seat.table_number <= plan.table_count:
            grid[seat.round_index][seat.table_number - 1].people.append(seat.person)
    for round_tables in grid:
        for table in round_tables:
            table.people.sort(key=lambda p: (not p.is_host, p.name.casefold()))
    return grid


def people_of(*, plan: SeatingPlan):
    return plan.people.order_by("position", "id")


def route_cards(*, plan: SeatingPlan) -> list[RouteCard]:
    """A card for everyone present, sorted by name, with their table in each round, in the person's language
    (card_languages): one query for the dialogue's translations per language used, none for German."""
    themes = table_theme_map(plan=plan)
    steps: dict[int, list[RouteStep]] = {}
    for person_id, r, t in plan.assignments.values_list("person_id", "round_index", "table_number").order_by(
        "round_index"
    ):
        theme = themes.get(t)
        steps.setdefault(person_id, []).append(RouteStep(r + 1, t, theme.name if theme else "", theme))
    people = sorted(plan.people.filter(present=True).select_related("participant"), key=lambda p: p.name.casefold())
    codes = card_languages(plan=plan, people=people)
    translators: dict[str, ContentTranslator] = {}
    cards = []
    for person in people:
        language = codes[person.pk]
        if language not in translators:
            translators[language] = translator_for(dialogue_id=plan.session.dialogue_id, language=language)
        cards.append(RouteCard(person, steps.get(person.pk, []), language, translators[language]))
    return cards


def current_plan(*, session: Session) -> SeatingPlan | None:
    return SeatingPlan.objects.filter(session=session, status=PlanStatus.CURRENT).first()


def seat_of_participant(*, participant: Participant) -> SeatingPerson | None:
    """The participant's place in the session's current plan: linked, or else the one present person
    with the same name who is not linked to someone else."""
    plan = current_plan(session=participant.session)
    if plan is None:
        return None
    linked = plan.people.filter(participant=participant, present=True).first()
    if linked is not None or not participant.display_name:
        return linked
    same_name = list(
        plan.people.filter(participant=None, present=True, name__iexact=participant.display_name.strip())[:2]
    )
    return same_name[0] if len(same_name) == 1 else None


def route_for_participant(participant: Participant) -> list[RouteStep]:
    """What the participant's phone shows: 'Round 2: Table 4 – Building & housing' per round (empty
    when the session has no plan or the participant is not in it)."""
    person = seat_of_participant(participant=participant)
    if person is None:
        return []
    themes = table_theme_map(plan=person.plan)
    route = []
    for seat in SeatingAssignment.objects.filter(person=person).order_by("round_index"):
        theme = themes.get(seat.table_number)
        route.append(RouteStep(seat.round_index + 1, seat.table_number, theme.name if theme else "", theme))
    return route


def join_url(*, session: Session, base_url: str) -> str:
    """The live session's join address, absolute (for QR codes on paper)."""
    try:
        path = reverse("live:join", kwargs={"code": session.code})
    except NoReverseMatch:
        path = f"/j/{session.code}/"
    return base_url.rstrip("/") + path
