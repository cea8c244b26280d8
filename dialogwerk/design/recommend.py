"""Rank methods for a dialogue from participants, time and goals, and say why. No Django here.

Reasons are codes with values; the app phrases them in German.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MethodProfile:
    id: int
    name: str
    min_participants: int
    max_participants: int
    min_minutes: int
    max_minutes: int
    goals: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Recommendation:
    method: MethodProfile
    score: int
    reasons: tuple[tuple[str, dict], ...]  # (code, values): fits_group, too_few, too_many, fits_time,
    #                                         needs_more_time, serves_goal, misses_goals
    suitable: bool


def rank(
    methods: list[MethodProfile], participants: int | None, minutes: int | None, goals: set[str]
) -> list[Recommendation]:
    results = []
    for method in methods:
        score, suitable = 0, True
        reasons: list[tuple[str, dict]] = []
        if participants is not None:
            if participants < method.min_participants:
                score -= 5
                suitable = False
                reasons.append(("too_few", {"min": method.min_participants}))
            elif participants > method.max_participants:
                score -= 5
                suitable = False
                reasons.append(("too_many", {"max": method.max_participants}))
            else:
                score += 3
                reasons.append(("fits_group", {"min": method.min_participants, "max": method.max_participants}))
        if minutes is not None:
            if minutes < method.min_minutes:
                score -= 4
                suitable = False
                reasons.append(("needs_more_time", {"min": method.min_minutes}))
            else:
                score += 2
                reasons.append(("fits_time", {"min": method.min_minutes}))
        served = sorted(goals & method.goals)
        for goal in served:
            score += 2
            reasons.append(("serves_goal", {"goal": goal}))
        missed = sorted(goals - method.goals)
        if goals and not served:
            reasons.append(("misses_goals", {"goals": missed}))
        results.append(Recommendation(method, score, tuple(reasons), suitable))
    return sorted(results, key=lambda r: (not r.suitable, -r.score, r.method.name.casefold()))
