"""The table planner: valid plans, honest figures, hard constraints, determinism."""

from __future__ import annotations

import math
from itertools import combinations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dialogwerk.seating.planner import SeatingPlan, plan_seating, random_plan
from dialogwerk.seating.problem import SeatingProblem, figures, groups_from_sizes


def recount_repeats(tables: list[list[list[int]]]) -> int:
    together: dict[tuple[int, int], int] = {}
    for round_tables in tables:
        for members in round_tables:
            for pair in combinations(sorted(members), 2):
                together[pair] = together.get(pair, 0) + 1
    return sum(c - 1 for c in together.values())


def assert_valid(problem: SeatingProblem, plan: SeatingPlan) -> None:
    assert len(plan.tables) == problem.rounds
    for round_tables in plan.tables:
        seated = sorted(p for members in round_tables for p in members)
        assert seated == list(range(problem.people))
        sizes = [len(members) for members in round_tables]
        assert max(sizes) - min(sizes) <= 1
        assert len(round_tables) == problem.table_count
        if problem.table_size is not None:
            assert max(sizes) <= problem.table_size


@st.composite
def problems(draw: st.DrawFn, max_people: int = 40) -> SeatingProblem:
    size = draw(st.integers(2, 6))
    people = draw(st.integers(size, max_people))
    count = math.ceil(people / size)
    distinct = draw(st.booleans())
    rounds = draw(st.integers(1, min(5, count) if distinct else 5))
    groups = None
    if draw(st.booleans()):
        groups = tuple(draw(st.lists(st.integers(0, 3), min_size=people, max_size=people)))
    hosts: dict[int, int] = {}
    if draw(st.booleans()):
        hosts = {t: t for t in range(min(count, people))}
    free = [p for p in range(people) if p not in hosts]
    apart: tuple[tuple[int, int], ...] = ()
    if len(free) >= 2 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(free), min_size=2, max_size=2, unique=True))
        apart = ((a, b),)
    allowed: dict[int, frozenset[int]] = {}
    if free and draw(st.booleans()):
        person = draw(st.sampled_from(free))
        table = draw(st.integers(0, count - 1))
        if table not in hosts.values() or problem_sizes(people, count)[table] > 1:
            allowed = {person: frozenset((table,))}
    try:
        problem = SeatingProblem(
            people=people,
            rounds=rounds,
            table_size=size,
            groups=groups,
            hosts=hosts,
            distinct_tables=distinct,
            apart=apart,
            allowed_tables=allowed,
        )
    except ValueError:
        assume(False)
        raise
    return problem


def problem_sizes(people: int, count: int) -> list[int]:
    base, extra = divmod(people, count)
    return [base + (t < extra) for t in range(count)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_it_seats_everyone_exactly_once_per_round_in_tables_differing_by_at_most_one(problem: SeatingProblem) -> None:
    plan = plan_seating(problem, seconds=0.2, seed=1, max_iterations=300)
    assert_valid(problem, plan)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_its_reported_figures_match_the_plan(problem: SeatingProblem) -> None:
    plan = plan_seating(problem, seconds=0.2, seed=2, max_iterations=300)
    assert plan.repeat_pairs == recount_repeats(plan.tables)
    if plan.hard_violations == 0:  # the bound holds for plans that keep every hard constraint
        assert plan.repeat_pairs >= plan.lower_bound
    fig = figures(problem, plan.tables)
    assert plan.hard_violations == fig.hard_violations
    assert plan.over_represented_tables == fig.over_represented_tables
    if problem.groups is None:
        assert plan.min_distinct_groups is None
    else:
        assert plan.min_distinct_groups == min(
            len({problem.groups[p] for p in members}) for rt in plan.tables for members in rt
        )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_people=30))
def test_it_keeps_hosts_and_people_with_one_allowed_table_in_place(problem: SeatingProblem) -> None:
    plan = plan_seating(problem, seconds=0.2, seed=3, max_iterations=300)
    for person, table in problem.stayers().items():
        assert all(person in rt[table] for rt in plan.tables)


