"""Mutually orthogonal Latin squares (MOLS) for table counts that are not prime powers. No Django import.

t MOLS of order n give a resolvable transversal design: n tables, up to n people per table, t + 1
rounds without a repeated encounter (see `constructions.transversal_plan`).

- Prime powers q: the q - 1 squares L_a(i, j) = a*i + j over GF(q).
- `MOLS_10`: a pair of order 10 (Parker 1959 showed one exists; three are not known, Colbourn & Dinitz,
  Handbook of Combinatorial Designs, 2nd ed., table III.3.87). This pair was found for this module by a
  search for an orthogonal mate of a random Latin square (all its transversals, then 10 disjoint ones),
  run once offline; `tests/seating/test_mols.py` recomputes that the two squares are orthogonal.
- Other orders: the direct product (MacNeish 1922) of MOLS of orders a and b gives min(t_a, t_b) MOLS
  of order a*b, e.g. 2 of order 12 = 3*4 and 15 = 3*5, 3 of order 20 = 4*5, 2 of order 30 = 3*10.
  The Handbook knows more for some orders (5 of order 12, 3 of 14, 4 of 15, 4 of 20); not stored here.

Every set returned has row 0 equal to 0..n-1 in every square (symbols renamed), so the people of row 0
sit at the same table in every round: the seats for hosts.
"""

from __future__ import annotations

from functools import lru_cache

Square = tuple[tuple[int, ...], ...]

MOLS_10: tuple[Square, ...] = (
    (
        (9, 5, 0, 8, 4, 2, 1, 7, 6, 3),
        (1, 2, 6, 5, 7, 8, 4, 0, 3, 9),
        (2, 4, 7, 6, 3, 0, 9, 5, 8, 1),
        (7, 3, 8, 2, 5, 1, 0, 6, 9, 4),
        (5, 1, 4, 7, 8, 9, 6, 3, 2, 0),
        (4, 8, 3, 0, 1, 7, 2, 9, 5, 6),
        (8, 0, 2, 9, 6, 5, 3, 1, 4, 7),
        (0, 6, 9, 4, 2, 3, 7, 8, 1, 5),
        (3, 9, 5, 1, 0, 6, 8, 4, 7, 2),
        (6, 7, 1, 3, 9, 4, 5, 2, 0, 8),
    ),
    (
        (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
        (8, 4, 6, 7, 2, 1, 0, 9, 5, 3),
        (7, 3, 4, 9, 0, 6, 5, 8, 2, 1),
        (3, 8, 0, 1, 9, 2, 7, 4, 6, 5),
        (6, 9, 1, 5, 7, 4, 3, 2, 0, 8),
        (2, 6, 3, 0, 5, 8, 9, 1, 4, 7),
        (9, 5, 8, 2, 1, 3, 4, 0, 7, 6),
        (4, 2, 9, 8, 6, 7, 1, 5, 3, 0),
        (1, 7, 5, 4, 3, 0, 8, 6, 9, 2),
        (5, 0, 7, 6, 8, 9, 2, 3, 1, 4),
    ),
)
STORED: dict[int, tuple[Square, ...]] = {10: MOLS_10}


def mols(n: int) -> tuple[Square, ...]:
    """The largest set of MOLS of order n this module knows (possibly empty), row 0 normalised."""
    return tuple(_normalise(square) for square in _best(n))


def is_latin(square: Square) -> bool:
    n = len(square)
    symbols = set(range(n))
    return all(set(row) == symbols for row in square) and all(
        {square[i][j] for i in range(n)} == symbols for j in range(n)
    )


def orthogonal(a: Square, b: Square) -> bool:
    """Superimposed, the two squares show every ordered pair of symbols exactly once."""
    n = len(a)
    return len({(a[i][j], b[i][j]) for i in range(n) for j in range(n)}) == n * n


@lru_cache(maxsize=None)
def _best(n: int) -> tuple[Square, ...]:
    from .constructions import _field  # the GF(q) tables; imported late to avoid a cycle

    if n in STORED:
        return STORED[n]
    field = _field(n)
    if field is not None:
        add, mul = field
        return tuple(tuple(tuple(add[mul[a][i]][j] for j in range(n)) for i in range(n)) for a in range(1, n))
    best: tuple[Square, ...] = ()
    for a in range(2, int(n**0.5) + 1):
        if n % a:
            continue
        left, right = _best(a), _best(n // a)
        count = min(len(left), len(right))
        if count > len(best):
            best = tuple(_product(left[s], right[s]) for s in range(count))
    return best


def _product(a: Square, b: Square) -> Square:
    """Direct product: cell ((i1, i2), (j1, j2)) holds (a[i1][j1], b[i2][j2]), numbered row-major."""
    m = len(b)
    return tuple(tuple(a[i // m][j // m] * m + b[i % m][j % m] for j in range(len(a) * m)) for i in range(len(a) * m))


def _normalise(square: Square) -> Square:
    """Rename symbols so that row 0 reads 0..n-1 (keeps the square Latin and orthogonality)."""
    rename = {s: j for j, s in enumerate(square[0])}
    return tuple(tuple(rename[s] for s in row) for row in square)
