"""Plan or re-plan the rounds of a World Café for people known by ids, with no Django import.

`replan` keeps the rounds before `from_round` as they are. The round just before it is the current one:
no-shows leave it, late arrivals join it at the emptiest tables, and nobody already seated there moves.
The remaining rounds are planned for whoever is present. Pairs who already met are passed to the
planner as kept-apart pairs, so it avoids a second meeting before anything else; with distinct tables,
movers may only go to tables they have not visited. `from_round=0` plans the whole evening.
Every figure of the result is recounted over the whole plan, where people may differ between rounds.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from .bounds import repeat_lower_bound
from .planner import plan_seating
from .problem import SeatingProblem

IdTables = list[list[list[int]]]  # tables[round][table] -> person ids


@dataclass(frozen=True)
class Replan:
    """A whole plan in person ids and its figures."""

    tables: IdTables
    repeat_pairs: int
    lower_bound: int
    hard_violations: int
    over_represented_tables: int
    min_distinct_groups: int | None
    late_seats: dict[int, int]  # late arrival -> table in the current round

    @property
    def provably_optimal_repeats(self) -> bool:
        return self.hard_violations == 0 and self.repeat_pairs == self.lower_bound


@dataclass(frozen=True)
class IdFigures:
    repeat_pairs: int
    hard_violations: int
    over_represented_tables: int
    min_distinct_groups: int | None


def replan(
    plan: Sequence[Sequence[Sequence[int]]],
    *,
    rounds: int,
    tables: int,
    from_round: int,
    present: Sequence[int],
    groups: Mapping[int, Hashable] | None = None,
    hosts: Mapping[int, int] | None = None,
    distinct_tables: bool = False,
    seconds: float = 2.0,
    seed: int = 0,
    max_iterations: int | None = None,
) -> Replan:
    """Keep rounds < from_round (the current round minus no-shows, plus late arrivals), plan the rest.

    - `plan`: the plan so far, at least `from_round` rounds of `tables` tables (later rounds are ignored).
    - `present`: everyone who takes part from the current round on, late arrivals included.
    - `groups`: person -> perspective label; `hosts`: person -> table (0-based) they host.
    Raises ValueError with a readable message when the rest cannot be seated (e.g. fewer people than
    tables).
    """
    hosts = dict(hosts or {})
    if not 0 <= from_round <= rounds:
        raise ValueError(f"from_round must be within 0..{rounds}")
    if len(plan) < from_round:
        raise ValueError(f"the plan has {len(plan)} rounds, fewer than the {from_round} to keep")
    if len(set(present)) != len(present):
        raise ValueError("a person is listed twice")
    if tables < 1:
        raise ValueError("tables must be at least 1")
    present_set = set(present)
    for person, table in hosts.items():
        if not 0 <= table < tables:
            raise ValueError(f"host {person} has table {table}, outside 0..{tables - 1}")
    kept: IdTables = [[list(members) for members in plan[r]] for r in range(from_round)]
    for r, round_tables in enumerate(kept):
        if len(round_tables) != tables:
            raise ValueError(f"round {r} has {len(round_tables)} tables, expected {tables}")

    late_seats: dict[int, int] = {}
    if kept:
        current = kept[-1]
        current[:] = [[p for p in members if p in present_set] for members in current]
        seated = {p for members in current for p in members}
        for person in [p for p in present if p not in seated]:
            host_table = hosts.get(person)
            table = _emptiest_table(current, person, groups) if host_table is None else host_table
            current[table].append(person)
            late_seats[person] = table
        kept[-1] = [sorted(members) for members in current]

    rest = rounds - from_round
    fixed_figures = id_figures(kept, tables=tables, groups=groups, hosts=hosts, distinct_tables=distinct_tables)
    if rest == 0 or not present:
        return Replan(
            kept,
            fixed_figures.repeat_pairs,
            fixed_figures.repeat_pairs,
            fixed_figures.hard_violations,
            fixed_figures.over_represented_tables,
            fixed_figures.min_distinct_groups,
            late_seats,
        )

    people = list(present)
    index = {p: i for i, p in enumerate(people)}
    if len(people) < tables:
        raise ValueError(f"{len(people)} people cannot fill {tables} tables")
    sub_hosts = {index[p]: t for p, t in hosts.items() if p in index}
    label_ids: dict[Hashable, int] = {}
    sub_groups = None
    if groups is not None:
        sub_groups = tuple(label_ids.setdefault(groups.get(p), len(label_ids)) for p in people)
    distinct = distinct_tables and rest <= tables

    visited: dict[int, set[int]] = {p: set() for p in people}
    met: set[tuple[int, int]] = set()
    for round_tables in kept:
        for t, members in enumerate(round_tables):
            here = [index[p] for p in members if p in index]
            for i in here:
                visited[people[i]].add(t)
            met.update(combinations(sorted(here), 2))

    allowed: dict[int, frozenset[int]] = {}
    if distinct:
        for p in people:
            i = index[p]
            if i in sub_hosts or not visited[p]:
                continue
            unvisited = frozenset(range(tables)) - visited[p]
            if len(unvisited) >= rest:
                allowed[i] = unvisited

    attempts = [allowed, {}] if allowed else [{}]
    last_error: ValueError | None = None
    for allowed_tables in attempts:
        stayers = dict(sub_hosts)
        stayers.update({i: next(iter(a)) for i, a in allowed_tables.items() if len(a) == 1 and i not in stayers})
        apart = tuple(
            sorted((a, b) for a, b in met if not (a in stayers and b in stayers and stayers[a] == stayers[b]))
        )
        try:
            problem = SeatingProblem(
                len(people),
                rest,
                tables=tables,
                groups=sub_groups,
                hosts=sub_hosts,
                distinct_tables=distinct,
                apart=apart,
                allowed_tables=allowed_tables,
            )
            result = plan_seating(problem, seconds=seconds, seed=seed, max_iterations=max_iterations)
        except ValueError as error:
            last_error = error
            continue
        bound_problem = SeatingProblem(
            len(people), rest, tables=tables, groups=sub_groups, hosts=sub_hosts, distinct_tables=distinct
        )
        lower = fixed_figures.repeat_pairs + repeat_lower_bound(bound_problem)
        full = kept + [
            [sorted(people[i] for i in members) for members in round_tables] for round_tables in result.tables
        ]
        fig = id_figures(full, tables=tables, groups=groups, hosts=hosts, distinct_tables=distinct_tables)
        return Replan(
            full,
            fig.repeat_pairs,
            lower,
            fig.hard_violations,
            fig.over_represented_tables,
            fig.min_distinct_groups,
            late_seats,
        )
    assert last_error is not None
    raise last_error


def _emptiest_table(round_tables: list[list[int]], person: int, groups: Mapping[int, Hashable] | None) -> int:
    """The table with the fewest people, then the fewest of the person's perspective, then the lowest number."""
    label = groups.get(person) if groups is not None else None

    def key(t: int) -> tuple[int, int, int]:
        same = (
            sum(1 for p in round_tables[t] if groups is not None and groups.get(p) == label) if label is not None else 0
        )
        return (len(round_tables[t]), same, t)

    return min(range(len(round_tables)), key=key)


