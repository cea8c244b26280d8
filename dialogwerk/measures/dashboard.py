"""Which measures need attention on a given day: overdue, due soon, without a report for long; which
reminders are due; how progress rolls up. Pure Python (no Django), so "today" is always an argument."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

OPEN_STATUSES = frozenset({"planned", "in_progress", "paused"})
DUE_SOON_DAYS = 30
STALE_DAYS = 60


@dataclass(frozen=True)
class MeasureFacts:
    id: int
    title: str
    owner: str
    status: str
    due_on: datetime.date | None
    last_activity_on: datetime.date  # the latest progress report, or the day the measure was created
    progress: int = 0

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def is_overdue(facts: MeasureFacts, today: datetime.date) -> bool:
    return facts.is_open and facts.due_on is not None and facts.due_on < today


def is_due_soon(facts: MeasureFacts, today: datetime.date, days: int = DUE_SOON_DAYS) -> bool:
    return facts.is_open and facts.due_on is not None and today <= facts.due_on <= today + datetime.timedelta(days)


def is_stale(facts: MeasureFacts, today: datetime.date, days: int = STALE_DAYS) -> bool:
    return facts.is_open and facts.last_activity_on <= today - datetime.timedelta(days)


@dataclass
class OwnerLine:
    owner: str
    total: int = 0
    open: int = 0
    overdue: int = 0
    due_soon: int = 0
    stale: int = 0


@dataclass
class Buckets:
    overdue: list[MeasureFacts] = field(default_factory=list)
    due_soon: list[MeasureFacts] = field(default_factory=list)
    stale: list[MeasureFacts] = field(default_factory=list)
    by_owner: list[OwnerLine] = field(default_factory=list)


def bucket(
    measures: Iterable[MeasureFacts],
    *,
    today: datetime.date,
    due_soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> Buckets:
    """Sort measures into the dashboard's lists. A measure may be in several (overdue and stale)."""
    result = Buckets()
    owners: dict[str, OwnerLine] = {}
    for facts in measures:
        line = owners.setdefault(facts.owner, OwnerLine(owner=facts.owner))
        line.total += 1
        line.open += facts.is_open
        if is_overdue(facts, today):
            result.overdue.append(facts)
            line.overdue += 1
        if is_due_soon(facts, today, due_soon_days):
            result.due_soon.append(facts)
            line.due_soon += 1
        if is_stale(facts, today, stale_days):
            result.stale.append(facts)
            line.stale += 1
    by_due = lambda f: (f.due_on or datetime.date.max, f.title, f.id)  # noqa: E731
    result.overdue.sort(key=by_due)
    result.due_soon.sort(key=by_due)
    result.stale.sort(key=lambda f: (f.last_activity_on, f.title, f.id))
    # Owners with the most trouble first; the unnamed owner ("") last, so it stands out as a gap.
    result.by_owner = sorted(owners.values(), key=lambda o: (o.owner == "", -o.overdue, -o.stale, o.owner.casefold()))
    return result


@dataclass(frozen=True)
class ReminderRules:
    remind_days_before_due: int = 14
    stale_after_days: int = STALE_DAYS
    check_back_on: datetime.date | None = None  # the day to check back with every owner (event + 4 weeks)


@dataclass(frozen=True)
class PlannedReminder:
    measure_id: int
    kind: str  # due_soon, overdue, stale, check_back
    key: str  # what it is about; (measure, kind, key, recipient) is sent at most once


def reminders_due(
    measures: Iterable[MeasureFacts], *, today: datetime.date, rules: ReminderRules
) -> list[PlannedReminder]:
    """The reminders that should have gone out by `today`. The key makes a reminder come again only when
    its reason changes (a new due date, a new report that then went stale again)."""
    planned: list[PlannedReminder] = []
    for facts in measures:
        if not facts.is_open:
            continue
        if facts.due_on is not None:
            if facts.due_on < today:
                planned.append(PlannedReminder(facts.id, "overdue", facts.due_on.isoformat()))
            elif facts.due_on <= today + datetime.timedelta(rules.remind_days_before_due):
                planned.append(PlannedReminder(facts.id, "due_soon", facts.due_on.isoformat()))
        if is_stale(facts, today, rules.stale_after_days):
            planned.append(PlannedReminder(facts.id, "stale", facts.last_activity_on.isoformat()))
        if rules.check_back_on is not None and rules.check_back_on <= today:
            planned.append(PlannedReminder(facts.id, "check_back", rules.check_back_on.isoformat()))
    return planned


def roll_up(items: Sequence[tuple[int, str]]) -> int | None:
    """The progress of a group of measures, as (progress, status) pairs: the mean over those not dropped,
    done counting as 100. None if nothing is left to count."""
    counted = [100 if status == "done" else progress for progress, status in items if status != "dropped"]
    if not counted:
        return None
    return round(sum(counted) / len(counted))
