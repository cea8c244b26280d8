"""The live event's reads of the table plan. The seating app owns the plan and builds on live (its people are
live's participants), so live does not import it: seating declares how the evening reads its plan
(`core/registry.table_plan_reads`, `seating/evening.py`) and this module passes the calls on. Which round the
evening is in is live's own.
"""

from __future__ import annotations

from typing import Any

from dialogwerk.core.registry import table_plan_reads

from .models import Participant, Session, Step, StepKind, Table


def round_index(*, session: Session, steps: list[Step] | None = None) -> int | None:
    """The 0-based World-Café round the session is in now, counted over its round steps; None when the
    current step is no round (a welcome, a break, the plenary)."""
    steps = list(session.steps.all()) if steps is None else steps
    if not 0 <= session.current_step < len(steps) or steps[session.current_step].kind != StepKind.ROUND:
        return None
    return sum(1 for step in steps[: session.current_step] if step.kind == StepKind.ROUND)


def seat_now(*, participant: Participant, session: Session | None = None) -> Any:
    """The participant's table in the current round (a seating RouteStep: round, table, theme), or None."""
    return table_plan_reads.get("seat_now")(participant=participant, session=session)


def tables_now(*, session: Session, steps: list[Step] | None = None) -> tuple[int | None, list[Any]]:
    """(round number, the tables with who sits there) for the current round; (None, []) without a plan."""
    return table_plan_reads.get("tables_now")(session=session, steps=steps)


def table_of_seat(*, participant: Participant, session: Session) -> Table | None:
    """The live table where the participant sits in the current round, or None."""
    return table_plan_reads.get("table_of_seat")(participant=participant, session=session)


def route(participant: Participant) -> list[Any]:
    """The participant's table in each round (seating RouteSteps); empty without a plan or a seat."""
    return table_plan_reads.get("route")(participant)