def id_figures(
    plan: Sequence[Sequence[Sequence[int]]],
    *,
    tables: int,
    groups: Mapping[int, Hashable] | None = None,
    hosts: Mapping[int, int] | None = None,
    distinct_tables: bool = False,
) -> IdFigures:
    """The figures of `problem.figures`, for a plan whose people may differ from round to round.

    Hard violations: a host away from their table, a mover at a table visited before (with distinct
    tables). A perspective's cap at a table is ceil(its people in that round / tables).
    """
    hosts = hosts or {}
    together: dict[tuple[int, int], int] = {}
    visits: dict[int, dict[int, int]] = {}
    hard = 0
    over = 0
    min_distinct: int | None = None
    for round_tables in plan:
        sizes: dict[Hashable, int] = {}
        if groups is not None:
            for members in round_tables:
                for p in members:
                    sizes[groups.get(p)] = sizes.get(groups.get(p), 0) + 1
        for t, members in enumerate(round_tables):
            for pair in combinations(sorted(members), 2):
                together[pair] = together.get(pair, 0) + 1
            for p in members:
                if p in hosts and hosts[p] != t:
                    hard += 1
                seen = visits.setdefault(p, {})
                seen[t] = seen.get(t, 0) + 1
            if groups is not None and members:
                counts: dict[Hashable, int] = {}
                for p in members:
                    counts[groups.get(p)] = counts.get(groups.get(p), 0) + 1
                over += any(c > math.ceil(sizes[g] / tables) for g, c in counts.items())
                min_distinct = len(counts) if min_distinct is None else min(min_distinct, len(counts))
    if distinct_tables:
        hard += sum(v - 1 for p, seen in visits.items() if p not in hosts for v in seen.values() if v > 1)
    repeats = sum(c - 1 for c in together.values() if c > 1)
    return IdFigures(repeats, hard, over, min_distinct)
