"""Dot voting (Punktabfrage) arithmetic: the default budget and the ranking. Pure Python, no Django."""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from math import ceil


def default_budget(option_count: int) -> int:
    """The rule of thumb: a third of the options, rounded up; at least one dot."""
    return max(1, ceil(option_count / 3))


@dataclass(frozen=True)
class Place:
    option: Hashable
    dots: int
    rank: int  # 1-based; options with the same number of dots share a rank ("1, 1, 3")


def ranking(dots: Iterable[Hashable], options: Iterable[Hashable] = ()) -> list[Place]:
    """Rank options by their dots, most first. `dots` holds one option per dot placed.

    Options without a dot are listed (with 0) when given in `options`; ties keep the order of `options`
    (then first appearance), so the wall does not reshuffle equal cards at every new dot.
    """
    counts = Counter(dots)
    order: dict[Hashable, int] = {}
    for option in options:
        order.setdefault(option, len(order))
    for option in counts:
        order.setdefault(option, len(order))
    ordered = sorted(order, key=lambda option: (-counts.get(option, 0), order[option]))
    places: list[Place] = []
    for index, option in enumerate(ordered):
        count = counts.get(option, 0)
        rank = places[-1].rank if places and places[-1].dots == count else index + 1
        places.append(Place(option=option, dots=count, rank=rank))
    return places


def free_slot(used: Iterable[int], budget: int) -> int | None:
    """The lowest dot number (0 … budget-1) not yet used, or None when the budget is spent."""
    taken = set(used)
    return next((slot for slot in range(budget) if slot not in taken), None)
