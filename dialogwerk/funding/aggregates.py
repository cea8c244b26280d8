"""Figures for a funding body across many municipalities, without Django and without personal data.

Input rows are plain dicts built by the selectors; output is counts and sums only.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class DialogueRow:
    municipality: str
    phase: str
    period: str  # "2026" or "2026-Q4": when the dialogue takes place ("" when not yet dated)
    application_status: str  # "" without an application
    requested: Decimal
    approved: Decimal
    participants: int
    measures: tuple[tuple[str, str], ...] = ()  # (status, theme)


@dataclass(frozen=True)
class Overview:
    dialogues: int
    municipalities: int
    by_phase: dict[str, int]
    applications_by_status: dict[str, tuple[int, Decimal, Decimal]]  # status -> (count, requested, approved)
    participants: int
    measures_by_status: dict[str, int]
    measures_by_theme: dict[str, int]
    by_period: dict[str, dict[str, object]]  # period -> dialogues, participants, requested, approved, measures


def quarter(date) -> str:
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}" if date else ""


def overview(rows: Iterable[DialogueRow]) -> Overview:
    rows = list(rows)
    applications: dict[str, list] = defaultdict(lambda: [0, Decimal("0"), Decimal("0")])
    for row in rows:
        if row.application_status:
            entry = applications[row.application_status]
            entry[0] += 1
            entry[1] += row.requested
            entry[2] += row.approved
    periods: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: r.period or "~"):
        key = row.period or "—"
        period = periods.setdefault(
            key, {"dialogues": 0, "participants": 0, "requested": Decimal("0"), "approved": Decimal("0"), "measures": 0}
        )
        period["dialogues"] += 1
        period["participants"] += row.participants
        period["requested"] += row.requested if row.application_status else Decimal("0")
        period["approved"] += row.approved
        period["measures"] += len(row.measures)
    return Overview(
        dialogues=len(rows),
        municipalities=len({row.municipality for row in rows}),
        by_phase=dict(Counter(row.phase for row in rows)),
        applications_by_status={status: tuple(values) for status, values in applications.items()},
        participants=sum(row.participants for row in rows),
        measures_by_status=dict(Counter(status for row in rows for status, _ in row.measures)),
        measures_by_theme=dict(Counter(theme for row in rows for _, theme in row.measures).most_common()),
        by_period=periods,
    )
