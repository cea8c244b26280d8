"""Repeat-free plans from the literature: the stored tables are right, and the planner uses them."""

from __future__ import annotations

import time
from itertools import combinations

import pytest

from dialogwerk.seating.literature import (
    DESIGNS,
    KTS_15,
    Design,
    literature_plan,
    tripled,
)
from dialogwerk.seating.planner import plan_seating
from dialogwerk.seating.problem import SeatingProblem, figures, groups_from_sizes
from tests.seating.test_planner import assert_valid, recount_repeats


def times_together(tables: list[list[list[int]]] | tuple) -> dict[tuple[int, int], int]:
    together: dict[tuple[int, int], int] = {}
    for round_tables in tables:
        for members in round_tables:
            for pair in combinations(sorted(members), 2):
                together[pair] = together.get(pair, 0) + 1
    return together


@pytest.mark.parametrize("design", DESIGNS, ids=lambda d: d.name)
def test_every_stored_design_seats_everyone_once_a_round_and_never_repeats_a_pair(design: Design) -> None:
    for round_tables in design.rounds:
        assert sorted(p for members in round_tables for p in members) == list(range(design.people))
        assert {len(members) for members in round_tables} == {design.table_size}
    assert max(times_together(design.rounds).values()) == 1


def test_the_32_people_meet_everyone_but_their_partner_in_10_rounds() -> None:
    design = next(d for d in DESIGNS if d.name == "sgp_8_4_10")
    assert (design.people, design.table_size, len(design.rounds)) == (32, 4, 10)
    assert design.never_together() == [(i, i + 16) for i in range(16)]  # a resolvable 4-GDD of type 2^16
    assert len(times_together(design.rounds)) == 32 * 31 // 2 - 16


@pytest.mark.parametrize(
    ("name", "people", "rounds"), [("nkts_18", 18, 8), ("nkts_24", 24, 11), ("nkts_30", 30, 14), ("nkts_36", 36, 17)]
)
def test_in_the_nearly_kirkman_systems_everyone_misses_exactly_one_person(name: str, people: int, rounds: int) -> None:
    design = next(d for d in DESIGNS if d.name == name)
    assert (design.people, len(design.rounds)) == (people, rounds)
    missed = design.never_together()
    assert sorted(p for pair in missed for p in pair) == list(range(people))
    assert set(times_together(design.rounds).values()) == {1}


@pytest.mark.parametrize(
    ("name", "people", "rounds"),
    [("rbibd_40_4", 40, 13), ("kts_33", 33, 16), ("kts_39", 39, 19), ("rbibd_52_4", 52, 17), ("kts_45", 45, 22)],
)
def test_the_developed_designs_let_every_pair_meet_exactly_once(name: str, people: int, rounds: int) -> None:
    design = next(d for d in DESIGNS if d.name == name)
    assert (design.people, len(design.rounds)) == (people, rounds)
    together = times_together(design.rounds)
    assert len(together) == people * (people - 1) // 2 and set(together.values()) == {1}


def test_the_planner_seats_32_people_in_fours_over_10_rounds_without_a_repeat() -> None:
    problem = SeatingProblem(people=32, rounds=10, table_size=4)
    plan = plan_seating(problem, seconds=5, seed=3)
    assert_valid(problem, plan)
    assert plan.start == "construction"
    assert plan.repeat_pairs == recount_repeats(plan.tables) == 0
    assert plan.provably_optimal_repeats
    fig = figures(problem, plan.tables)
    assert (fig.repeat_pairs, fig.hard_violations) == (plan.repeat_pairs, plan.hard_violations) == (0, 0)
    assert plan_seating(problem, seconds=5, seed=3).tables == plan.tables
    assert plan_seating(problem, seconds=5, seed=4).tables != plan.tables  # people relabelled by the seed


@pytest.mark.parametrize(("people", "rounds"), [(31, 10), (30, 10), (32, 7), (30, 4)])
def test_fewer_people_or_rounds_than_8_4_10_stay_repeat_free(people: int, rounds: int) -> None:
    problem = SeatingProblem(people=people, rounds=rounds, table_size=4)
    plan = plan_seating(problem, seconds=5, seed=1)
    assert_valid(problem, plan)
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0


