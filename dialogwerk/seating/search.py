"""Greedy seating plus tabu search on swaps, the engine behind `plan_seating`. No Django import.

The search minimises one number, score = hard * W_HARD + repeats * W_REPEAT + over_tables * W_OVER
+ over_seats, whose weights make it lexicographic: hard constraints, then repeated encounters, then
tables with an over-represented perspective (over_seats only guides the search between ties).
A move swaps two people of one round who sit at different tables; tables keep their sizes, hosts
and people with one allowed table never move, nobody is moved to a table they may not use.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .problem import SeatingProblem, Tables

W_HARD = 10**15
W_REPEAT = 10**9
W_OVER = 10**5


class _IndexedSet:
    """A set with O(1) add, remove and seeded random choice."""

    def __init__(self) -> None:
        self.items: list = []  # type: ignore[type-arg]
        self.where: dict = {}  # type: ignore[type-arg]

    def add(self, item) -> None:  # type: ignore[no-untyped-def]
        if item not in self.where:
            self.where[item] = len(self.items)
            self.items.append(item)

    def discard(self, item) -> None:  # type: ignore[no-untyped-def]
        i = self.where.pop(item, None)
        if i is None:
            return
        last = self.items.pop()
        if i < len(self.items):
            self.items[i] = last
            self.where[last] = i

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class SearchResult:
    tables: Tables
    iterations: int


class _State:
    def __init__(self, problem: SeatingProblem, tables: Tables) -> None:
        self.p = problem
        n, rounds = problem.people, problem.rounds
        self.n, self.rounds = n, rounds
        self.t_count = problem.table_count
        stayers = problem.stayers()
        self.movable = [person not in stayers for person in range(n)]
        self.allowed = [problem.allowed(person) for person in range(n)]
        self.forb: list[set[int]] = [set() for _ in range(n)]
        for a, b in problem.apart:
            self.forb[a].add(b)
            self.forb[b].add(a)
        self.distinct = problem.distinct_tables
        self.groups = list(problem.groups) if problem.groups is not None else None
        if self.groups is not None:
            labels = sorted(set(self.groups))
            index = {g: i for i, g in enumerate(labels)}
            self.g = [index[g] for g in self.groups]
            caps = problem.group_caps()
            self.caps = [caps[g] for g in labels]
            self.g_count = len(labels)
        self.load(tables)

    def load(self, tables: Tables) -> None:
        n, rounds, tc = self.n, self.rounds, self.t_count
        self.members = [[list(t) for t in rt] for rt in tables]
        self.seat = [[0] * n for _ in range(rounds)]
        self.pos = [[0] * n for _ in range(rounds)]
        for r in range(rounds):
            for t, ms in enumerate(self.members[r]):
                for i, person in enumerate(ms):
                    self.seat[r][person] = t
                    self.pos[r][person] = i
        self.meet = [[0] * n for _ in range(n)]
        for r in range(rounds):
            for ms in self.members[r]:
                for a in ms:
                    row = self.meet[a]
                    for b in ms:
                        if a != b:
                            row[b] += 1
        self.repeats = 0
        self.rep_pairs = _IndexedSet()
        for a in range(n):
            for b in range(a + 1, n):
                if self.meet[a][b] >= 2:
                    self.repeats += self.meet[a][b] - 1
                    self.rep_pairs.add((a, b))
        self.hard = 0
        self.visits = [[0] * tc for _ in range(n)]
        self.dviol = _IndexedSet()
        for person in range(n):
            for r in range(rounds):
                self.visits[person][self.seat[r][person]] += 1
            allowed = self.allowed[person]
            if allowed is not None:
                self.hard += sum(1 for r in range(rounds) if self.seat[r][person] not in allowed)
            if self.distinct and self.movable[person]:
                extra = sum(v - 1 for v in self.visits[person] if v > 1)
                self.hard += extra
                if extra:
                    self.dviol.add(person)
        for a, b in self.p.apart:
            self.hard += sum(1 for r in range(rounds) if self.seat[r][a] == self.seat[r][b])
        self.over = 0
        self.excess_total = 0
        self.over_set = _IndexedSet()
        if self.groups is not None:
            self.gc = [[[0] * self.g_count for _ in range(tc)] for _ in range(rounds)]
            self.excess = [[0] * tc for _ in range(rounds)]
            for r in range(rounds):
                for t, ms in enumerate(self.members[r]):
                    for person in ms:
                        self.gc[r][t][self.g[person]] += 1
                    e = sum(max(0, c - self.caps[g]) for g, c in enumerate(self.gc[r][t]))
                    self.excess[r][t] = e
                    self.excess_total += e
                    if e:
                        self.over += 1
                        self.over_set.add((r, t))

    def score(self) -> int:
        return self.hard * W_HARD + self.repeats * W_REPEAT + self.over * W_OVER + self.excess_total

    def tables(self) -> Tables:
        return [[sorted(ms) for ms in rt] for rt in self.members]

    # --- moves -------------------------------------------------------------------------------------

    def delta(self, r: int, a: int, b: int) -> int:
        """Score change of swapping a and b (at different tables) in round r."""
        seat = self.seat[r]
        ta, tb = seat[a], seat[b]
        ma, mb = self.meet[a], self.meet[b]
        d_rep = 0
        for x in self.members[r][ta]:
            if x != a:
                if ma[x] >= 2:
                    d_rep -= 1
                if mb[x] >= 1:
                    d_rep += 1
        for y in self.members[r][tb]:
            if y != b:
                if mb[y] >= 2:
                    d_rep -= 1
                if ma[y] >= 1:
                    d_rep += 1
        d_hard = 0
        fa, fb = self.forb[a], self.forb[b]
        if fa or fb:
            for x in self.members[r][ta]:
                if x != a:
                    d_hard += (x in fb) - (x in fa)
            for y in self.members[r][tb]:
                if y != b:
                    d_hard += (y in fa) - (y in fb)
        if self.distinct:
            va, vb = self.visits[a], self.visits[b]
            d_hard += (va[tb] >= 1) - (va[ta] >= 2) + (vb[ta] >= 1) - (vb[tb] >= 2)
        d = d_hard * W_HARD + d_rep * W_REPEAT
        if self.groups is not None:
            ga, gb = self.g[a], self.g[b]
            if ga != gb:
                d += self._group_delta(r, ta, ga, gb) + self._group_delta(r, tb, gb, ga)
        return d

    def _group_delta(self, r: int, t: int, leaves: int, joins: int) -> int:
        counts = self.gc[r][t]
        caps = self.caps
        old = self.excess[r][t]
        new = old - (counts[leaves] > caps[leaves]) + (counts[joins] >= caps[joins])
        return (new - old) + ((new > 0) - (old > 0)) * W_OVER

    def swap(self, r: int, a: int, b: int) -> None:
        seat, pos, members = self.seat[r], self.pos[r], self.members[r]
        ta, tb = seat[a], seat[b]
        ma, mb = self.meet[a], self.meet[b]
        for x in members[ta]:
            if x != a:
                self._unmeet(a, x)
                self._meet(b, x)
        for y in members[tb]:
            if y != b:
                self._unmeet(b, y)
                self._meet(a, y)
        del ma, mb
        fa, fb = self.forb[a], self.forb[b]
        if fa or fb:
            for x in members[ta]:
                if x != a:
                    self.hard += (x in fb) - (x in fa)
            for y in members[tb]:
                if y != b:
                    self.hard += (y in fa) - (y in fb)
        if self.distinct:
            self._visit(a, ta, -1)
            self._visit(a, tb, +1)
            self._visit(b, tb, -1)
            self._visit(b, ta, +1)
        else:
            self.visits[a][ta] -= 1
            self.visits[a][tb] += 1
            self.visits[b][tb] -= 1
            self.visits[b][ta] += 1
        if self.groups is not None:
            ga, gb = self.g[a], self.g[b]
            if ga != gb:
                self._group_move(r, ta, ga, gb)
                self._group_move(r, tb, gb, ga)
        ia, ib = pos[a], pos[b]
        members[ta][ia] = b
        members[tb][ib] = a
        pos[a], pos[b] = ib, ia
        seat[a], seat[b] = tb, ta

    def _meet(self, a: int, b: int) -> None:
        c = self.meet[a][b] + 1
        self.meet[a][b] = self.meet[b][a] = c
        if c >= 2:
            self.repeats += 1
            if c == 2:
                self.rep_pairs.add((a, b) if a < b else (b, a))

    def _unmeet(self, a: int, b: int) -> None:
        c = self.meet[a][b] - 1
        self.meet[a][b] = self.meet[b][a] = c
        if c >= 1:
            self.repeats -= 1
            if c == 1:
                self.rep_pairs.discard((a, b) if a < b else (b, a))

    def _visit(self, person: int, t: int, step: int) -> None:
        v = self.visits[person]
        before = v[t]
        v[t] += step
        if not self.movable[person]:
            return
        if step > 0 and before >= 1:
            self.hard += 1
        elif step < 0 and before >= 2:
            self.hard -= 1
        if any(x > 1 for x in v):
            self.dviol.add(person)
        else:
            self.dviol.discard(person)

    def _group_move(self, r: int, t: int, leaves: int, joins: int) -> None:
        counts = self.gc[r][t]
        old = self.excess[r][t]
        new = old - (counts[leaves] > self.caps[leaves]) + (counts[joins] >= self.caps[joins])
        counts[leaves] -= 1
        counts[joins] += 1
        self.excess[r][t] = new
        self.excess_total += new - old
        if (new > 0) != (old > 0):
            if new:
                self.over += 1
                self.over_set.add((r, t))
            else:
                self.over -= 1
                self.over_set.discard((r, t))

    # --- relabelling: swap two people in every round; repeats stay the same ----------------------

    def relabel_delta(self, a: int, b: int) -> int:
        ga, gb = self.g[a], self.g[b]
        if ga == gb:
            return 0
        d = 0
        for r in range(self.rounds):
            ta, tb = self.seat[r][a], self.seat[r][b]
            if ta != tb:
                d += self._group_delta(r, ta, ga, gb) + self._group_delta(r, tb, gb, ga)
        return d

    def relabel(self, a: int, b: int) -> None:
        for r in range(self.rounds):
            if self.seat[r][a] != self.seat[r][b]:
                self.swap(r, a, b)

    def relabel_ok(self, a: int) -> bool:
        return self.movable[a] and self.allowed[a] is None and not self.forb[a]


def greedy_tables(problem: SeatingProblem, rng: random.Random) -> Tables:
    """Seat round by round: each person takes the open table with the fewest new conflicts."""
    n, rounds = problem.people, problem.rounds
    sizes = problem.table_sizes
    tc = len(sizes)
    stayers = problem.stayers()
    forb: list[set[int]] = [set() for _ in range(n)]
    for a, b in problem.apart:
        forb[a].add(b)
        forb[b].add(a)
    caps: dict[int, int] = problem.group_caps()
    groups = problem.groups
    met = [set() for _ in range(n)]  # type: list[set[int]]
    visited = [set() for _ in range(n)]  # type: list[set[int]]
    plan: Tables = []
    for _ in range(rounds):
        tables: list[list[int]] = [[] for _ in range(tc)]
        gcount: list[dict[int, int]] = [{} for _ in range(tc)]

        def put(person: int, t: int) -> None:
            tables[t].append(person)
            if groups is not None:
                gcount[t][groups[person]] = gcount[t].get(groups[person], 0) + 1

        for person, t in stayers.items():
            put(person, t)
        restricted = [p for p in range(n) if p not in stayers and problem.allowed(p) is not None]
        free = [sizes[t] - len(tables[t]) for t in range(tc)]
        for person, t in _match_restricted(problem, restricted, free, visited, rng).items():
            put(person, t)
        seated = set(stayers) | set(restricted)
        others = [p for p in range(n) if p not in seated]
        rng.shuffle(others)
        for person in others:
            best_t, best_cost = -1, None
            for t in range(tc):
                if len(tables[t]) >= sizes[t]:
                    continue
                hard = (t in visited[person]) if problem.distinct_tables else 0
                repeat = 0
                for x in tables[t]:
                    if x in forb[person]:
                        hard += 1
                    if x in met[person]:
                        repeat += 1
                over = 0
                if groups is not None:
                    g = groups[person]
                    over = gcount[t].get(g, 0) >= caps[g]
                cost = (hard, repeat, over, rng.random())
                if best_cost is None or cost < best_cost:
                    best_t, best_cost = t, cost
            put(person, best_t)
        for t, ms in enumerate(tables):
            for a in ms:
                visited[a].add(t)
                met[a].update(x for x in ms if x != a)
        plan.append(tables)
    return plan


def _match_restricted(
    problem: SeatingProblem, restricted: list[int], free: list[int], visited: list[set[int]], rng: random.Random
) -> dict[int, int]:
    """Give everyone with allowed tables one of them (augmenting paths), preferring unvisited tables."""
    assignment: dict[int, int] = {}
    holders: list[list[int]] = [[] for _ in free]
    order = sorted(restricted, key=lambda p: (len(problem.allowed(p) or ()), rng.random()))

    def prefs(person: int) -> list[int]:
        allowed = sorted(problem.allowed(person) or ())
        rng.shuffle(allowed)
        return sorted(allowed, key=lambda t: t in visited[person])

    def augment(person: int, seen: set[int]) -> bool:
        for t in prefs(person):
            if t in seen:
                continue
            seen.add(t)
            if len(holders[t]) < free[t]:
                holders[t].append(person)
                assignment[person] = t
                return True
            for other in list(holders[t]):
                if augment(other, seen):
                    holders[t].remove(other)
                    holders[t].append(person)
                    assignment[person] = t
                    return True
        return False

    for person in order:
        if not augment(person, set()):
            raise ValueError(f"no seating gives person {person} one of their allowed tables")
    return assignment


def tabu_search(
    problem: SeatingProblem,
    start: Tables,
    *,
    lower_bound: int,
    rng: random.Random,
    deadline: float,
    max_iterations: int | None = None,
) -> SearchResult:
    """Improve `start` until it is provably optimal, the deadline passes or the iterations run out."""
    state = _State(problem, start)
    best_score = state.score()
    best_tables = state.tables()
    n, tc = state.n, state.t_count
    if not any(state.movable):
        return SearchResult(best_tables, 0)
    tabu: dict[tuple[int, int, int], int] = {}
    table_sample = tc if tc <= 16 else 16
    stall_limit = max(3000, 30 * n)
    last_gain = 0
    it = 0
    has_groups = state.groups is not None
    # Look at several conflicts per step, as many as keep a step near a few thousand operations.
    picks_per_iteration = max(1, min(8, 4000 // (n * max(problem.table_sizes))))
    while True:
        if state.hard == 0 and state.repeats <= lower_bound and state.over == 0:
            break
        if max_iterations is not None and it >= max_iterations:
            break
        if (it & 15) == 0 and time.monotonic() >= deadline:
            break
        it += 1

        if it - last_gain > stall_limit:
            _restart(state, best_tables, tabu, rng)
            last_gain = it

        picks = {_pick_conflict(state, lower_bound, rng) for _ in range(picks_per_iteration)}
        picks.discard((0, -1))
        if not picks:
            continue
        r, a = sorted(picks)[rng.randrange(len(picks))]

        if has_groups and state.hard == 0 and state.repeats <= lower_bound and rng.random() < 0.5:
            if state.relabel_ok(a):
                best_b, relabel_d = _best_relabel(state, a, rng)
                if best_b >= 0 and relabel_d < 0:
                    state.relabel(a, best_b)
                    score = state.score()
                    if score < best_score:
                        best_score, best_tables, last_gain = score, state.tables(), it
                    continue

        best_move = _best_swap(state, sorted(picks), tabu, it, best_score, table_sample, rng)
        if best_move is None:
            continue
        r, a, b = best_move
        ta, tb = state.seat[r][a], state.seat[r][b]
        state.swap(r, a, b)
        tenure = 4 + rng.randrange(8) + min(20, n // 10)
        tabu[(r, a, ta)] = it + tenure
        tabu[(r, b, tb)] = it + tenure
        score = state.score()
        if score < best_score:
            best_score, best_tables, last_gain = score, state.tables(), it
        if len(tabu) > 50000:
            tabu = {k: v for k, v in tabu.items() if v > it}
    return SearchResult(best_tables, it)


def _restart(state: _State, best_tables: Tables, tabu: dict, rng: random.Random) -> None:
    """Restart from the best plan with a few random swaps (after a long stretch without a gain)."""
    n, rounds = state.n, state.rounds
    state.load(best_tables)
    tabu.clear()
    for _ in range(max(2, n * rounds // 40)):
        r = rng.randrange(rounds)
        a, b = rng.randrange(n), rng.randrange(n)
        if _swappable(state, r, a, b):
            state.swap(r, a, b)


def _best_relabel(state: _State, a: int, rng: random.Random) -> tuple[int, int]:
    """(person, change of the score) of the best swap of a's whole itinerary; (-1, 0) when none helps."""
    best_b, relabel_d = -1, 0
    for b in range(state.n):
        if b != a and state.relabel_ok(b):
            d = state.relabel_delta(a, b)
            if d < relabel_d or (d == relabel_d and best_b >= 0 and rng.random() < 0.3):
                best_b, relabel_d = b, d
    return best_b, relabel_d


