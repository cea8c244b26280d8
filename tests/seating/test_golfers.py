"""The Social-Golfer start and search for dense evenings without rules, and the design-theory bound."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogwerk.seating.bounds import nonexistent_net_bound, repeat_lower_bound
from dialogwerk.seating.golfers import freedom_greedy, golfer_search, is_pure
from dialogwerk.seating.planner import plan_seating
from dialogwerk.seating.problem import SeatingProblem, figures, groups_from_sizes
from tests.seating.test_planner import assert_valid, recount_repeats


def valid_rounds(problem: SeatingProblem, tables: list[list[list[int]]]) -> None:
    assert len(tables) == problem.rounds
    for round_tables in tables:
        assert sorted(p for t in round_tables for p in t) == list(range(problem.people))
        assert sorted(len(t) for t in round_tables) == sorted(problem.table_sizes)


@st.composite
def dense_problems(draw: st.DrawFn) -> SeatingProblem:
    size = draw(st.integers(2, 6))
    people = draw(st.integers(size, 40))
    groups = tuple(draw(st.lists(st.integers(0, 3), min_size=people, max_size=people))) if draw(st.booleans()) else None
    return SeatingProblem(people=people, table_size=size, rounds=draw(st.integers(1, 9)), groups=groups)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dense_problems(), st.integers(0, 1000))
def test_the_freedom_greedy_and_the_search_seat_everyone_once_per_round(problem: SeatingProblem, seed: int) -> None:
    rng = random.Random(seed)
    start = freedom_greedy(problem, rng)
    valid_rounds(problem, start)
    tables, _iterations = golfer_search(
        problem, start, lower_bound=0, rng=rng, deadline=float("inf"), max_iterations=50
    )
    valid_rounds(problem, tables)
    assert recount_repeats(tables) <= recount_repeats(start)


def test_with_perspective_groups_the_search_reaches_zero_repeats_and_spreads_the_groups() -> None:
    problem = SeatingProblem(people=24, table_size=4, rounds=3, groups=groups_from_sizes([6, 6, 6, 6]))
    start = [[list(range(t * 4, t * 4 + 4)) for t in range(6)] for _ in range(3)]  # groups sit together
    tables, _ = golfer_search(
        problem, start, lower_bound=0, rng=random.Random(5), deadline=float("inf"), max_iterations=3000
    )
    assert recount_repeats(tables) == 0
    assert figures(problem, tables).over_represented_tables < figures(problem, start).over_represented_tables


def test_the_search_removes_most_repeats_of_a_dense_evening() -> None:
    problem = SeatingProblem(people=24, table_size=4, rounds=5)
    rng = random.Random(3)
    start = [[list(range(t * 4, t * 4 + 4)) for t in range(6)] for _ in range(5)]  # the same tables every round
    tables, _ = golfer_search(problem, start, lower_bound=0, rng=rng, deadline=float("inf"), max_iterations=3000)
    assert recount_repeats(start) == 144
    assert recount_repeats(tables) <= 2


def test_a_dense_evening_without_rules_goes_through_the_golfer_search_and_reports_honest_figures() -> None:
    problem = SeatingProblem(people=36, table_size=6, rounds=5, groups=groups_from_sizes([9, 9, 9, 9]))
    assert is_pure(problem)
    plan = plan_seating(problem, seconds=60, seed=4, max_iterations=400)
    assert "golfer search" in plan.start
    assert_valid(problem, plan)
    fig = figures(problem, plan.tables)
    assert (plan.repeat_pairs, plan.over_represented_tables) == (fig.repeat_pairs, fig.over_represented_tables)
    assert plan.repeat_pairs >= plan.lower_bound == 1  # 4 or more rounds of 36 in sixes need 2 MOLS(6)
    again = plan_seating(problem, seconds=60, seed=4, max_iterations=400)
    assert again.tables == plan.tables


def test_rules_keep_the_general_search() -> None:
    assert not is_pure(SeatingProblem(people=36, table_size=6, rounds=5, hosts={0: 0}))
    assert not is_pure(SeatingProblem(people=36, table_size=6, rounds=5, distinct_tables=True))
    assert not is_pure(SeatingProblem(people=36, table_size=6, rounds=5, apart=((1, 2),)))


def test_the_bound_knows_there_are_no_two_orthogonal_latin_squares_of_order_6() -> None:
    assert nonexistent_net_bound(SeatingProblem(people=36, table_size=6, rounds=3)) == 0  # one Latin square exists
    assert nonexistent_net_bound(SeatingProblem(people=36, table_size=6, rounds=4)) == 1
    assert repeat_lower_bound(SeatingProblem(people=36, table_size=6, rounds=7)) >= 1
    assert nonexistent_net_bound(SeatingProblem(people=35, table_size=6, rounds=7)) == 0  # not a net any more
    assert nonexistent_net_bound(SeatingProblem(people=100, table_size=10, rounds=9)) == 0
    assert nonexistent_net_bound(SeatingProblem(people=100, table_size=10, rounds=10)) == 1  # Lam; Bruck
    assert nonexistent_net_bound(SeatingProblem(people=25, table_size=5, rounds=6)) == 0  # the affine plane exists
    assert nonexistent_net_bound(SeatingProblem(people=36, table_size=6, rounds=4, hosts={0: 0})) == 1


def test_three_rounds_of_36_in_sixes_are_found_repeat_free() -> None:
    plan = plan_seating(SeatingProblem(people=36, table_size=6, rounds=3), seconds=60, seed=1, max_iterations=5000)
    assert plan.repeat_pairs == 0 and plan.provably_optimal_repeats
