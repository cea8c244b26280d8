"""The table-plan problem for World-Café rounds and the figures of a plan, with no Django import.

A plan is `tables[round][table] -> list of person indices`. Everything here recomputes its figures from
the plan itself, so callers (tests, the command, the app) never have to trust the search.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

Tables = list[list[list[int]]]


@dataclass(frozen=True)
class SeatingProblem:
    """One World-Café evening to seat.

    - `people`: persons are 0..people-1.
    - `rounds`: number of rounds.
    - `table_size` (largest table) or `tables` (number of tables); with only `table_size`,
      tables = ceil(people / table_size). Table sizes differ by at most one; the first
      `people % tables` tables are the bigger ones, and a table keeps its size in every round.
    - `groups`: optional perspective (group label, any int) per person.
    - `hosts`: person -> table; a host stays at that table in every round.
    - `distinct_tables`: each table has one theme; nobody but a host (or someone who needs one
      particular table) sits at the same table twice.
    - `apart`: pairs that must never sit at the same table.
    - `allowed_tables`: person -> tables they can use (accessibility). A person with exactly one
      allowed table stays there every round, like a host.
    """

    people: int
    rounds: int
    table_size: int | None = None
    tables: int | None = None
    groups: tuple[int, ...] | None = None
    hosts: Mapping[int, int] = field(default_factory=dict)
    distinct_tables: bool = False
    apart: tuple[tuple[int, int], ...] = ()
    allowed_tables: Mapping[int, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        validate_problem(self)

    @property
    def table_count(self) -> int:
        if self.tables is not None:
            return self.tables
        assert self.table_size is not None
        return math.ceil(self.people / self.table_size)

    @property
    def table_sizes(self) -> list[int]:
        count = self.table_count
        base, extra = divmod(self.people, count)
        return [base + 1 if t < extra else base for t in range(count)]

    def stayers(self) -> dict[int, int]:
        """Person -> table for everyone who never moves: hosts and people who need one table."""
        fixed = dict(self.hosts)
        for person, allowed in self.allowed_tables.items():
            if len(allowed) == 1 and person not in fixed:
                fixed[person] = next(iter(allowed))
        return fixed

    def allowed(self, person: int) -> frozenset[int] | None:
        """Tables a person may use, or None for all of them."""
        if person in self.hosts:
            return frozenset((self.hosts[person],))
        return self.allowed_tables.get(person)

    def group_caps(self) -> dict[int, int]:
        """Seats a group may hold at one table before the table counts as over-represented.

        A group of n_g people spread over T tables must put at least ceil(n_g / T) of them at its
        busiest table, so that is the most "needed given the group sizes"; any more is over-representation.
        """
        if self.groups is None:
            return {}
        sizes: dict[int, int] = {}
        for g in self.groups:
            sizes[g] = sizes.get(g, 0) + 1
        return {g: math.ceil(n / self.table_count) for g, n in sizes.items()}


def validate_problem(problem: SeatingProblem) -> None:
    """Raise ValueError with a readable message when the problem cannot be seated."""
    n, r = problem.people, problem.rounds
    if n < 1:
        raise ValueError("people must be at least 1")
    if r < 1:
        raise ValueError("rounds must be at least 1")
    if problem.table_size is None and problem.tables is None:
        raise ValueError("give table_size or tables")
    if problem.table_size is not None:
        if problem.table_size < 2:
            raise ValueError("table size must be at least 2")
        if n < problem.table_size:
            raise ValueError("people must be at least the table size")
    if problem.tables is not None:
        if problem.tables < 1:
            raise ValueError("tables must be at least 1")
        if problem.tables > n:
            raise ValueError("more tables than people")
        if problem.table_size is not None and problem.tables * problem.table_size < n:
            raise ValueError("tables x table size is smaller than people")
    _validate_rules(problem)


def _validate_rules(problem: SeatingProblem) -> None:
    """The rules of a problem whose sizes are right: groups, hosts, allowed tables, stayers, kept apart."""
    n, r = problem.people, problem.rounds
    count = problem.table_count
    if problem.groups is not None and len(problem.groups) != n:
        raise ValueError("groups must give one group per person")
    if problem.distinct_tables and r > count:
        raise ValueError(f"{r} rounds cannot visit distinct tables with only {count} tables")
    for person, table in problem.hosts.items():
        _check_person(person, n)
        if not 0 <= table < count:
            raise ValueError(f"host {person} has table {table}, outside 0..{count - 1}")
    for person, allowed in problem.allowed_tables.items():
        _check_person(person, n)
        if not allowed:
            raise ValueError(f"person {person} has no allowed table")
        if any(not 0 <= t < count for t in allowed):
            raise ValueError(f"person {person} has an allowed table outside 0..{count - 1}")
        if person in problem.hosts and problem.hosts[person] not in allowed:
            raise ValueError(f"host {person} cannot use their own table")
        if problem.distinct_tables and person not in problem.hosts and 1 < len(allowed) < r:
            raise ValueError(f"person {person} can use only {len(allowed)} tables but must visit {r} distinct ones")
    _validate_stayers_and_apart(problem)


def _validate_stayers_and_apart(problem: SeatingProblem) -> None:
    n, count = problem.people, problem.table_count
    sizes = problem.table_sizes
    fixed_per_table = [0] * count
    stayers = problem.stayers()
    for table in stayers.values():
        fixed_per_table[table] += 1
    for t, fixed in enumerate(fixed_per_table):
        if fixed > sizes[t]:
            raise ValueError(f"table {t} has {fixed} people who must stay there but only {sizes[t]} seats")
    for a, b in problem.apart:
        _check_person(a, n)
        _check_person(b, n)
        if a == b:
            raise ValueError(f"person {a} cannot be kept apart from themselves")
        if a in stayers and b in stayers and stayers[a] == stayers[b]:
            raise ValueError(f"persons {a} and {b} must stay at the same table but also be kept apart")


def _check_person(person: int, n: int) -> None:
    if not 0 <= person < n:
        raise ValueError(f"person {person} is outside 0..{n - 1}")


@dataclass(frozen=True)
class PlanFigures:
    """Figures of a plan, recomputed from its tables."""

    repeat_pairs: int
    hard_violations: int
    over_represented_tables: int
    over_represented_seats: int
    min_distinct_groups: int | None


def check_shape(problem: SeatingProblem, tables: Tables) -> None:
    """Raise ValueError unless everyone sits exactly once per round at a table of the right size."""
    sizes = problem.table_sizes
    if len(tables) != problem.rounds:
        raise ValueError(f"plan has {len(tables)} rounds, expected {problem.rounds}")
    for r, round_tables in enumerate(tables):
        if [len(t) for t in round_tables] != sizes:
            raise ValueError(f"round {r} has table sizes {[len(t) for t in round_tables]}, expected {sizes}")
        seated = sorted(p for t in round_tables for p in t)
        if seated != list(range(problem.people)):
            raise ValueError(f"round {r} does not seat everyone exactly once")


def figures(problem: SeatingProblem, tables: Tables) -> PlanFigures:
    """Recompute every reported figure from the plan.

    - repeat_pairs: for every pair, (rounds they share a table) - 1 when positive, summed.
    - hard_violations: a host or a person away from an allowed table, a kept-apart pair at one
      table (once per round), and every repeated visit of a table under `distinct_tables`.
    - over_represented_tables: (round, table) where some group holds more seats than its cap
      (see SeatingProblem.group_caps); over_represented_seats sums those extra seats.
    """
    check_shape(problem, tables)
    together: dict[tuple[int, int], int] = {}
    for round_tables in tables:
        for members in round_tables:
            for a, b in combinations(sorted(members), 2):
                together[(a, b)] = together.get((a, b), 0) + 1
    repeats = sum(c - 1 for c in together.values() if c > 1)

    hard = 0
    stayers = problem.stayers()
    seat_of = [[0] * problem.people for _ in tables]
    for r, round_tables in enumerate(tables):
        for t, members in enumerate(round_tables):
            for p in members:
                seat_of[r][p] = t
    for person in range(problem.people):
        allowed = problem.allowed(person)
        visits: dict[int, int] = {}
        for r in range(problem.rounds):
            t = seat_of[r][person]
            if allowed is not None and t not in allowed:
                hard += 1
            visits[t] = visits.get(t, 0) + 1
        if problem.distinct_tables and person not in stayers:
            hard += sum(v - 1 for v in visits.values())
    for a, b in problem.apart:
        hard += sum(1 for r in range(problem.rounds) if seat_of[r][a] == seat_of[r][b])

    over_tables = over_seats = 0
    min_distinct: int | None = None
    if problem.groups is not None:
        caps = problem.group_caps()
        for round_tables in tables:
            for members in round_tables:
                counts: dict[int, int] = {}
                for p in members:
                    g = problem.groups[p]
                    counts[g] = counts.get(g, 0) + 1
                excess = sum(max(0, c - caps[g]) for g, c in counts.items())
                over_seats += excess
                over_tables += excess > 0
                if min_distinct is None or len(counts) < min_distinct:
                    min_distinct = len(counts)
    return PlanFigures(repeats, hard, over_tables, over_seats, min_distinct)


def groups_from_sizes(sizes: Sequence[int]) -> tuple[int, ...]:
    """People 0..g1-1 are group 0, the next g2 group 1, and so on."""
    return tuple(g for g, size in enumerate(sizes) for _ in range(size))