def _best_swap(
    state: _State,
    picks: list[tuple[int, int]],
    tabu: dict,
    it: int,
    best_score: int,
    table_sample: int,
    rng: random.Random,
) -> tuple[int, int, int] | None:
    """The best non-tabu swap (round, a, b) of a picked person with someone at another table (aspiration: a
    tabu swap that beats the best plan is taken); ties broken at random."""
    tc = state.t_count
    current = state.score()
    best_move: tuple[int, int, int] | None = None
    best_d: int | None = None
    ties = 0
    for r, a in picks:
        ta = state.seat[r][a]
        allowed_a = state.allowed[a]
        candidate_tables: Sequence[int]
        if table_sample == tc:
            candidate_tables = range(tc)
        else:
            candidate_tables = rng.sample(range(tc), table_sample)
        for tb in candidate_tables:
            if tb == ta or (allowed_a is not None and tb not in allowed_a):
                continue
            a_tabu = tabu.get((r, a, tb), 0) > it
            for b in state.members[r][tb]:
                if not state.movable[b]:
                    continue
                allowed_b = state.allowed[b]
                if allowed_b is not None and ta not in allowed_b:
                    continue
                d = state.delta(r, a, b)
                if (a_tabu or tabu.get((r, b, ta), 0) > it) and current + d >= best_score:
                    continue
                if best_d is None or d < best_d:
                    best_move, best_d, ties = (r, a, b), d, 1
                elif d == best_d:
                    ties += 1
                    if rng.randrange(ties) == 0:
                        best_move = (r, a, b)
    return best_move