@pytest.mark.parametrize(
    ("people", "size", "rounds"),
    [
        (18, 3, 8),
        (16, 3, 8),
        (21, 3, 10),
        (20, 3, 10),
        (24, 3, 11),
        (22, 3, 11),
        (30, 3, 14),
        (29, 3, 14),
        (28, 4, 9),
        (40, 4, 13),
        (33, 3, 16),
        (39, 3, 19),
        (36, 3, 17),
        (34, 3, 17),
        (56, 4, 13),
        (54, 4, 13),
        (52, 4, 17),
        (51, 4, 17),
        (48, 4, 15),
        (46, 4, 15),
        (45, 3, 22),
        (44, 3, 22),
    ],
)
def test_the_planner_finds_the_other_social_golfer_instances_from_the_literature(
    people: int, size: int, rounds: int
) -> None:
    problem = SeatingProblem(people=people, rounds=rounds, table_size=size)
    plan = plan_seating(problem, seconds=5, seed=2)
    assert_valid(problem, plan)
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0


def test_perspective_groups_are_mixed_without_giving_up_the_repeat_free_plan() -> None:
    problem = SeatingProblem(people=32, rounds=10, table_size=4, groups=groups_from_sizes([8, 8, 8, 8]))
    plan = plan_seating(problem, seconds=60, seed=1, max_iterations=300)
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0
    assert figures(problem, plan.tables).over_represented_tables == plan.over_represented_tables


def test_hosts_keep_the_general_search_and_stay_at_their_table() -> None:
    problem = SeatingProblem(people=32, rounds=10, table_size=4, hosts={0: 0})
    plan = plan_seating(problem, seconds=60, seed=1, max_iterations=200)
    assert plan.start != "construction"
    assert all(0 in round_tables[0] for round_tables in plan.tables)
    assert plan.hard_violations == 0


def test_no_stored_design_is_offered_for_shapes_it_does_not_fit() -> None:
    assert literature_plan(32, 4, 11) is None  # only 10 rounds are repeat-free
    assert literature_plan(36, 4, 10) is None
    assert literature_plan(19, 3, 10) is None  # three people would have to leave KTS(21)
    assert literature_plan(29, 4, 10) is None  # 8-4-10 has no three people who never meet
    assert literature_plan(43, 3, 22) is None  # in KTS(45) every two people meet once


def test_in_the_stored_12_4_15_everyone_misses_the_two_others_of_their_group_of_three() -> None:
    design = next(d for d in DESIGNS if d.name == "sgp_12_4_15")
    assert (design.people, design.table_size, len(design.rounds)) == (48, 4, 15)
    missed = design.never_together()
    groups = [(x, x + 15, x + 30) for x in range(15)] + [(45, 46, 47)]
    assert sorted(missed) == sorted(pair for g in groups for pair in combinations(g, 2))


def test_kts_45_is_tripled_from_a_kirkman_triple_system_of_order_15() -> None:
    for rounds, people in ((KTS_15, 15), (tripled(KTS_15), 45)):
        assert len(rounds) == (people - 1) // 2
        for round_tables in rounds:
            assert sorted(p for members in round_tables for p in members) == list(range(people))
            assert {len(members) for members in round_tables} == {3}
        together = times_together(rounds)
        assert len(together) == people * (people - 1) // 2 and set(together.values()) == {1}
    assert next(d for d in DESIGNS if d.name == "kts_45").rounds == tripled(KTS_15)


@pytest.mark.parametrize("people", [45, 44])
def test_the_planner_seats_15_tables_of_3_over_22_rounds_at_once(people: int) -> None:
    problem = SeatingProblem(people=people, rounds=22, table_size=3)
    started = time.monotonic()
    plan = plan_seating(problem, seconds=5, seed=2)
    assert time.monotonic() - started < 1
    assert_valid(problem, plan)
    assert recount_repeats(plan.tables) == plan.repeat_pairs == 0
    assert plan.start == "construction"
