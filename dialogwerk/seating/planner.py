"""Table plans for World-Café rounds: who sits at which table in which round. No Django import.

Objective, in this order: hard constraints (hosts stay, allowed tables, kept-apart pairs, distinct
tables); then the fewest repeated encounters (a pair at one table in k > 1 rounds counts k - 1);
then the fewest (round, table) where a perspective is over-represented (see
`SeatingProblem.group_caps`). Start: a known repeat-free design when one fits (constructed, or a
table from the literature in `literature.py`; with hosts, when the greedy start repeats, a transversal
design whose fixed row holds the hosts), else greedy seating (for dense evenings without rules,
a base round developed over a group found by `cyclic.py`, else the Social-Golfer start and search of
`golfers.py`); then tabu search on swaps until the plan is provably optimal or the time is up
(anytime).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from .bounds import repeat_lower_bound
from .constructions import affine_plan, kirkman_plan, transversal_plan
from .cyclic import cyclic_tables
from .golfers import GREEDY_MAX_PEOPLE, freedom_greedy, golfer_search, is_pure
from .literature import literature_plan
from .problem import SeatingProblem, Tables, figures, groups_from_sizes
from .search import greedy_tables, tabu_search

__all__ = ["SeatingPlan", "SeatingProblem", "groups_from_sizes", "plan_seating", "random_plan"]

# Share of the time for repeats that the search for a developed base round may take (the golfer
# search gets the rest when it finds none).
CYCLIC_SHARE = 0.6
CYCLIC_MAX_PEOPLE = 100  # above, the golfer search keeps all the time (it reaches big evenings' bounds)
CYCLIC_STEPS_PER_ITERATION = 20  # with an iteration limit, the base-round search gets this many steps each


@dataclass(frozen=True)
class SeatingPlan:
    """A plan and its figures; every figure is recomputed from `tables`."""

    tables: Tables  # tables[round][table] -> sorted person indices
    repeat_pairs: int
    lower_bound: int
    hard_violations: int
    over_represented_tables: int
    min_distinct_groups: int | None
    seconds: float
    iterations: int
    start: str  # "construction", "cyclic search", "greedy", or "greedy"/"freedom greedy" + " + golfer search"

    @property
    def provably_optimal_repeats(self) -> bool:
        return self.hard_violations == 0 and self.repeat_pairs == self.lower_bound

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "tables": self.tables,
            "repeat_pairs": self.repeat_pairs,
            "lower_bound": self.lower_bound,
            "optimal": self.provably_optimal_repeats,
            "hard_violations": self.hard_violations,
            "over_represented_tables": self.over_represented_tables,
            "seconds": round(self.seconds, 3),
            "iterations": self.iterations,
            "start": self.start,
        }
        if self.min_distinct_groups is not None:
            data["min_distinct_groups"] = self.min_distinct_groups
        return data


def plan_seating(
    problem: SeatingProblem,
    *,
    seconds: float = 2.0,
    seed: int = 0,
    max_iterations: int | None = None,
) -> SeatingPlan:
    """Seat everyone for every round; stop when provably optimal or after `seconds`.

    The same problem, seed and `max_iterations` give the same plan. With only a time limit the plan
    is the same whenever the search ends by proving optimality (the usual case); when time runs
    out first, a faster machine may have got further.
    Raises ValueError when the people with allowed tables cannot all be seated.
    """
    started = time.monotonic()
    deadline = started + seconds
    rng = random.Random(seed)
    bound = repeat_lower_bound(problem)
    start = _construction(problem, rng)
    origin = "construction"
    iterations = 0
    if start is None:
        start = greedy_tables(problem, rng)
        origin = "greedy"
        if problem.hosts and figures(problem, start).repeat_pairs > bound:
            # Hosts: a design with a fixed row when the greedy start repeats (as before otherwise).
            hosted = _hosted_construction(problem, rng)
            if hosted is not None:
                start, origin = hosted, "construction"
        share = 0.75 if problem.groups is not None else 1.0
        if (
            is_pure(problem)
            and bound == 0
            and problem.people <= CYCLIC_MAX_PEOPLE
            and figures(problem, start).repeat_pairs > 0
        ):
            # Dense evening without rules that may have a repeat-free plan: a base round developed
            # over a group (`cyclic.py`) first, for part of the time.
            steps = None if max_iterations is None else CYCLIC_STEPS_PER_ITERATION * max_iterations
            cyclic = _cyclic_construction(problem, rng, seconds=CYCLIC_SHARE * share * seconds, max_steps=steps)
            if cyclic is not None:
                start, origin = cyclic, "cyclic search"
        if is_pure(problem) and figures(problem, start).repeat_pairs > bound:
            # Dense evening without rules: Social-Golfer start and search on repeats first, leaving
            # a quarter of the time for the perspective mix when there are groups.
            if problem.people <= GREEDY_MAX_PEOPLE:
                start, origin = freedom_greedy(problem, rng), "freedom greedy"
            start, iterations = golfer_search(
                problem,
                start,
                lower_bound=bound,
                rng=rng,
                deadline=started + share * seconds,
                max_iterations=max_iterations,
            )
            origin += " + golfer search"
    result = tabu_search(problem, start, lower_bound=bound, rng=rng, deadline=deadline, max_iterations=max_iterations)
    iterations += result.iterations
    tables = [[sorted(t) for t in rt] for rt in result.tables]
    fig = figures(problem, tables)
    return SeatingPlan(
        tables=tables,
        repeat_pairs=fig.repeat_pairs,
        lower_bound=bound,
        hard_violations=fig.hard_violations,
        over_represented_tables=fig.over_represented_tables,
        min_distinct_groups=fig.min_distinct_groups,
        seconds=time.monotonic() - started,
        iterations=iterations,
        start=origin,
    )


def random_plan(problem: SeatingProblem, *, seed: int = 0) -> Tables:
    """A plain shuffle each round (hosts and allowed tables ignored): the baseline for benchmarks."""
    rng = random.Random(seed)
    sizes = problem.table_sizes
    plan: Tables = []
    for _ in range(problem.rounds):
        people = list(range(problem.people))
        rng.shuffle(people)
        round_tables, i = [], 0
        for size in sizes:
            round_tables.append(sorted(people[i : i + size]))
            i += size
        plan.append(round_tables)
    return plan


def _construction(problem: SeatingProblem, rng: random.Random) -> Tables | None:
    """A repeat-free design with the problem's table sizes, people relabelled at random."""
    if problem.hosts or problem.allowed_tables or problem.apart or problem.distinct_tables:
        return None
    n, rounds, count = problem.people, problem.rounds, problem.table_count
    largest = max(problem.table_sizes)
    candidates = [
        lambda: kirkman_plan(n, largest, rounds),
        lambda: transversal_plan(n, count, rounds),
        lambda: literature_plan(n, largest, rounds),  # e.g. 8-4-10, which no search here reaches
        lambda: affine_plan(n, largest, rounds, rng) if n == largest * count else None,
    ]
    for build in candidates:
        plan = build()
        if plan is None:
            continue
        ordered = [sorted(rt, key=len, reverse=True) for rt in plan]
        if any([len(t) for t in rt] != problem.table_sizes for rt in ordered):
            continue
        labels = list(range(n))
        rng.shuffle(labels)
        return [[[labels[p] for p in t] for t in rt] for rt in ordered]
    return None


