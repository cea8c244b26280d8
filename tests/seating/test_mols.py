"""MOLS stored or built as data, and the transversal designs the planner builds from them."""

from __future__ import annotations

import pytest

from dialogwerk.seating.constructions import transversal_plan
from dialogwerk.seating.mols import STORED, is_latin, mols, orthogonal
from dialogwerk.seating.planner import plan_seating
from dialogwerk.seating.problem import SeatingProblem
from tests.seating.test_planner import assert_valid, recount_repeats


def assert_mols(squares: tuple) -> None:
    for s, square in enumerate(squares):
        assert is_latin(square)
        for other in squares[s + 1 :]:
            assert orthogonal(square, other)


@pytest.mark.parametrize("order", sorted(STORED))
def test_every_stored_set_is_a_set_of_mutually_orthogonal_latin_squares(order: int) -> None:
    assert len(STORED[order][0]) == order
    assert_mols(STORED[order])


@pytest.mark.parametrize(
    ("order", "at_least"), [(10, 2), (12, 2), (15, 2), (20, 3), (21, 2), (24, 2), (28, 3), (30, 2)]
)
def test_orders_that_are_not_prime_powers_get_mols_with_row_0_fixed(order: int, at_least: int) -> None:
    squares = mols(order)
    assert len(squares) >= at_least
    assert_mols(squares)
    assert all(square[0] == tuple(range(order)) for square in squares)


def test_the_check_notices_squares_that_are_not_orthogonal() -> None:
    square = mols(10)[0]
    assert not orthogonal(square, square)
    assert not is_latin((square[1],) + square[1:])


@pytest.mark.parametrize(
    ("people", "tables", "rounds"),
    [
        (100, 10, 4),
        (99, 10, 4),
        (98, 10, 3),
        (90, 10, 3),
        (144, 12, 3),
        (143, 12, 3),
        (60, 15, 3),
        (100, 20, 4),
        (63, 21, 3),
    ],
)
def test_transversal_designs_on_mols_never_repeat_a_pair(people: int, tables: int, rounds: int) -> None:
    plan = transversal_plan(people, tables, rounds)
    assert plan is not None and len(plan) == rounds
    for round_tables in plan:
        assert sorted(p for members in round_tables for p in members) == list(range(people))
        sizes = [len(members) for members in round_tables]
        assert len(sizes) == tables and max(sizes) - min(sizes) <= 1
    assert recount_repeats(plan) == 0


def test_no_transversal_design_beyond_the_known_mols() -> None:
    assert transversal_plan(100, 10, 5) is None  # three MOLS of order 10 are not known
    assert transversal_plan(90, 10, 4) is None  # without all ten rows the rows are no round
    assert transversal_plan(100, 10, 4, hosted=True) is None  # the rows' round would move the hosts


def test_hosted_designs_keep_row_0_at_its_table_and_move_everyone_else() -> None:
    plan = transversal_plan(98, 10, 3, hosted=True)
    assert plan is not None
    for j in range(8):
        assert all(j in round_tables[j] for round_tables in plan)
    seats = {p: [next(t for t, m in enumerate(rt) if p in m) for rt in plan] for p in range(8, 98)}
    assert all(len(set(tables)) == 3 for tables in seats.values())


def test_the_planner_seats_100_people_at_10_tables_for_4_rounds_without_a_repeat() -> None:
    problem = SeatingProblem(people=100, rounds=4, tables=10)
    plan = plan_seating(problem, seconds=5, seed=3)
    assert_valid(problem, plan)
    assert plan.start == "construction"
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0


@pytest.mark.parametrize("distinct", [False, True])
def test_hosts_stay_at_their_table_in_a_repeat_free_design(distinct: bool) -> None:
    hosts = {person: table for table, person in enumerate(range(20, 30))}
    problem = SeatingProblem(people=100, rounds=3, tables=10, hosts=hosts, distinct_tables=distinct)
    plan = plan_seating(problem, seconds=5, seed=2)
    assert_valid(problem, plan)
    assert plan.start == "construction"
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0
    assert plan.hard_violations == 0
    for host, table in hosts.items():
        assert all(host in round_tables[table] for round_tables in plan.tables)


def test_a_few_hosts_and_two_people_fewer_keep_the_design() -> None:
    hosts = {0: 3, 7: 5, 50: 0}
    problem = SeatingProblem(people=142, rounds=3, tables=12, hosts=hosts)
    plan = plan_seating(problem, seconds=5, seed=4)
    assert_valid(problem, plan)
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0
    for host, table in hosts.items():
        assert all(host in round_tables[table] for round_tables in plan.tables)
