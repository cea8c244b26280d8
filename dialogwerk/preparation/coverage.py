"""Which themes are seen from which perspectives: the coverage matrix and its gaps. No Django here.

The seed asks that topics are seen from several angles; a gap is a (theme, perspective) pair that no
actor covers, and a perspective with no actor at all is reported on its own.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Coverage:
    themes: list[tuple[int, str]]
    perspectives: list[tuple[int, str]]
    counts: dict[tuple[int, int], int]  # (theme_id, perspective_id) -> actors
    gaps: list[tuple[str, str]]  # (theme name, perspective name), in display order
    empty_perspectives: list[str]  # perspectives without any actor

    def count(self, theme_id: int, perspective_id: int) -> int:
        return self.counts.get((theme_id, perspective_id), 0)

    def gaps_of_theme(self, theme_name: str) -> list[str]:
        return [perspective for theme, perspective in self.gaps if theme == theme_name]


def coverage(
    themes: list[tuple[int, str]],
    perspectives: list[tuple[int, str]],
    actors: list[tuple[int, list[int]]],
) -> Coverage:
    """`actors` is a list of (perspective_id, theme_ids) pairs."""
    counts: dict[tuple[int, int], int] = {}
    actors_per_perspective: dict[int, int] = {}
    for perspective_id, theme_ids in actors:
        actors_per_perspective[perspective_id] = actors_per_perspective.get(perspective_id, 0) + 1
        for theme_id in set(theme_ids):
            counts[(theme_id, perspective_id)] = counts.get((theme_id, perspective_id), 0) + 1
    gaps = [
        (theme_name, perspective_name)
        for theme_id, theme_name in themes
        for perspective_id, perspective_name in perspectives
        if counts.get((theme_id, perspective_id), 0) == 0
    ]
    empty = [name for perspective_id, name in perspectives if not actors_per_perspective.get(perspective_id)]
    return Coverage(themes, perspectives, counts, gaps, empty)


@dataclass(frozen=True)
class ThemeGap:
    theme: str
    missing: list[str]  # perspectives that have actors, none of whom speaks to this theme


def ranked_gaps(result: Coverage) -> list[ThemeGap]:
    """The gaps that matter, a line per theme, the themes missing most perspectives first (ties in the
    themes' order). A perspective without any actor is named once, on its own (`empty_perspectives`),
    not again at every theme: ten themes × one empty perspective is one thing to fix, not ten."""
    empty = set(result.empty_perspectives)
    lines = [
        ThemeGap(theme, [p for p in result.gaps_of_theme(theme) if p not in empty]) for _id, theme in result.themes
    ]
    return sorted((line for line in lines if line.missing), key=lambda line: -len(line.missing))


def quadrant(influence: int, interest: int) -> str:
    """The classic stakeholder grid: manage_closely, keep_satisfied, keep_informed, monitor."""
    high_influence, high_interest = influence >= 3, interest >= 3
    if high_influence and high_interest:
        return "manage_closely"
    if high_influence:
        return "keep_satisfied"
    if high_interest:
        return "keep_informed"
    return "monitor"
