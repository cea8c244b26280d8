"""Reads of table plans: a dialogue's sessions and plans, the grid per round, route cards, a participant's route."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from dialogwerk.dialogues.models import Dialogue
from dialogwerk.live.models import Method, Participant, Session

from .models import PlanStatus, SeatingAssignment, SeatingPerson, SeatingPlan


@dataclass(frozen=True)
class RouteStep:
    """One line of a personal route: round → table, with the table's theme."""

    round_number: int
    table_number: int
    theme_name: str = ""

    @property
    def label(self) -> str:
        if self.theme_name:
            return _("Round %(round)s: Table %(table)s – %(theme)s") % {
                "round": self.round_number, "table": self.table_number, "theme": self.theme_name,
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
    person: SeatingPerson
    steps: list[RouteStep]


def sessions_for_seating(*, dialogue: Dialogue) -> list[Session]:
    """The dialogue's sessions, World Cafés first, each with `current_plan` (or None)."""
    sessions = list(
        dialogue.sessions.prefetch_related(
            Prefetch("seating_plans", queryset=SeatingPlan.objects.filter(status=PlanStatus.CURRENT), to_attr="current_plans")
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


def theme_names(*, plan: SeatingPlan) -> dict[int, str]:
    return {tt.table_number: tt.theme.name for tt in plan.table_themes.select_related("theme") if tt.theme}


def table_themes(*, plan: SeatingPlan):
    return plan.table_themes.select_related("theme").order_by("table_number")


def plan_grid(*, plan: SeatingPlan) -> list[list[TableSeats]]:
    """grid[round][table] with the people at that table (hosts first, then by name)."""
    names = theme_names(plan=plan)
    grid = [[TableSeats(t, names.get(t, "")) for t in range(1, plan.table_count + 1)] for _r in range(plan.rounds)]
    for seat in plan.assignments.select_related("person"):
        if seat.round_index < plan.rounds and 1 <= seat.table_number <= plan.table_count:
            grid[seat.round_index][seat.table_number - 1].people.append(seat.person)
    for round_tables in grid:
        for table in round_tables:
            table.people.sort(key=lambda p: (not p.is_host, p.name.casefold()))
    return grid


def people_of(*, plan: SeatingPlan):
    return plan.people.order_by("position", "id")


def route_cards(*, plan: SeatingPlan) -> list[RouteCard]:
    """A card for everyone present, sorted by name, with their table in each round."""
    names = theme_names(plan=plan)
    steps: dict[int, list[RouteStep]] = {}
    for person_id, r, t in plan.assignments.values_list("person_id", "round_index", "table_number").order_by("round_index"):
        steps.setdefault(person_id, []).append(RouteStep(r + 1, t, names.get(t, "")))
    people = sorted(plan.people.filter(present=True), key=lambda p: p.name.casefold())
    return [RouteCard(p, steps.get(p.pk, [])) for p in people]


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
    same_name = list(plan.people.filter(participant=None, present=True, name__iexact=participant.display_name.strip())[:2])
    return same_name[0] if len(same_name) == 1 else None


def route_for_participant(participant: Participant) -> list[RouteStep]:
    """What the participant's phone shows: 'Round 2: Table 4 – Building & housing' per round (empty
    when the session has no plan or the participant is not in it)."""
    person = seat_of_participant(participant=participant)
    if person is None:
        return []
    names = theme_names(plan=person.plan)
    return [
        RouteStep(seat.round_index + 1, seat.table_number, names.get(seat.table_number, ""))
        for seat in SeatingAssignment.objects.filter(person=person).order_by("round_index")
    ]


def join_url(*, session: Session, base_url: str) -> str:
    """The live session's join address, absolute (for QR codes on paper)."""
    try:
        path = reverse("live:join", kwargs={"code": session.code})
    except NoReverseMatch:
        path = f"/j/{session.code}/"
    return base_url.rstrip("/") + path
