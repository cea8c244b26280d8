"""The default project plan, counted back and forth from the event date. No Django here.

Each step has a key (the app names it in German), an offset in days from the event, whether it is a
milestone, and the keys of the steps it waits for.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanStep:
    key: str
    offset_days: int  # due date relative to the event day; negative = before
    duration_days: int  # how long the work takes before the due date (0 for milestones)
    milestone: bool
    depends_on: tuple[str, ...] = ()


DEFAULT_STEPS = (
    PlanStep("kickoff", -70, 0, True),
    PlanStep("needs_analysis", -56, 14, True, ("kickoff",)),
    PlanStep("actor_analysis", -49, 14, False, ("kickoff",)),
    PlanStep("design", -42, 10, False, ("needs_analysis",)),
    PlanStep("venue", -42, 14, False, ("kickoff",)),
    PlanStep("invitations", -28, 7, True, ("actor_analysis", "design")),
    PlanStep("press", -21, 7, False, ("invitations",)),
    PlanStep("reminders", -7, 3, False, ("invitations",)),
    PlanStep("briefing", -3, 2, False, ("design",)),
    PlanStep("event", 0, 0, True, ("invitations", "briefing")),
    PlanStep("documentation", 14, 14, True, ("event",)),
    PlanStep("council", 42, 14, False, ("documentation",)),
)


@dataclass(frozen=True)
class PlannedTask:
    key: str
    starts_on: datetime.date | None
    due_on: datetime.date
    milestone: bool
    depends_on: tuple[str, ...]


def default_plan(event_day: datetime.date, steps: tuple[PlanStep, ...] = DEFAULT_STEPS) -> list[PlannedTask]:
    plan = []
    for step in steps:
        due = event_day + datetime.timedelta(days=step.offset_days)
        start = due - datetime.timedelta(days=step.duration_days) if step.duration_days else None
        plan.append(PlannedTask(step.key, start, due, step.milestone, step.depends_on))
    return plan


def timeline_span(dates: list[datetime.date]) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a timeline must show (padded by a day at each side)."""
    if not dates:
        return None
    return min(dates) - datetime.timedelta(days=1), max(dates) + datetime.timedelta(days=1)