def _cyclic_construction(
    problem: SeatingProblem, rng: random.Random, *, seconds: float, max_steps: int | None
) -> Tables | None:
    """A repeat-free plan from a base round developed over a group, people relabelled at random."""
    size = max(problem.table_sizes)
    plan = cyclic_tables(
        problem.people,
        size,
        problem.table_count,
        problem.rounds,
        seconds=seconds,
        seed=rng.randrange(2**32),
        max_steps=max_steps,
    )
    if plan is None:
        return None
    ordered = [sorted(rt, key=len, reverse=True) for rt in plan]
    if any([len(t) for t in rt] != problem.table_sizes for rt in ordered):
        return None
    labels = list(range(problem.people))
    rng.shuffle(labels)
    return [[[labels[p] for p in t] for t in rt] for rt in ordered]


def _hosted_construction(problem: SeatingProblem, rng: random.Random) -> Tables | None:
    """A repeat-free transversal design whose fixed row holds the hosts, one per table at most.

    In `transversal_plan(hosted=True)` design person j < n - missing sits at table j in every round and
    everyone else visits a different table each round, so distinct tables hold for all but the fixed
    row: it must then be all hosts. Allowed tables and kept-apart pairs are left to the search.
    """
    if problem.allowed_tables or problem.apart:
        return None
    count = problem.table_count
    tables = list(problem.hosts.values())
    if len(set(tables)) != len(tables):
        return None  # co-hosts of one table meet every round
    plan = transversal_plan(problem.people, count, problem.rounds, hosted=True)
    if plan is None or any([len(t) for t in rt] != problem.table_sizes for rt in plan):
        return None
    fixed = count - (-(-problem.people // count) * count - problem.people)  # design people 0..fixed-1
    if any(t >= fixed for t in tables) or (problem.distinct_tables and len(tables) < fixed):
        return None
    host_at = {t: h for h, t in problem.hosts.items()}
    others = [p for p in range(problem.people) if p not in problem.hosts]
    rng.shuffle(others)
    free = iter(others)
    labels = [host_at[d] if d in host_at else next(free) for d in range(fixed)]
    labels += list(free)
    return [[[labels[p] for p in t] for t in rt] for rt in plan]
