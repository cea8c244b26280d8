"""Base rounds developed over a group (`cyclic.py`): what the search returns never repeats a pair."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from dialogwerk.seating.cyclic import (
    Rotation,
    Shape,
    _pair_orbit,
    _RotationSearch,
    cyclic_plan,
    cyclic_tables,
    rotations,
    shapes,
)
from dialogwerk.seating.literature import develop
from dialogwerk.seating.planner import plan_seating
from dialogwerk.seating.problem import SeatingProblem, figures
from tests.seating.test_planner import assert_valid, recount_repeats


def assert_repeat_free(rounds: list | tuple, people: int, tables: int) -> None:  # type: ignore[type-arg]
    for round_tables in rounds:
        assert sorted(p for members in round_tables for p in members) == list(range(people))
        assert len(round_tables) == tables
    assert recount_repeats([[list(t) for t in rt] for rt in rounds]) == 0


@pytest.mark.parametrize(("tables", "size", "rounds"), [(5, 4, 5), (6, 4, 7), (6, 5, 6), (9, 4, 11), (7, 6, 6)])
def test_the_developed_base_round_seats_everyone_and_never_repeats_a_pair(tables: int, size: int, rounds: int) -> None:
    found = cyclic_plan(tables, size, rounds, seconds=30, seed=1, max_steps=200_000)
    assert found is not None
    assert len(found.rounds) == rounds
    assert {len(t) for rt in found.rounds for t in rt} == {size}
    assert_repeat_free(found.rounds, tables * size, tables)
    # The rounds are the base round developed over the shape's group, as stored designs are.
    assert found.rounds == develop(found.base, found.shape.modulus, found.shape.orbits, rounds)


def test_the_same_seed_gives_the_same_base_round() -> None:
    first = cyclic_plan(5, 4, 5, seconds=30, seed=7, max_steps=200_000)
    second = cyclic_plan(5, 4, 5, seconds=30, seed=7, max_steps=200_000)
    assert first is not None and second is not None
    assert first.base == second.base


@pytest.mark.parametrize(
    ("people", "size", "rounds"), [(24, 4, 7), (23, 4, 7), (22, 4, 7), (30, 5, 6), (29, 5, 6), (36, 4, 11), (34, 4, 11)]
)
def test_the_planner_seats_social_golfer_instances_without_a_repeat_also_with_fewer(
    people: int, size: int, rounds: int
) -> None:
    problem = SeatingProblem(people=people, rounds=rounds, table_size=size)
    plan = plan_seating(problem, seconds=30, seed=1)
    assert_valid(problem, plan)
    assert plan.start == "cyclic search"
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0
    assert figures(problem, plan.tables).repeat_pairs == 0
    assert plan.provably_optimal_repeats


def test_one_or_two_people_fewer_leave_tables_one_smaller() -> None:
    for people in (19, 18):
        plan = cyclic_tables(people, 4, 5, 5, seconds=30, seed=2, max_steps=200_000)
        assert plan is not None
        for round_tables in plan:
            assert sorted(p for t in round_tables for p in t) == list(range(people))
            assert sorted(len(t) for t in round_tables) == sorted([4] * (people - 15) + [3] * (20 - people))
        assert recount_repeats(plan) == 0


def test_it_refuses_shapes_three_people_short_or_a_single_round() -> None:
    assert cyclic_tables(17, 4, 5, 5, seconds=1, seed=1) is None
    assert cyclic_tables(20, 4, 5, 1, seconds=1, seed=1) is None


def test_it_gives_up_within_its_budget_when_no_repeat_free_plan_exists() -> None:
    # 36 in sixes over 4 rounds would need two orthogonal Latin squares of order 6 (Tarry 1900).
    assert cyclic_plan(6, 6, 4, seconds=30, seed=1, max_steps=3000) is None


def test_shapes_whose_orbits_cannot_hold_every_pair_are_not_tried() -> None:
    # 24 in fours over 7 rounds: Z_24 has 11 orbits of 24 pairs (3 base pairs each) and one of 12
    # (1 base pair): 34 places for 36 pairs.
    tried = shapes(6, 4, 7)
    assert Shape(1, 24, 0) not in tried
    assert Shape(1, 21, 3) in tried
    assert all(shape.orbits * shape.modulus + shape.fixed == 24 for shape in tried)
    assert shapes(4, 4, 6) == []  # 16 people in fours meet everyone in 5 rounds


@pytest.mark.parametrize("shape", [Shape(1, 12, 0), Shape(1, 11, 1), Shape(2, 6, 2), Shape(3, 5, 1)])
def test_shifting_a_pair_by_one_moves_it_one_step_along_its_orbit(shape: Shape) -> None:
    m, cut = shape.modulus, shape.orbits * shape.modulus
    people = cut + shape.fixed
    shift = develop(((tuple(range(people)),)), m, shape.orbits, 2)[1][0]
    image = dict(zip(range(people), [x - x % m + (x + 1) % m if x < cut else x for x in range(people)]))
    assert sorted(image.values()) == list(shift)
    for u, v in combinations(range(people), 2):
        key, phase, length = _pair_orbit(u, v, m, cut)
        if key is None:
            continue
        moved = _pair_orbit(min(image[u], image[v]), max(image[u], image[v]), m, cut)
        assert moved[0] == key and moved[2] == length
        assert moved[1] == (phase + 1) % length


def test_evenings_with_hosts_do_not_use_the_cyclic_search() -> None:
    problem = SeatingProblem(people=24, rounds=7, table_size=4, hosts={0: 0})
    plan = plan_seating(problem, seconds=60, seed=1, max_iterations=50)
    assert plan.start != "cyclic search"
    assert all(0 in round_tables[0] for round_tables in plan.tables)


def test_a_random_base_round_usually_clashes() -> None:
    # The check is not vacuous: a shuffled base round over Z_23 + 1 repeats pairs.
    rng = random.Random(3)
    points = list(range(24))
    rng.shuffle(points)
    base = tuple(tuple(sorted(points[i : i + 4])) for i in range(0, 24, 4))
    assert recount_repeats([[list(t) for t in rt] for rt in develop(base, 23, 1, 7)]) > 0


def test_a_rotation_search_returns_a_base_round_the_rotation_maps_onto_itself() -> None:
    rotation = Rotation(Shape(3, 11, 3), still_tables=0, still=0)
    assert rotation in rotations(Shape(3, 11, 3), 9, 4)
    base = _RotationSearch(rotation, 9, 4, 11, random.Random(1)).run(deadline=float("inf"), max_steps=200_000)
    assert base is not None
    m, cut = 11, 33

    def rotate(p: int) -> int:
        return (p + m) % cut if p < cut else cut + (p - cut + 1) % 3

    assert {tuple(sorted(rotate(p) for p in t)) for t in base} == set(base)
    assert_repeat_free(develop(base, m, 3, 11), 36, 9)


def test_a_column_table_is_kept_by_the_rotation() -> None:
    # 30 in fives over 5 x Z_6: one table is a whole column {(o, x)}, the other five are one class.
    assert Rotation(Shape(5, 6, 0), still_tables=1, still=0) in rotations(Shape(5, 6, 0), 6, 5)
    assert rotations(Shape(1, 30, 0), 6, 5) == []
