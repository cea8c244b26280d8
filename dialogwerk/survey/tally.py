"""Counting answers on a 1–5 scale: how many gave each point, and the mean. No Django."""

from collections.abc import Iterable
from dataclasses import dataclass

SCALE = range(1, 6)


@dataclass(frozen=True)
class Summary:
    counts: tuple[int, ...]  # answers per point of the scale, from 1 to 5
    total: int
    mean: float | None

    @property
    def rows(self) -> list[tuple[int, int]]:
        return list(zip(SCALE, self.counts, strict=True))


def summarise(values: Iterable[int]) -> Summary:
    """Values outside the scale are ignored (the database refuses them anyway)."""
    counts = dict.fromkeys(SCALE, 0)
    for value in values:
        if value in counts:
            counts[value] += 1
    total = sum(counts.values())
    mean = sum(point * count for point, count in counts.items()) / total if total else None
    return Summary(tuple(counts[point] for point in SCALE), total, mean)
