"""Re-planning the rest of a World Café: kept rounds stay, late arrivals get a seat, no-shows leave."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogwerk.seating.people_text import parse_people
from dialogwerk.seating.replan import id_figures, replan


def seat_map(round_tables):
    return {p: t for t, members in enumerate(round_tables) for p in members}


@st.composite
def evenings(draw):
    tables = draw(st.integers(2, 6))
    size = draw(st.integers(2, 5))
    people = draw(st.integers(tables * 2, tables * size))
    rounds = draw(st.integers(2, min(4, tables)))
    distinct = draw(st.booleans())
    ids = [100 + i for i in range(people)]
    host_count = draw(st.integers(0, tables))
    hosts = {ids[t]: t for t in range(host_count)}
    groups = {p: draw(st.integers(0, 3)) for p in ids}
    from_round = draw(st.integers(1, rounds))
    movers = ids[host_count:]
    no_shows = (
        draw(st.lists(st.sampled_from(movers), unique=True, max_size=max(0, people - tables - 1))) if movers else []
    )
    late = [900 + i for i in range(draw(st.integers(0, 3)))]
    for p in late:
        groups[p] = draw(st.integers(0, 3))
    seed = draw(st.integers(0, 5))
    return tables, rounds, distinct, ids, hosts, groups, from_round, no_shows, late, seed


@settings(max_examples=40, deadline=None)
@given(evenings())
def test_a_replan_keeps_the_past_seats_late_arrivals_and_drops_no_shows(evening):
    tables, rounds, distinct, ids, hosts, groups, from_round, no_shows, late, seed = evening
    first = replan(
        [],
        rounds=rounds,
        tables=tables,
        from_round=0,
        present=ids,
        groups=groups,
        hosts=hosts,
        distinct_tables=distinct,
        seed=seed,
        max_iterations=300,
    )
    present = [p for p in ids if p not in no_shows] + late
    result = replan(
        first.tables,
        rounds=rounds,
        tables=tables,
        from_round=from_round,
        present=present,
        groups=groups,
        hosts=hosts,
        distinct_tables=distinct,
        seed=seed,
        max_iterations=300,
    )
    current = from_round - 1
    assert len(result.tables) == rounds
    assert all(len(round_tables) == tables for round_tables in result.tables)
    # Earlier rounds are exactly as they were.
    assert result.tables[:current] == first.tables[:current]
    # Nobody seated in the current round moves; no-shows leave it, late arrivals join it.
    before, after = seat_map(first.tables[current]), seat_map(result.tables[current])
    for person, table in before.items():
        if person in no_shows:
            assert person not in after
        else:
            assert after[person] == table
    assert set(after) == set(present)
    assert set(result.late_seats) == set(late)
    # Every later round seats exactly the people present, hosts at their tables, sizes within one.
    for round_tables in result.tables[current:]:
        seated = [p for members in round_tables for p in members]
        assert sorted(seated) == sorted(present)
        for host, table in hosts.items():
            if host in present:
                assert host in round_tables[table]
    for round_tables in result.tables[from_round:]:
        sizes = [len(m) for m in round_tables]
        assert max(sizes) - min(sizes) <= 1
    # The figures are recounted over the whole plan and the bound is below them.
    fig = id_figures(result.tables, tables=tables, groups=groups, hosts=hosts, distinct_tables=distinct)
    assert fig.repeat_pairs == result.repeat_pairs and fig.hard_violations == result.hard_violations
    assert result.lower_bound <= result.repeat_pairs or result.hard_violations > 0


def test_the_remaining_rounds_avoid_people_who_already_met():
    ids = list(range(1, 31))
    hosts = {1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5}
    first = replan(
        [], rounds=3, tables=6, from_round=0, present=ids, hosts=hosts, distinct_tables=True, max_iterations=3000
    )
    assert first.repeat_pairs == 0
    present = [p for p in ids if p not in (10, 11)] + [41, 42]
    result = replan(
        first.tables,
        rounds=3,
        tables=6,
        from_round=2,
        present=present,
        hosts=hosts,
        distinct_tables=True,
        max_iterations=3000,
    )
    met_before = {pair for rt in result.tables[:2] for m in rt for pair in combinations(sorted(m), 2)}
    met_last = {pair for m in result.tables[2] for pair in combinations(sorted(m), 2)}
    assert len(met_before & met_last) == result.repeat_pairs
    assert result.hard_violations == 0  # nobody (but the hosts) sees a table twice
    assert result.provably_optimal_repeats == (result.repeat_pairs == result.lower_bound)


def test_replanning_from_round_zero_plans_the_whole_evening():
    result = replan(
        [], rounds=3, tables=4, from_round=0, present=list(range(16)), distinct_tables=True, max_iterations=2000
    )
    assert len(result.tables) == 3 and result.late_seats == {}
    assert all(sorted(p for m in rt for p in m) == list(range(16)) for rt in result.tables)


def test_a_late_arrival_takes_the_emptiest_table_of_the_current_round():
    plan = [[[1, 2, 3], [4, 5], [6, 7, 8]]]
    result = replan(plan, rounds=1, tables=3, from_round=1, present=[1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert result.tables[0][1] == [4, 5, 9] and result.late_seats == {9: 1}


def test_too_few_people_for_the_tables_is_refused():
    plan = [[[1, 2], [3, 4], [5, 6]]]
    with pytest.raises(ValueError, match="cannot fill"):
        replan(plan, rounds=2, tables=3, from_round=1, present=[1, 2])


def test_a_person_listed_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        replan([], rounds=1, tables=1, from_round=0, present=[1, 1, 2])


def test_the_people_text_reads_names_perspectives_and_host_tables():
    people, errors = parse_people(
        "Anna Weber; Verwaltung\n\n  Jens; Ehrenamt; Tisch 2 \nÖzlem\n;x\nA;B;C;D\nB;;Tisch zwei"
    )
    assert [(p.name, p.perspective, p.host_table) for p in people] == [
        ("Anna Weber", "Verwaltung", None),
        ("Jens", "Ehrenamt", 2),
        ("Özlem", "", None),
    ]
    assert [(e.line, e.problem) for e in errors] == [
        (5, "name_missing"),
        (6, "too_many_fields"),
        (7, "table_unreadable"),
    ]
