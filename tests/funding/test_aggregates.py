"""Figures for a funding body: counts and sums only."""

import datetime
from decimal import Decimal

from dialogwerk.funding import aggregates


def row(municipality, phase, when, status="", requested="0", approved="0", participants=0, measures=()):
    return aggregates.DialogueRow(
        municipality,
        phase,
        aggregates.quarter(when),
        status,
        Decimal(requested),
        Decimal(approved),
        participants,
        tuple(measures),
    )


def test_it_counts_dialogues_by_phase_and_sums_applications_by_status():
    rows = [
        row(
            "A",
            "follow_up",
            datetime.date(2026, 3, 1),
            "approved",
            "3000",
            "2800",
            60,
            [("done", "Wohnen"), ("planned", "Schule")],
        ),
        row("B", "preparation", datetime.date(2026, 11, 1), "submitted", "2500", "0", 0),
        row("B", "preparation", None),
    ]
    overview = aggregates.overview(rows)
    assert overview.dialogues == 3 and overview.municipalities == 2
    assert overview.by_phase == {"follow_up": 1, "preparation": 2}
    assert overview.applications_by_status["approved"] == (1, Decimal("3000"), Decimal("2800"))
    assert overview.applications_by_status["submitted"][0] == 1
    assert overview.participants == 60
    assert overview.measures_by_status == {"done": 1, "planned": 1}
    assert list(overview.by_period) == ["2026-Q1", "2026-Q4", "—"]
    assert overview.by_period["2026-Q1"]["approved"] == Decimal("2800")