def test_it_meets_every_hard_constraint_on_a_world_cafe_evening() -> None:
    problem = SeatingProblem(
        people=30,
        rounds=4,
        table_size=5,
        hosts={t: t for t in range(6)},
        distinct_tables=True,
        apart=((10, 11), (12, 13)),
        allowed_tables={20: frozenset((2, 3, 4, 5))},
        groups=groups_from_sizes([10, 10, 10]),
    )
    plan = plan_seating(problem, seconds=5, seed=0, max_iterations=3000)
    assert plan.hard_violations == 0
    for rt in plan.tables:
        for members in rt:
            assert not {10, 11} <= set(members)
            assert not {12, 13} <= set(members)
    visited = {p: [next(t for t, ms in enumerate(rt) if p in ms) for rt in plan.tables] for p in range(6, 30)}
    assert all(len(set(tables)) == 4 for tables in visited.values())
    assert all(t in {2, 3, 4, 5} for t in visited[20])


def test_it_gives_the_same_plan_for_the_same_seed() -> None:
    problem = SeatingProblem(people=24, rounds=4, table_size=4, groups=groups_from_sizes([8, 8, 8]))
    first = plan_seating(problem, seed=7, max_iterations=500, seconds=30)
    second = plan_seating(problem, seed=7, max_iterations=500, seconds=30)
    assert first.tables == second.tables


def test_it_finds_kirkmans_fifteen_schoolgirls_without_a_repeat() -> None:
    plan = plan_seating(SeatingProblem(people=15, rounds=7, table_size=3), seconds=5)
    assert plan.repeat_pairs == recount_repeats(plan.tables) == 0
    assert plan.provably_optimal_repeats


def test_it_finds_a_repeat_free_plan_for_32_people_in_fours_over_9_rounds() -> None:
    plan = plan_seating(SeatingProblem(people=32, rounds=9, table_size=4), seconds=5)
    assert recount_repeats(plan.tables) == 0


def test_it_mixes_perspectives_at_a_large_evening() -> None:
    problem = SeatingProblem(people=300, rounds=4, table_size=8, groups=groups_from_sizes([38] * 4 + [37] * 4))
    plan = plan_seating(problem, seconds=30, seed=0, max_iterations=20000)
    assert plan.repeat_pairs == 0
    assert plan.min_distinct_groups is not None and plan.min_distinct_groups >= 6


def test_it_beats_a_random_shuffle_on_repeats() -> None:
    problem = SeatingProblem(people=40, rounds=6, table_size=5)
    plan = plan_seating(problem, seconds=5, max_iterations=2000)
    assert plan.repeat_pairs < recount_repeats(random_plan(problem, seed=0))


def test_it_counts_an_over_represented_table_when_a_group_exceeds_its_share() -> None:
    problem = SeatingProblem(people=8, rounds=1, table_size=4, groups=(0, 0, 0, 0, 1, 1, 1, 1))
    crowded = [[[0, 1, 2, 4], [3, 5, 6, 7]]]  # cap is ceil(4 / 2) = 2 per group and table
    mixed = [[[0, 1, 4, 5], [2, 3, 6, 7]]]
    assert figures(problem, crowded).over_represented_tables == 2
    assert figures(problem, mixed).over_represented_tables == 0
    assert figures(problem, mixed).min_distinct_groups == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"people": 10, "rounds": 2, "table_size": 1}, "table size"),
        ({"people": 3, "rounds": 2, "table_size": 4}, "at least the table size"),
        ({"people": 10, "rounds": 0, "table_size": 2}, "rounds"),
        ({"people": 10, "rounds": 2}, "table_size or tables"),
        ({"people": 10, "rounds": 4, "table_size": 4, "distinct_tables": True}, "distinct"),
        ({"people": 10, "rounds": 2, "table_size": 4, "groups": (0, 1)}, "one group per person"),
        ({"people": 10, "rounds": 2, "table_size": 4, "hosts": {0: 7}}, "outside"),
        ({"people": 10, "rounds": 2, "table_size": 4, "apart": ((1, 1),)}, "themselves"),
        ({"people": 10, "rounds": 2, "table_size": 4, "apart": ((1, 12),)}, "outside"),
        ({"people": 10, "rounds": 2, "table_size": 4, "hosts": {0: 0, 1: 0}, "apart": ((0, 1),)}, "apart"),
        (
            {"people": 8, "rounds": 2, "table_size": 2, "allowed_tables": {p: frozenset((0,)) for p in range(3)}},
            "seats",
        ),
    ],
)
def test_it_rejects_a_problem_that_cannot_be_seated(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SeatingProblem(**kwargs)


def test_it_rejects_allowed_tables_that_cannot_all_be_honoured() -> None:
    problem = SeatingProblem(people=8, rounds=1, table_size=2, allowed_tables={p: frozenset((0, 1)) for p in range(5)})
    with pytest.raises(ValueError, match="allowed tables"):
        plan_seating(problem, seconds=0.1)
