"""The lower bound on repeated encounters never exceeds the true optimum (checked with CP-SAT)."""

from __future__ import annotations

import math
from itertools import combinations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from dialogwerk.seating.bounds import repeat_lower_bound
from dialogwerk.seating.problem import SeatingProblem


def exact_minimum_repeats(problem: SeatingProblem) -> int | None:
    """Fewest repeats over all plans meeting the hard constraints; None if not proven in time."""
    n, rounds, sizes = problem.people, problem.rounds, problem.table_sizes
    tables = range(len(sizes))
    model = cp_model.CpModel()
    x = {(i, r, t): model.new_bool_var(f"x{i}_{r}_{t}") for i in range(n) for r in range(rounds) for t in tables}
    for i in range(n):
        allowed = problem.allowed(i)
        for r in range(rounds):
            model.add_exactly_one(x[i, r, t] for t in tables)
            if allowed is not None:
                for t in tables:
                    if t not in allowed:
                        model.add(x[i, r, t] == 0)
        if problem.distinct_tables and i not in problem.stayers():
            for t in tables:
                model.add(sum(x[i, r, t] for r in range(rounds)) <= 1)
    for i, t in problem.stayers().items():
        for r in range(rounds):
            model.add(x[i, r, t] == 1)
    for r in range(rounds):
        for t in tables:
            model.add(sum(x[i, r, t] for i in range(n)) == sizes[t])
    for a, b in problem.apart:
        for r in range(rounds):
            for t in tables:
                model.add(x[a, r, t] + x[b, r, t] <= 1)
    repeats = []
    for i, j in combinations(range(n), 2):
        together = []
        for r in range(rounds):
            for t in tables:
                w = model.new_bool_var("")
                model.add(w >= x[i, r, t] + x[j, r, t] - 1)
                together.append(w)
        extra = model.new_int_var(0, rounds, "")
        model.add(extra >= sum(together) - 1)
        repeats.append(extra)
    model.minimize(sum(repeats))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status != cp_model.OPTIMAL:
        return None
    return round(solver.objective_value)


@st.composite
def small_problems(draw: st.DrawFn) -> SeatingProblem:
    size = draw(st.integers(2, 4))
    people = draw(st.integers(size, 8))
    count = math.ceil(people / size)
    distinct = draw(st.booleans()) and count >= 2
    rounds = draw(st.integers(2, min(3, count) if distinct else 4))
    hosts = {t: t for t in range(count)} if draw(st.booleans()) else {}
    free = [p for p in range(people) if p not in hosts]
    allowed: dict[int, frozenset[int]] = {}
    if free and count > 1 and draw(st.booleans()):
        allowed = {free[-1]: frozenset((count - 1,))}
    try:
        return SeatingProblem(
            people=people, rounds=rounds, table_size=size, hosts=hosts, distinct_tables=distinct, allowed_tables=allowed
        )
    except ValueError:
        assume(False)
        raise


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_the_lower_bound_never_exceeds_the_optimum(problem: SeatingProblem) -> None:
    try:
        optimum = exact_minimum_repeats(problem)
    except ValueError:
        optimum = None
    assume(optimum is not None)
    assert repeat_lower_bound(problem) <= optimum


def test_the_lower_bound_is_tight_for_four_people_in_pairs_over_four_rounds() -> None:
    # Three rounds pair everyone with everyone; the fourth must repeat two pairs.
    problem = SeatingProblem(people=4, rounds=4, table_size=2)
    assert repeat_lower_bound(problem) == exact_minimum_repeats(problem) == 2


def test_the_lower_bound_sees_too_few_tables_for_a_repeat_free_second_round() -> None:
    # Two tables of three: in round two some two of each table must sit together again.
    problem = SeatingProblem(people=6, rounds=2, table_size=3)
    assert repeat_lower_bound(problem) == exact_minimum_repeats(problem) == 2


def test_the_lower_bound_counts_co_hosts_meeting_every_round() -> None:
    problem = SeatingProblem(people=8, rounds=3, table_size=4, hosts={0: 0, 1: 0})
    assert repeat_lower_bound(problem) >= 2


def test_the_lower_bound_is_zero_when_a_repeat_free_design_exists() -> None:
    assert repeat_lower_bound(SeatingProblem(people=15, rounds=7, table_size=3)) == 0
    assert repeat_lower_bound(SeatingProblem(people=32, rounds=10, table_size=4)) == 0
    assert repeat_lower_bound(SeatingProblem(people=32, rounds=11, table_size=4)) > 0
