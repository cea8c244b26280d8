"""Search for 1-rotational and cyclic table plans: one base round developed over a group. No Django import.

People are the points of `orbits` copies of Z_m plus `fixed` points that never move (m = modulus); round
i of the plan adds i to every moving point within its copy (`literature.develop`). A base round gives
w rounds without a repeated encounter exactly when no pair of people sits together in two of the
rounds 0..w-1. Every pair of moving points (and every fixed point with a moving one) lies in an orbit
of pairs under the shift, where it has a phase: shifting by 1 adds 1 to the phase (mod the orbit's
length L). A base pair at phase p meets in rounds 0..w-1 the pairs at phases p..p+w-1, so two base pairs
clash exactly when they lie in one orbit at cyclic distance below w, and a pair clashes with itself
when L < w. This is much weaker than "all differences distinct" (a full design) when w is small.

Two searches, each counting clashing pairs of base pairs:

- `_RotationSearch` (tried first, cheap): base rounds that the rotation of the copies (o, x) ->
  (o + 1, x) keeps, so only one table per class of `orbits` tables is chosen (see `Rotation`);
  annealing with random moves, warmed up again when stuck. It finds e.g. 6-4-7, 9-4-11 (3 copies of
  Z_7, Z_11 plus 3 fixed points) and 6-5-6 (5 copies of Z_6) in well under a second.
- `_Search` (any base round): min-conflicts with tabu; a move swaps two moving points of different
  tables, its effect computed from the few orbits it touches. Each step takes a random point in a
  clash and its best swap that is not tabu (the point may not return to its table for a random tenure;
  aspiration when the move beats the best round), restarting from the best round with a few random
  swaps after a stall. It finds e.g. NKTS(36) over 2 x Z_17 + 2.

`cyclic_plan` tries the shapes of `shapes` (size - 1 or size copies first, as in the stored designs)
with step budgets that double after every pass, so a seed gives the same plan on any machine unless
the time runs out, and recounts every pair of what it returns.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from .literature import Rounds, Tables, develop, without_people

Base = tuple[tuple[int, ...], ...]

MAX_SHAPES = 8  # shapes tried per instance, roomiest first
FIRST_BUDGET = 500  # steps per shape in the first pass; doubled after every pass
REHEAT_AFTER = 3000  # annealing steps without a new best before the temperature goes up again
ROTATION_STEPS = 40  # steps of the rotation search (one random move each) per step of the other


@dataclass(frozen=True)
class Shape:
    """The group a base round is developed over: `orbits` copies of Z_modulus plus `fixed` points."""

    orbits: int
    modulus: int
    fixed: int


@dataclass(frozen=True)
class CyclicPlan:
    shape: Shape
    base: Base
    rounds: Rounds


def shapes(tables: int, size: int, rounds: int) -> list[Shape]:
    """Shapes worth a try for `tables` tables of `size` over `rounds` rounds, most promising first.

    A shape is dropped when its orbits of pairs cannot hold all base pairs (each orbit of length L holds
    at most L // rounds of them). Fixed points sit at different tables (two would meet every round).
    """
    people = tables * size
    found: list[tuple[tuple[bool, int, float], Shape]] = []
    for fixed in range(0, min(tables, people) + 1):
        moving = people - fixed
        for orbits in range(1, max(3, size) + 1):
            if moving % orbits:
                continue
            shape = Shape(orbits, moving // orbits, fixed)
            slack = _slack(shape, tables, size, rounds)
            if slack is not None:
                # size - 1 or size copies first (as in the stored designs: e.g. 2-(40, 4, 1) over
                # 3 x Z_13 + 1), then few fixed points, then roomy orbits.
                found.append(((orbits not in (size - 1, size), fixed, -slack), shape))
    found.sort(key=lambda item: item[0])
    return [shape for _, shape in found]


def _slack(shape: Shape, tables: int, size: int, rounds: int) -> float | None:
    """Free room in the orbits of pairs as a share of the pairs to place, or None if they cannot fit."""
    m, w = shape.modulus, rounds
    if m < w or shape.modulus < 2:
        return None
    capacity = 0
    for o in range(shape.orbits):
        for delta in range(1, m // 2 + 1):
            length = m // 2 if 2 * delta == m else m
            capacity += length // w
        for _ in range(o + 1, shape.orbits):
            capacity += m * (m // w)  # m orbits of mixed pairs between two copies
    # A fixed point meets size - 1 moving points; they must sit in different orbits or far apart.
    if shape.fixed and (size - 1) > shape.orbits * (m // w):
        return None
    pairs = tables * size * (size - 1) // 2 - shape.fixed * (size - 1)
    if pairs > capacity:
        return None
    return (capacity - pairs) / max(pairs, 1)


class _Search:
    def __init__(self, shape: Shape, tables: int, size: int, rounds: int, rng: random.Random) -> None:
        self.shape, self.tables, self.size, self.w, self.rng = shape, tables, size, rounds, rng
        m, o, k = shape.modulus, shape.orbits, shape.fixed
        self.n = n = o * m + k
        # orbit[u][v], phase[u][v] of every pair; length[orbit].
        orbit_ids: dict[tuple[int, ...], int] = {}
        self.length: list[int] = []
        self.orbit = [[-1] * n for _ in range(n)]
        self.phase = [[0] * n for _ in range(n)]
        for u, v in combinations(range(n), 2):
            key, phase, length = _pair_orbit(u, v, m, o * m)
            if key is None:
                continue
            if key not in orbit_ids:
                orbit_ids[key] = len(self.length)
                self.length.append(length)
            self.orbit[u][v] = self.orbit[v][u] = orbit_ids[key]
            self.phase[u][v] = self.phase[v][u] = phase
        self.movable = list(range(o * m))

    def clash(self, orbit: int, p: int, q: int) -> bool:
        length = self.length[orbit]
        d = (p - q) % length
        return d < self.w or length - d < self.w

    def run(self, deadline: float, max_steps: int | None = None) -> Base | None:
        rng, n, size = self.rng, self.n, self.size
        m, o = self.shape.modulus, self.shape.orbits
        points = list(self.movable)
        rng.shuffle(points)
        fixed = list(range(o * m, n))
        members: list[list[int]] = [[] for _ in range(self.tables)]
        for t, f in enumerate(fixed):
            members[t].append(f)
        it = iter(points)
        for t in range(self.tables):
            while len(members[t]) < size:
                members[t].append(next(it))
        table_of = [0] * n
        for t, ms in enumerate(members):
            for p in ms:
                table_of[p] = t
        phases: list[list[int]] = [[] for _ in self.length]
        for ms in members:
            for u, v in combinations(ms, 2):
                phases[self.orbit[u][v]].append(self.phase[u][v])
        cost = self._cost(phases)
        best_cost, best = cost, [list(ms) for ms in members]
        tabu: dict[tuple[int, int], int] = {}
        step, last_best = 0, 0
        stall = 200 + 20 * n
        while cost > 0:
            step += 1
            if max_steps is not None and step > max_steps:
                break
            if step % 64 == 0 and time.monotonic() > deadline:
                break
            x = rng.choice(self._clashing(members, phases))
            a = table_of[x]
            best_move, best_delta = None, None
            for y in self.movable:
                b = table_of[y]
                if b == a:
                    continue
                delta = self._delta(members, phases, x, a, y, b)
                allowed = tabu.get((x, b), -1) < step and tabu.get((y, a), -1) < step
                if not allowed and cost + delta >= best_cost:
                    continue
                if best_delta is None or delta < best_delta or (delta == best_delta and rng.random() < 0.3):
                    best_move, best_delta = y, delta
            if best_move is None:
                continue
            y = best_move
            b = table_of[y]
            self._swap(members, phases, table_of, x, a, y, b)
            cost += best_delta  # type: ignore[operator]
            tabu[(x, a)] = step + 3 + rng.randrange(max(2, n // 4))
            tabu[(y, b)] = step + 3 + rng.randrange(max(2, n // 4))
            if cost < best_cost:
                best_cost, best, last_best = cost, [list(ms) for ms in members], step
            elif step - last_best > stall:
                # Restart from the best round with a few random swaps.
                members = [list(ms) for ms in best]
                for t, ms in enumerate(members):
                    for p in ms:
                        table_of[p] = t
                for _ in range(2 + rng.randrange(3)):
                    u, v = rng.sample(self.movable, 2)
                    if table_of[u] != table_of[v]:
                        tu, tv = table_of[u], table_of[v]
                        members[tu][members[tu].index(u)] = v
                        members[tv][members[tv].index(v)] = u
                        table_of[u], table_of[v] = tv, tu
                phases = [[] for _ in self.length]
                for ms in members:
                    for u, v in combinations(ms, 2):
                        phases[self.orbit[u][v]].append(self.phase[u][v])
                cost = self._cost(phases)
                tabu.clear()
                last_best = step
        if cost == 0:
            return tuple(tuple(sorted(ms)) for ms in members)
        return None

    def _cost(self, phases: list[list[int]]) -> int:
        total = 0
        for orbit, ps in enumerate(phases):
            if self.length[orbit] < self.w:
                total += len(ps)
            for i in range(len(ps)):
                for j in range(i):
                    total += self.clash(orbit, ps[i], ps[j])
        return total

    def _clashing(self, members: list[list[int]], phases: list[list[int]]) -> list[int]:
        found = []
        for ms in members:
            for u, v in combinations(ms, 2):
                orbit, p = self.orbit[u][v], self.phase[u][v]
                hits = sum(self.clash(orbit, p, q) for q in phases[orbit])
                if hits > 1 or self.length[orbit] < self.w:  # the pair itself is one hit
                    if u < self.shape.orbits * self.shape.modulus:
                        found.append(u)
                    if v < self.shape.orbits * self.shape.modulus:
                        found.append(v)
        return found

    def _delta(self, members: list[list[int]], phases: list[list[int]], x: int, a: int, y: int, b: int) -> int:
        orbit, phase, w = self.orbit, self.phase, self.w
        removed: dict[int, list[int]] = {}
        added: dict[int, list[int]] = {}
        for u in members[a]:
            if u != x:
                removed.setdefault(orbit[x][u], []).append(phase[x][u])
                added.setdefault(orbit[y][u], []).append(phase[y][u])
        for u in members[b]:
            if u != y:
                removed.setdefault(orbit[y][u], []).append(phase[y][u])
                added.setdefault(orbit[x][u], []).append(phase[x][u])
        delta = 0
        for o in removed.keys() | added.keys():
            gone, new = removed.get(o, []), added.get(o, [])
            if gone == new:
                continue
            length = self.length[o]
            rest = list(phases[o])
            for p in gone:
                rest.remove(p)
            if length < w:
                delta += len(new) - len(gone)
            for group, sign in ((gone, -1), (new, 1)):
                for i, p in enumerate(group):
                    c = 0
                    for q in rest:
                        d = (p - q) % length
                        c += d < w or length - d < w
                    for q in group[:i]:
                        d = (p - q) % length
                        c += d < w or length - d < w
                    delta += sign * c
        return delta

    def _swap(
        self, members: list[list[int]], phases: list[list[int]], table_of: list[int], x: int, a: int, y: int, b: int
    ) -> None:
        orbit, phase = self.orbit, self.phase
        for u in members[a]:
            if u != x:
                phases[orbit[x][u]].remove(phase[x][u])
                phases[orbit[y][u]].append(phase[y][u])
        for u in members[b]:
            if u != y:
                phases[orbit[y][u]].remove(phase[y][u])
                phases[orbit[x][u]].append(phase[x][u])
        members[a][members[a].index(x)] = y
        members[b][members[b].index(y)] = x
        table_of[x], table_of[y] = b, a


def _pair_orbit(u: int, v: int, m: int, cut: int) -> tuple[tuple[int, ...] | None, int, int]:
    """The orbit of the pair {u, v} under the shift, its phase in it, and the orbit's length."""
    if u >= cut and v >= cut:
        return None, 0, 0  # two fixed points: never placed together
    if v >= cut:
        return (1, v, u // m), u % m, m
    if u >= cut:
        return (1, u, v // m), v % m, m
    ou, xu, ov, xv = u // m, u % m, v // m, v % m
    if ou == ov:
        d = (xv - xu) % m
        if 2 * d == m:
            return (0, ou, ou, d), xu % d, d
        if d < m - d:
            return (0, ou, ou, d), xu, m
        return (0, ou, ou, m - d), xv, m
    if ou > ov:
        ou, xu, ov, xv = ov, xv, ou, xu
    return (0, ou, ov, (xv - xu) % m), xu, m


def cyclic_plan(
    tables: int, size: int, rounds: int, *, seconds: float, seed: int = 0, max_steps: int | None = None
) -> CyclicPlan | None:
    """A base round developed into `rounds` rounds without a repeat, or None within `seconds`.

    Tries the first shapes of `shapes` in turn, each for a budget of steps that doubles after every
    pass, so an easy shape is not missed behind a hard one. Budgets count steps, not seconds, so the
    same seed gives the same plan on any machine unless the time runs out first.
    """
    deadline = time.monotonic() + seconds
    rng = random.Random(seed)
    found = shapes(tables, size, rounds)[:MAX_SHAPES]
    # Rotation-invariant base rounds first (a small search, cheap steps), then any base round.
    candidates: list[Rotation | Shape] = [rot for shape in found for rot in rotations(shape, tables, size)]
    candidates += found
    budget, left, first = FIRST_BUDGET, max_steps, True
    while candidates and time.monotonic() < deadline and (left is None or left > 0):
        for candidate in candidates:
            if time.monotonic() >= deadline or (left is not None and left <= 0):
                break
            if first and not isinstance(candidate, Rotation):
                continue  # a first pass of the cheap rotation searches alone (often enough)
            steps = budget if left is None else min(budget, left)
            if left is not None:
                left -= steps
            if isinstance(candidate, Rotation):
                shape = candidate.shape
                search: _Search | _RotationSearch = _RotationSearch(candidate, tables, size, rounds, rng)
                steps *= ROTATION_STEPS  # its steps are one random move each
            else:
                shape, search = candidate, _Search(candidate, tables, size, rounds, rng)
            base = search.run(deadline, max_steps=steps)
            if base is not None:
                developed = develop(base, shape.modulus, shape.orbits, rounds)
                if max_meetings(developed) <= 1:  # checked again by counting pairs, to be sure
                    return CyclicPlan(shape, base, developed)
        if not first:
            budget *= 2
        first = False
    return None


def cyclic_tables(
    people: int,
    table_size: int,
    tables: int,
    rounds: int,
    *,
    seconds: float,
    seed: int = 0,
    max_steps: int | None = None,
) -> Tables | None:
    """A repeat-free plan for `people` at `tables` tables of at most `table_size`: a developed base
    round for tables * table_size people, with one or two people left out (see `without_people`)."""
    missing = tables * table_size - people
    if not 0 <= missing <= 2 or rounds < 2 or table_size < 2:
        return None
    found = cyclic_plan(tables, table_size, rounds, seconds=seconds, seed=seed, max_steps=max_steps)
    if found is None:
        return None
    return without_people(found.rounds, missing)


def max_meetings(rounds: Rounds | list) -> int:  # type: ignore[type-arg]
    """How often the most frequent pair sits together (1 means no repeated encounter)."""
    together: dict[tuple[int, int], int] = {}
    for round_tables in rounds:
        for members in round_tables:
            for pair in combinations(sorted(members), 2):
                together[pair] = together.get(pair, 0) + 1
    return max(together.values(), default=0)


@dataclass(frozen=True)
class Rotation:
    """A base round that the rotation of the copies, (o, x) -> (o + 1, x), maps onto itself.

    Fixed points come in blocks of `orbits` that the rotation cycles, plus `still` points it keeps;
    `still_tables` tables are kept too (a whole column {(o, x)} and a kept point), the other tables
    come in classes of `orbits` (one representative table each). This cuts the search to the
    representatives: e.g. 36 in fours over 3 x Z_11 + 3 needs three tables chosen, not nine.
    """

    shape: Shape
    still_tables: int
    still: int


def rotations(shape: Shape, tables: int, size: int) -> list[Rotation]:
    c, m = shape.orbits, shape.modulus
    found: list[Rotation] = []
    if c < 2:
        return found
    for still_tables in range(0, tables + 1):
        if (tables - still_tables) % c or still_tables > m:
            continue
        if still_tables and size not in (c, c + 1):
            continue
        still = still_tables if size == c + 1 else 0
        if (shape.fixed - still) % c or shape.fixed < still:
            continue
        found.append(Rotation(shape, still_tables, still))
    return found


class _RotationSearch:
    """Annealing over the representative tables of a rotation-invariant base round."""

    def __init__(self, rot: Rotation, tables: int, size: int, rounds: int, rng: random.Random) -> None:
        self.rot, self.tables, self.size, self.w, self.rng = rot, tables, size, rounds, rng
        self.pairs = _Search(rot.shape, tables, size, rounds, rng)
        shape = rot.shape
        self.c, self.m = shape.orbits, shape.modulus
        self.cut = self.c * self.m
        self.blocks = (shape.fixed - rot.still) // self.c
        self.reps = (tables - rot.still_tables) // self.c

    def point(self, element: tuple[int, int], offset: int) -> int:
        kind, index = element
        if kind == 0:  # column x of the copies
            return ((offset % self.c) * self.m) + index
        return self.cut + index * self.c + offset % self.c  # block of fixed points

    def base(self, reps: list[list[tuple[tuple[int, int], int]]], columns: list[int]) -> list[list[int]]:
        tables = []
        for k in range(self.c):
            for rep in reps:
                tables.append([self.point(e, o + k) for e, o in rep])
        for r, x in enumerate(columns):
            t = [o * self.m + x for o in range(self.c)]
            if self.rot.still:
                t.append(self.cut + self.blocks * self.c + r)
            tables.append(t)
        return tables

    def cost(self, tables: list[list[int]]) -> int:
        orbit, phase = self.pairs.orbit, self.pairs.phase
        phases: list[list[int]] = [[] for _ in self.pairs.length]
        for t in tables:
            for u, v in combinations(t, 2):
                if orbit[u][v] < 0:
                    return 10**6
                phases[orbit[u][v]].append(phase[u][v])
        return self.pairs._cost(phases)

    def run(self, deadline: float, max_steps: int | None = None) -> Base | None:
        rng = self.rng
        elements = [(0, x) for x in range(self.m)] + [(1, j) for j in range(self.blocks)]
        rng.shuffle(elements)
        columns = [e[1] for e in elements if e[0] == 0][: self.rot.still_tables]
        rest = [e for e in elements if not (e[0] == 0 and e[1] in columns)]
        if len(rest) != self.reps * self.size or self.reps == 0:
            return None
        reps = [
            [(e, rng.randrange(self.c)) for e in rest[i * self.size : (i + 1) * self.size]] for i in range(self.reps)
        ]
        cost = self.cost(self.base(reps, columns))
        best, improved = cost, 0
        temperature, step = 2.0, 0
        while cost > 0:
            step += 1
            if max_steps is not None and step > max_steps:
                break
            if step % 256 == 0:
                if time.monotonic() > deadline:
                    break
                temperature = max(0.3, temperature * 0.97)
                if step - improved > REHEAT_AFTER:  # stuck in a valley: warm up again
                    temperature, improved = 2.0, step
            kind = rng.random()
            i, a = rng.randrange(self.reps), rng.randrange(self.size)
            undo: Any = ()  # ("offset" | "swap" | "column", …): what to put back if the move is refused
            if kind < 0.3:
                e, o = reps[i][a]
                reps[i][a] = (e, o + 1 + rng.randrange(self.c - 1))
                undo = ("offset", i, a, (e, o))
            elif kind < 0.9 or not columns:
                j, b = rng.randrange(self.reps), rng.randrange(self.size)
                if j == i:
                    continue
                reps[i][a], reps[j][b] = reps[j][b], reps[i][a]
                undo = ("swap", i, a, j, b)
            else:
                e, o = reps[i][a]
                if e[0] != 0:
                    continue
                r = rng.randrange(len(columns))
                x = columns[r]
                columns[r] = e[1]
                reps[i][a] = ((0, x), o)
                undo = ("column", i, a, (e, o), r, x)
            new = self.cost(self.base(reps, columns))
            if new <= cost or rng.random() < pow(2.718281828, (cost - new) / temperature):
                if new < best:
                    best, improved = new, step
                cost = new
                continue
            if undo[0] == "offset":
                reps[undo[1]][undo[2]] = undo[3]
            elif undo[0] == "swap":
                i, a, j, b = undo[1:5]
                reps[i][a], reps[j][b] = reps[j][b], reps[i][a]
            else:
                i, a, old, r, x = undo[1:6]
                reps[i][a] = old
                columns[r] = x
        if cost == 0:
            return tuple(tuple(sorted(t)) for t in self.base(reps, columns))
        return None
