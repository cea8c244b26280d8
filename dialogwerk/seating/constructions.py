"""Known repeat-free table plans from design theory, used as starting points for the search.

- Resolvable transversal designs from t MOLS of order n (`mols.py`; for a prime power p they are
  L_r(i, j) = j + r*i in GF(p)): people (row i, column j) with i < k <= n; round 0 seats column j at
  table j, round s seats (i, j) at table L_s(i, j). Two people meet at most once, for t + 1 rounds
  (t + 2 when there are k = n rows: the rows form one more round). Removing people of one row keeps
  it repeat-free with table sizes differing by one.
- Affine geometry AG(n, q): people are vectors of GF(q)^n, a round is the set of cosets of one
  m-dimensional subspace (tables of q^m); rounds whose subspaces meet only in 0 never repeat a pair.
- Kirkman's 15 schoolgirls: a packing of PG(3, 2) into 7 spreads of lines.

Each function returns `tables[round][table]` or None when it does not apply.
"""

from __future__ import annotations

import random
from functools import lru_cache
from itertools import product

from .mols import mols

Tables = list[list[list[int]]]


def _prime_power(q: int) -> tuple[int, int] | None:
    if q < 2:
        return None
    for p in range(2, q + 1):
        if q % p == 0:
            k, rest = 0, q
            while rest % p == 0:
                rest //= p
                k += 1
            return (p, k) if rest == 1 else None
    return None


