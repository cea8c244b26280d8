"""The table plan during the evening: who sits at which table in the current round, for the phone ("Round 2:
Table 4 – …"), the console (who sits where this round) and a participant's card (it gets the table of their
seat). The live app (below seating) reads these through what `declarations.py` declares
(`core/registry.table_plan_reads`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dialogwerk.core.compiled_query import CompiledQuery
from dialogwerk.live.models import Participant, Session, Step, Table
from dialogwerk.live.seating_link import round_index

from .models import PlanStatus, SeatingAssignment, SeatingPlan
from .selectors import RouteStep, route_for_participant, seat_of_participant, table_theme_map, theme_names


@dataclass
class TableNow:
    """A table in the current round: its number, theme and the people sitting there (hosts first)."""

    number: int
    theme_name: str
    people: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)


def current_plan(*, session: Session) -> SeatingPlan | None:
    return SeatingPlan.objects.filter(session=session, status=PlanStatus.CURRENT).first()


def seat_now(*, participant: Participant, session: Session | None = None) -> RouteStep | None:
    """The participant's table in the current round ("Round 2: Table 4 – Bauen & Wohnen"), or None."""
    session = session or participant.session
    index = round_index(session=session)
    if index is None:
        return None
    person = seat_of_participant(participant=participant)
    if person is None:
        return None
    table_number = (
        SeatingAssignment.objects.filter(person=person, round_index=index)
        .values_list("table_number", flat=True)
        .first()
    )
    if table_number is None:
        return None
    theme = table_theme_map(plan=person.plan).get(table_number)
    return RouteStep(index + 1, table_number, theme.name if theme else "", theme)


def tables_now(*, session: Session, steps: list[Step] | None = None) -> tuple[int | None, list[TableNow]]:
    """(round number, tables with who sits there) for the current round; (None, []) without a plan or
    outside a round."""
    index = round_index(session=session, steps=steps)
    plan = current_plan(session=session) if index is not None else None
    if plan is None or index >= plan.rounds:
        return None, []
    names = theme_names(plan=plan)
    tables = {n: TableNow(n, names.get(n, "")) for n in range(1, plan.table_count + 1)}
    seats = plan.assignments.filter(round_index=index, person__present=True).select_related("person")
    for seat in sorted(seats, key=lambda s: (not s.person.is_host, s.person.name.casefold())):
        table = tables.setdefault(seat.table_number, TableNow(seat.table_number, names.get(seat.table_number, "")))
        (table.hosts if seat.person.is_host else table.people).append(seat.person.name)
    return index + 1, [tables[n] for n in sorted(tables)]


# Asked for every card written (compiled once, core.compiled_query; -1 is never a session's id).
_CURRENT_PLAN = CompiledQuery(
    lambda session_id: SeatingPlan.objects.filter(session_id=session_id, status=PlanStatus.CURRENT).values_list("pk")[
        :1
    ],
    -1,
)


def table_of_seat(*, participant: Participant, session: Session) -> Table | None:
    """The live table where the participant sits in the current round (made from the plan if the session
    has no table of that number yet), or None without a plan, a seat or a round."""
    if not _CURRENT_PLAN.rows(session.pk):
        return None  # the common case, and one query only: every card passes here
    seat = seat_now(participant=participant, session=session)
    if seat is None:
        return None
    table = session.tables.filter(number=seat.table_number).first()
    if table is None:
        plan = current_plan(session=session)
        theme = (
            plan.table_themes.filter(table_number=seat.table_number).select_related("theme").first() if plan else None
        )
        table, _created = Table.objects.get_or_create(
            session=session, number=seat.table_number, defaults={"theme": theme.theme if theme else None}
        )
    return table


READS: dict[str, Callable[..., Any]] = {
    "seat_now": seat_now,
    "tables_now": tables_now,
    "table_of_seat": table_of_seat,
    "route": route_for_participant,
}
