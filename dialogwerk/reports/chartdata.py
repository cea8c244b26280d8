"""Shaping figures for charts, without Django: order, cut to the largest few, wrap long labels."""

import textwrap
from collections.abc import Iterable


def top(pairs: Iterable[tuple[str, float]], limit: int, other_label: str) -> list[tuple[str, float]]:
    """The largest `limit` pairs by value (ties keep their order); the rest summed as one 'other' bar."""
    ordered = sorted(pairs, key=lambda pair: -pair[1])
    head, tail = ordered[:limit], ordered[limit:]
    rest = sum(value for _, value in tail)
    return head + ([(other_label, rest)] if tail and rest else [])


def in_words(summary: str, pairs: Iterable[tuple[str, object]]) -> str:
    """A chart's text alternative with its figures: "Bar chart: people by perspective: Refugees 12, Volunteers 8."
    (a screen reader reads the PDF's figure by this)."""
    figures = ", ".join(f"{label} {_number(value)}" for label, value in pairs)
    return f"{summary}: {figures}." if figures else f"{summary}."


def _number(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def wrap(label: str, width: int) -> str:
    label = " ".join(label.split())
    lines = textwrap.wrap(label, width) or [""]
    if len(lines) > 3:
        lines = lines[:3]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "\n".join(lines)


def distribution(values: Iterable[int], scale: range) -> list[int]:
    """How many answers gave each point of the scale (answers outside the scale are ignored)."""
    counts = {point: 0 for point in scale}
    for value in values:
        if value in counts:
            counts[value] += 1
    return [counts[point] for point in scale]


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None