@lru_cache(maxsize=None)
def _field(q: int) -> tuple[list[list[int]], list[list[int]]] | None:
    """Addition and multiplication tables of GF(q); elements are 0..q-1 (base-p coefficient digits)."""
    pk = _prime_power(q)
    if pk is None:
        return None
    p, k = pk

    def digits(x: int) -> list[int]:
        return [(x // p**i) % p for i in range(k)]

    def number(ds: list[int]) -> int:
        return sum(d * p**i for i, d in enumerate(ds))

    add = [[number([(a + b) % p for a, b in zip(digits(x), digits(y))]) for y in range(q)] for x in range(q)]
    if k == 1:
        mul = [[(x * y) % p for y in range(q)] for x in range(q)]
        return add, mul
    for tail in product(range(p), repeat=k):
        modulus = list(tail) + [1]  # monic of degree k, lowest coefficient first
        if tail[0] == 0:
            continue
        mul = [[0] * q for _ in range(q)]
        for x in range(q):
            for y in range(q):
                prod = [0] * (2 * k - 1)
                for i, a in enumerate(digits(x)):
                    for j, b in enumerate(digits(y)):
                        prod[i + j] = (prod[i + j] + a * b) % p
                for deg in range(2 * k - 2, k - 1, -1):
                    c = prod[deg]
                    if c:
                        for i in range(k + 1):
                            prod[deg - k + i] = (prod[deg - k + i] - c * modulus[i]) % p
                mul[x][y] = number(prod[:k])
        # Irreducible exactly when every non-zero element has an inverse.
        if all(any(mul[x][y] == 1 for y in range(1, q)) for x in range(1, q)):
            return add, mul
    return None


def transversal_plan(people: int, tables: int, rounds: int, *, hosted: bool = False) -> Tables | None:
    """Repeat-free plan from a resolvable transversal design built on MOLS of order `tables`.

    Person (i, j) of row i < k, column j < n sits at table j in round 0 and at table L_s(i, j) in
    round s (the s-th of t MOLS, see `mols.py`): t + 1 rounds. Row 0 of every square reads 0..n-1, so
    the people of row 0, numbered 0..n-1 first, keep table j all evening (seats for hosts); missing
    people are dropped from row 0 at the last columns, which keeps those tables one smaller in every
    round. With k = n rows (at most one missing) and not `hosted`, the rows form one more round.
    """
    n = tables
    squares = mols(n)
    k = -(-people // n)
    missing = k * n - people
    if not squares or k > n:
        return None
    rows_round = not hosted and k == n and missing <= 1
    if rounds > len(squares) + 1 + rows_round:
        return None
    persons = [(0, j) for j in range(n - missing)] + [(i, j) for i in range(1, k) for j in range(n)]
    column: tuple[tuple[int, ...], ...] = tuple(tuple(range(n)) for _ in range(n))
    plan: Tables = []
    for square in (column,) + squares[: min(rounds, len(squares) + 1) - 1]:
        round_tables: list[list[int]] = [[] for _ in range(n)]
        for index, (i, j) in enumerate(persons):
            round_tables[square[i][j]].append(index)
        plan.append(round_tables)
    if rounds > len(plan):
        # Row i at table i; row 0 (the short one) last, where the problem keeps the smaller table.
        by_row: list[list[int]] = [[] for _ in range(n)]
        for index, (i, _) in enumerate(persons):
            by_row[i].append(index)
        plan.append(by_row[1:] + by_row[:1])
    return plan


def affine_plan(people: int, table_size: int, rounds: int, rng: random.Random, attempts: int = 200) -> Tables | None:
    """Repeat-free plan from parallel classes of m-flats in AG(n, q) when people = q^n, table_size = q^m."""
    for q in range(2, table_size + 1):
        pk = _prime_power(q)
        if pk is None:
            continue
        n = _log(people, q)
        m = _log(table_size, q)
        if n is None or m is None or m >= n:
            continue
        field = _field(q)
        assert field is not None
        plan = _affine_flats(q, n, m, rounds, field, rng, attempts)
        if plan is not None:
            return plan
    return None


def _log(x: int, base: int) -> int | None:
    e, v = 0, 1
    while v < x:
        v *= base
        e += 1
    return e if v == x else None


def _affine_flats(
    q: int,
    n: int,
    m: int,
    rounds: int,
    field: tuple[list[list[int]], list[list[int]]],
    rng: random.Random,
    attempts: int,
) -> Tables | None:
    add, mul = field
    size = q**n
    vectors = [tuple((x // q**i) % q for i in range(n)) for x in range(size)]

    def index(v: tuple[int, ...]) -> int:
        return sum(c * q**i for i, c in enumerate(v))

    def vadd(u: tuple[int, ...], v: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(add[a][b] for a, b in zip(u, v))

    def span(basis: list[tuple[int, ...]]) -> frozenset[int]:
        points = {index(tuple([0] * n))}
        for coeffs in product(range(q), repeat=len(basis)):
            v = tuple([0] * n)
            for c, b in zip(coeffs, basis):
                v = vadd(v, tuple(mul[c][x] for x in b))
            points.add(index(v))
        return frozenset(points)

    nonzero = list(range(1, size))
    for _ in range(attempts):
        # Random greedy partial spread: subspaces that pairwise meet only in 0.
        used: set[int] = set()
        chosen: list[frozenset[int]] = []
        failures = 0
        while len(chosen) < rounds and failures < 60:
            basis: list[tuple[int, ...]] = []
            sub = frozenset((0,))
            while len(basis) < m:
                candidates = [v for v in nonzero if v not in sub and v not in used]
                if not candidates:
                    break
                v = rng.choice(candidates)
                new = span(basis + [vectors[v]])
                if new - {0} & used:
                    failures += 1
                    if failures >= 60:
                        break
                    continue
                basis.append(vectors[v])
                sub = new
            if len(basis) < m:
                break
            chosen.append(sub)
            used |= sub - {0}
        if len(chosen) == rounds:
            return [_cosets(sub, vectors, index, vadd) for sub in chosen]
    return None


def _cosets(sub, vectors, index, vadd) -> list[list[int]]:  # type: ignore[no-untyped-def]
    seen: set[int] = set()
    tables: list[list[int]] = []
    for x, v in enumerate(vectors):
        if x in seen:
            continue
        members = sorted(index(vadd(v, vectors[s])) for s in sub)
        seen.update(members)
        tables.append(members)
    return tables


def kirkman_plan(people: int, table_size: int, rounds: int) -> Tables | None:
    """Kirkman's schoolgirls: 15 people, tables of 3, up to 7 rounds without a repeat."""
    if people != 15 or table_size != 3 or rounds > 7:
        return None
    points = range(1, 16)  # non-zero vectors of GF(2)^4; a line is {a, b, a xor b}
    lines = sorted({tuple(sorted((a, b, a ^ b))) for a in points for b in points if a < b})
    spreads = []

    def extend(spread: list[tuple[int, ...]], covered: int) -> None:
        if len(spread) == 5:
            spreads.append(tuple(spread))
            return
        first = next(p for p in points if not covered >> p & 1)
        for line in lines:
            if line[0] == first and not any(covered >> p & 1 for p in line):
                extend(spread + [line], covered | sum(1 << p for p in line))

    extend([], 0)

    def pack(chosen: list[tuple[tuple[int, ...], ...]], used: set[tuple[int, ...]]) -> list | None:  # type: ignore[type-arg]
        if len(chosen) == 7:
            return chosen
        for spread in spreads:
            if (not chosen or spread > chosen[-1]) and not used.intersection(spread):
                found = pack(chosen + [spread], used | set(spread))
                if found:
                    return found
        return None

    packing = pack([], set())
    if packing is None:
        return None
    return [[[p - 1 for p in line] for line in spread] for spread in packing[:rounds]]