def _swappable(state: _State, r: int, a: int, b: int) -> bool:
    if a == b or not state.movable[a] or not state.movable[b]:
        return False
    ta, tb = state.seat[r][a], state.seat[r][b]
    if ta == tb:
        return False
    allowed_a, allowed_b = state.allowed[a], state.allowed[b]
    return (allowed_a is None or tb in allowed_a) and (allowed_b is None or ta in allowed_b)


def _pick_conflict(state: _State, lower_bound: int, rng: random.Random) -> tuple[int, int]:
    """A (round, person) worth moving: from a hard violation, a repeat, or an over-represented table."""
    n, rounds = state.n, state.rounds
    if rng.random() < 0.05:
        a = rng.randrange(n)
        return (rng.randrange(rounds), a) if state.movable[a] else (0, -1)
    if state.hard:
        options: list[tuple[int, int]] = []
        for a, b in state.p.apart:
            for r in range(rounds):
                if state.seat[r][a] == state.seat[r][b]:
                    options.extend([(r, a), (r, b)])
        if state.dviol:
            person = state.dviol.items[rng.randrange(len(state.dviol))]
            v = state.visits[person]
            options.extend((r, person) for r in range(rounds) if v[state.seat[r][person]] > 1)
        options = [(r, p) for r, p in options if state.movable[p]]
        if options:
            return options[rng.randrange(len(options))]
    if state.repeats > lower_bound and state.rep_pairs and not (state.over_set and rng.random() < 0.25):
        a, b = state.rep_pairs.items[rng.randrange(len(state.rep_pairs))]
        shared = [r for r in range(rounds) if state.seat[r][a] == state.seat[r][b]]
        r = shared[rng.randrange(len(shared))]
        person = a if rng.random() < 0.5 else b
        if not state.movable[person]:
            person = b if person == a else a
        return (r, person) if state.movable[person] else (0, -1)
    if state.over_set:
        r, t = state.over_set.items[rng.randrange(len(state.over_set))]
        counts = state.gc[r][t]
        crowded = [p for p in state.members[r][t] if state.movable[p] and counts[state.g[p]] > state.caps[state.g[p]]]
        if crowded:
            return r, crowded[rng.randrange(len(crowded))]
    a = rng.randrange(n)
    return (rng.randrange(rounds), a) if state.movable[a] else (0, -1)
