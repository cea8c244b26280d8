"""Arithmetic of a cost plan and a report on the use of funds, without Django.

Amounts are Decimals in euros. The programme's limits (cap, minimum own share, funding rate, deviation
threshold) are passed in: programmes change, so none of them is a constant here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def money(value) -> Decimal:
    return (Decimal(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Limits:
    cap: Decimal
    min_own_share_percent: Decimal = ZERO
    max_funding_rate_percent: Decimal = Decimal("100")


@dataclass(frozen=True)
class CostPlan:
    total: Decimal
    own_share: Decimal
    requested: Decimal
    max_requestable: Decimal
    own_share_percent: Decimal
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def within_limits(self) -> bool:
        return not self.problems


# Problem codes; the app turns them into sentences.
OVER_CAP = "over_cap"
OVER_RATE = "over_rate"
OWN_SHARE_TOO_LOW = "own_share_too_low"
OWN_SHARE_OVER_TOTAL = "own_share_over_total"


def requested_amount(total, own_share) -> Decimal:
    """What is asked of the programme: the plan's total less the own share, never below zero."""
    return max(money(total) - money(own_share), ZERO)


def cost_plan(amounts: Iterable, *, own_share, limits: Limits) -> CostPlan:
    """Total of the lines, the amount requested (total minus own share) and what breaks the limits."""
    total = money(sum((money(a) for a in amounts), ZERO))
    own = money(own_share)
    requested = requested_amount(total, own)
    by_rate = money(total * Decimal(limits.max_funding_rate_percent) / 100)
    by_own_share = money(total - total * Decimal(limits.min_own_share_percent) / 100)
    max_requestable = max(min(money(limits.cap), by_rate, by_own_share), ZERO)
    percent = money(own * 100 / total) if total else ZERO
    problems = []
    if own > total:
        problems.append(OWN_SHARE_OVER_TOTAL)
    if requested > money(limits.cap):
        problems.append(OVER_CAP)
    if requested > by_rate:
        problems.append(OVER_RATE)
    if total and percent < Decimal(limits.min_own_share_percent):
        problems.append(OWN_SHARE_TOO_LOW)
    return CostPlan(total, own, requested, max_requestable, percent, tuple(problems))


@dataclass(frozen=True)
class Deviation:
    key: object
    planned: Decimal
    actual: Decimal
    difference: Decimal
    percent: Decimal | None
    needs_explanation: bool


def deviation(key, planned, actual, *, threshold_percent, threshold_amount=Decimal("0")) -> Deviation:
    """Actual against planned; a line needs an explanation when it differs by more than the threshold."""
    planned, actual = money(planned), money(actual)
    difference = actual - planned
    percent = money(difference * 100 / planned) if planned else None
    if percent is not None:
        needs = abs(percent) > Decimal(threshold_percent) and abs(difference) > Decimal(threshold_amount)
    else:
        needs = actual > 0
    return Deviation(key, planned, actual, difference, percent, needs)


def deviations(rows: Iterable[tuple], *, threshold_percent, threshold_amount=Decimal("0")) -> list[Deviation]:
    """rows: (key, planned, actual); actual None counts as not spent (0)."""
    return [
        deviation(key, planned, actual or 0, threshold_percent=threshold_percent, threshold_amount=threshold_amount)
        for key, planned, actual in rows
    ]


def totals(items: list[Deviation]) -> Deviation:
    planned = sum((d.planned for d in items), ZERO)
    actual = sum((d.actual for d in items), ZERO)
    return deviation("total", planned, actual, threshold_percent=Decimal("100000"))


def format_eur(value) -> str:
    """German format: 1.234,50 €."""
    return f"{format_amount(value)} €"


def format_amount(value) -> str:
    """German format without the currency: 1.234,50."""
    amount = money(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{cents}"
