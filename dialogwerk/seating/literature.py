"""Repeat-free table plans from the literature, stored as data (like a table of MOLS). No Django import.

Some dense evenings have a known plan without any repeated encounter that neither the constructions in
`constructions.py` nor the search reach: above all the Social Golfer instance 8-4-10 (32 people in fours
over 10 rounds), where the golfer search stays at about 20 repeats after 20 s. Each table was checked when
it was stored, and `tests/seating/test_literature.py` recomputes that no pair meets twice. Persons are
relabelled to 0..N-1 (letters in the order of the source's alphabet).

- `SGP_32_4_10`: 10 rounds of 8 tables of 4. A resolvable 4-GDD of type 2^16: every pair meets exactly
  once except the 16 pairs (i, i + 16), which never meet. First found by A. Aguado, "A 10 days solution
  to the social golfer problem" (2004); this table as printed in Ed Pegg Jr., "Social Golfer Problem",
  Wolfram Demonstrations Project (whose 11th round seats the pairs (i, i + 16)).
- `KTS_21`: a Kirkman triple system of order 21 (7-3-10, every pair exactly once); `NKTS_18`: a nearly
  Kirkman triple system of order 18 (6-3-8; the 9 pairs (i, i + 9) never meet); `RBIBD_28_4`: a
  resolvable 2-(28, 4, 1) design (7-4-9). All three from the same Demonstration.
- `BASE_40_4`, `BASE_33_3`, `BASE_39_3`: one round of a 1-rotational resolvable design; the other rounds
  add i to every person below `orbits * modulus` within its block of `modulus` (the rest stay):
  2-(40, 4, 1) over 3 x Z_13 + 1 (10-4-13), KTS(33) over Z_32 + 1 (11-3-16), KTS(39) over 2 x Z_19 + 1
  (13-3-19), from the survey tables collected in github.com/fpvandoorn/Dagstuhl-tables (literature.md).
- `BASE_24_3`, `BASE_30_3`: nearly Kirkman triple systems NKTS(24) (8-3-11) over 2 x Z_11 + 2 and
  NKTS(30) (10-3-14) over 2 x Z_14 + 2, found for this module by a backtracking search for one base
  round whose 24 (30) pairs lie in different orbits under the shift (run once, offline). The pairs that
  never meet are (x, x + 11) and (22, 23) for 24 people; (x, x + 7) within each half and (28, 29) for 30.
- `BASE_36_3`, `BASE_56_4`, `BASE_52_4`, `BASE_48_4`: NKTS(36) (12-3-17) over 2 x Z_17 + 2, 56 people in fours
  over 13 rounds (14-4-13; everyone meets 39 of 55) over 4 x Z_13 + 4, and a resolvable 2-(52, 4, 1)
  design (13-4-17, every pair exactly once; such designs exist by Hanani, Ray-Chaudhuri & Wilson 1972)
  over 3 x Z_17 + 1, invariant under the rotation of the copies; `BASE_48_4`: 48 people in fours over
  15 rounds (12-4-15, a resolvable 4-GDD of type 3^16: the pairs (x, x + 15, x + 30) and the three
  fixed points never meet) over 3 x Z_15 + 3. Found by the searches of `cyclic.py` run once offline
  (a few seconds each, 77 s for 13-4-17) and stored because the planner's time is too short for them.
- `KTS_15`: a Kirkman triple system of order 15 (Kirkman's schoolgirls, 5-3-7; not offered by itself),
  found for this module by a round-by-round backtracking search (first round fixed, under a second, run
  once offline). It is stored for `tripled`, which builds a KTS(45) (15-3-22, every pair exactly once;
  KTS(v) exist for all v = 3 mod 6 by Ray-Chaudhuri & Wilson 1971) as the direct product
  KTS(3) x KTS(15): person 15x + y is (x, y) with x in Z_3. Each round of KTS(15) gives three rounds (the
  three copies of it; and for each of its triples {b0, b1, b2} the tables {(0, b_s(0)), (1, b_s(1)),
  (2, b_s(2))} over the even, then the odd permutations s of 0, 1, 2), and one more round seats each
  (0, y), (1, y), (2, y) together: 7 * 3 + 1 = 22 rounds. A cyclic 1-rotational KTS(45) over Z_44 + 1
  (base round invariant under + 22) was tried first; a backtracking search for it found none in ten
  minutes (stopped, not exhausted).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

Tables = list[list[list[int]]]
Rounds = tuple[tuple[tuple[int, ...], ...], ...]

SGP_32_4_10: Rounds = (
    (
        (0, 1, 2, 3),
        (4, 5, 6, 7),
        (8, 9, 10, 11),
        (12, 13, 14, 15),
        (16, 17, 18, 19),
        (20, 21, 22, 23),
        (24, 25, 26, 27),
        (28, 29, 30, 31),
    ),
    (
        (0, 4, 8, 28),
        (1, 7, 18, 22),
        (2, 6, 17, 23),
        (3, 5, 10, 31),
        (9, 14, 27, 29),
        (11, 13, 25, 30),
        (12, 16, 20, 24),
        (15, 19, 21, 26),
    ),
    (
        (0, 21, 27, 30),
        (1, 23, 26, 28),
        (2, 9, 15, 20),
        (3, 6, 13, 24),
        (4, 18, 25, 31),
        (5, 11, 14, 16),
        (7, 10, 12, 17),
        (8, 19, 22, 29),
    ),
    (
        (0, 11, 18, 24),
        (1, 10, 19, 25),
        (2, 8, 16, 27),
        (3, 9, 17, 26),
        (4, 12, 23, 29),
        (5, 15, 22, 30),
        (6, 14, 21, 31),
        (7, 13, 20, 28),
    ),
    (
        (0, 10, 13, 22),
        (1, 4, 15, 27),
        (2, 21, 25, 28),
        (3, 7, 8, 30),
        (5, 9, 12, 18),
        (6, 16, 26, 29),
        (11, 17, 20, 31),
        (14, 19, 23, 24),
    ),
    (
        (0, 9, 23, 31),
        (1, 5, 24, 29),
        (2, 12, 19, 30),
        (3, 14, 18, 28),
        (4, 11, 22, 26),
        (6, 10, 20, 27),
        (7, 15, 16, 25),
        (8, 13, 17, 21),
    ),
    (
        (0, 5, 19, 20),
        (1, 6, 9, 30),
        (2, 7, 11, 29),
        (3, 4, 16, 21),
        (8, 12, 26, 31),
        (10, 15, 24, 28),
        (13, 18, 23, 27),
        (14, 17, 22, 25),
    ),
    (
        (0, 15, 17, 29),
        (1, 13, 16, 31),
        (2, 4, 10, 14),
        (3, 12, 22, 27),
        (5, 8, 23, 25),
        (6, 11, 19, 28),
        (7, 9, 21, 24),
        (18, 20, 26, 30),
    ),
    (
        (0, 6, 12, 25),
        (1, 8, 14, 20),
        (2, 5, 13, 26),
        (3, 11, 15, 23),
        (4, 17, 24, 30),
        (7, 19, 27, 31),
        (9, 16, 22, 28),
        (10, 18, 21, 29),
    ),
    (
        (0, 7, 14, 26),
        (1, 11, 12, 21),
        (2, 22, 24, 31),
        (3, 20, 25, 29),
        (4, 9, 13, 19),
        (5, 17, 27, 28),
        (6, 8, 15, 18),
        (10, 16, 23, 30),
    ),
)
KTS_21: Rounds = (
    ((0, 1, 5), (2, 9, 19), (3, 10, 17), (4, 6, 12), (7, 14, 20), (8, 13, 15), (11, 16, 18)),
    ((0, 16, 17), (1, 13, 14), (2, 11, 20), (3, 4, 9), (5, 12, 18), (6, 15, 19), (7, 8, 10)),
    ((0, 7, 11), (1, 6, 18), (2, 13, 17), (3, 12, 19), (4, 8, 16), (5, 15, 20), (9, 10, 14)),
    ((0, 10, 19), (1, 2, 3), (4, 11, 15), (5, 7, 13), (6, 14, 16), (8, 12, 20), (9, 17, 18)),
    ((0, 9, 20), (1, 15, 17), (2, 12, 14), (3, 13, 18), (4, 5, 10), (6, 8, 11), (7, 16, 19)),
    ((0, 14, 15), (1, 8, 9), (2, 7, 18), (3, 16, 20), (4, 13, 19), (5, 6, 17), (10, 11, 12)),
    ((0, 2, 4), (1, 11, 19), (3, 8, 14), (5, 9, 16), (6, 13, 20), (7, 12, 17), (10, 15, 18)),
    ((0, 12, 13), (1, 10, 20), (2, 15, 16), (3, 5, 11), (4, 14, 18), (6, 7, 9), (8, 17, 19)),
    ((0, 8, 18), (1, 12, 16), (2, 6, 10), (3, 7, 15), (4, 17, 20), (5, 14, 19), (9, 11, 13)),
    ((0, 3, 6), (1, 4, 7), (2, 5, 8), (9, 12, 15), (10, 13, 16), (11, 14, 17), (18, 19, 20)),
)
NKTS_18: Rounds = (
    ((0, 1, 2), (3, 4, 5), (6, 7, 8), (9, 14, 16), (10, 12, 17), (11, 13, 15)),
    ((0, 10, 11), (1, 8, 12), (2, 4, 15), (3, 13, 14), (5, 7, 9), (6, 16, 17)),
    ((0, 7, 14), (1, 3, 17), (2, 9, 10), (4, 6, 11), (5, 12, 13), (8, 15, 16)),
    ((0, 5, 16), (1, 9, 11), (2, 6, 13), (3, 8, 10), (4, 12, 14), (7, 15, 17)),
    ((0, 3, 6), (1, 4, 7), (2, 5, 8), (9, 13, 17), (10, 14, 15), (11, 12, 16)),
    ((0, 12, 15), (1, 13, 16), (2, 14, 17), (3, 7, 11), (4, 8, 9), (5, 6, 10)),
    ((0, 4, 17), (1, 5, 15), (2, 3, 16), (6, 9, 12), (7, 10, 13), (8, 11, 14)),
    ((0, 8, 13), (1, 6, 14), (2, 7, 12), (3, 9, 15), (4, 10, 16), (5, 11, 17)),
)
RBIBD_28_4: Rounds = (
    (
        (0, 1, 2, 3),
        (4, 5, 6, 7),
        (8, 9, 10, 11),
        (12, 13, 14, 15),
        (16, 17, 18, 19),
        (20, 21, 22, 23),
        (24, 25, 26, 27),
    ),
    (
        (0, 4, 20, 24),
        (1, 5, 12, 16),
        (2, 10, 15, 27),
        (3, 11, 19, 23),
        (6, 8, 18, 26),
        (7, 9, 14, 22),
        (13, 17, 21, 25),
    ),
    (
        (0, 5, 23, 27),
        (1, 4, 14, 18),
        (2, 8, 13, 24),
        (3, 9, 17, 20),
        (6, 11, 12, 21),
        (7, 10, 16, 25),
        (15, 19, 22, 26),
    ),
    (
        (0, 8, 16, 22),
        (1, 9, 13, 27),
        (2, 6, 14, 19),
        (3, 7, 21, 24),
        (4, 10, 12, 23),
        (5, 11, 17, 26),
        (15, 18, 20, 25),
    ),
    (
        (0, 6, 15, 17),
        (1, 7, 20, 26),
        (2, 9, 18, 23),
        (3, 8, 12, 25),
        (4, 11, 13, 22),
        (5, 10, 19, 24),
        (14, 16, 21, 27),
    ),
    (
        (0, 10, 18, 21),
        (1, 11, 15, 24),
        (2, 7, 12, 17),
        (3, 6, 22, 27),
        (4, 9, 19, 25),
        (5, 8, 14, 20),
        (13, 16, 23, 26),
    ),
    (
        (0, 7, 13, 19),
        (1, 6, 23, 25),
        (2, 11, 16, 20),
        (3, 10, 14, 26),
        (4, 8, 17, 27),
        (5, 9, 15, 21),
        (12, 18, 22, 24),
    ),
    (
        (0, 11, 14, 25),
        (1, 10, 17, 22),
        (2, 4, 21, 26),
        (3, 5, 13, 18),
        (6, 9, 16, 24),
        (7, 8, 15, 23),
        (12, 19, 20, 27),
    ),
    (
        (0, 9, 12, 26),
        (1, 8, 19, 21),
        (2, 5, 22, 25),
        (3, 4, 15, 16),
        (6, 10, 13, 20),
        (7, 11, 18, 27),
        (14, 17, 23, 24),
    ),
)
BASE_40_4: tuple[tuple[int, ...], ...] = (
    (1, 12, 18, 21),
    (4, 9, 19, 20),
    (3, 10, 15, 24),
    (14, 25, 31, 34),
    (17, 22, 32, 33),
    (16, 23, 28, 37),
    (5, 8, 27, 38),
    (6, 7, 30, 35),
    (2, 11, 29, 36),
    (0, 13, 26, 39),
)
BASE_33_3: tuple[tuple[int, ...], ...] = (
    (0, 16, 32),
    (1, 10, 15),
    (2, 22, 23),
    (3, 5, 9),
    (4, 12, 29),
    (6, 7, 18),
    (8, 27, 30),
    (11, 14, 24),
    (13, 20, 28),
    (17, 26, 31),
    (19, 21, 25),
)
BASE_39_3: tuple[tuple[int, ...], ...] = (
    (1, 7, 11),
    (4, 6, 9),
    (5, 16, 17),
    (15, 20, 37),
    (3, 23, 34),
    (12, 22, 35),
    (10, 26, 31),
    (2, 28, 29),
    (8, 21, 36),
    (13, 27, 30),
    (14, 25, 32),
    (18, 24, 33),
    (0, 19, 38),
)

BASE_24_3: tuple[tuple[int, ...], ...] = (
    (0, 14, 22),
    (1, 4, 6),
    (2, 11, 19),
    (3, 16, 18),
    (5, 9, 21),
    (7, 8, 15),
    (10, 20, 23),
    (12, 13, 17),
)
BASE_30_3: tuple[tuple[int, ...], ...] = (
    (0, 12, 21),
    (1, 5, 6),
    (2, 8, 19),
    (3, 25, 27),
    (4, 18, 24),
    (7, 10, 26),
    (9, 22, 29),
    (11, 23, 28),
    (13, 14, 17),
    (15, 16, 20),
)

# Found for this module by the search of `cyclic.py` (run once offline, a few seconds each), stored
# because that search does not always find them within the planner's time.
BASE_36_3: tuple[tuple[int, ...], ...] = (
    (14, 21, 34),
    (11, 22, 35),
    (9, 12, 27),
    (2, 10, 32),
    (15, 17, 18),
    (23, 25, 28),
    (16, 24, 33),
    (4, 8, 31),
    (0, 1, 6),
    (20, 26, 30),
    (5, 7, 19),
    (3, 13, 29),
)

BASE_56_4: tuple[tuple[int, ...], ...] = (
    (12, 16, 38, 52),
    (1, 14, 30, 53),
    (2, 37, 45, 54),
    (4, 36, 42, 55),
    (3, 24, 25, 51),
    (13, 20, 48, 49),
    (15, 18, 26, 35),
    (6, 11, 29, 31),
    (10, 17, 47, 50),
    (0, 34, 39, 44),
    (21, 33, 40, 46),
    (22, 27, 28, 43),
    (5, 8, 32, 41),
    (7, 9, 19, 23),
)

BASE_52_4: tuple[tuple[int, ...], ...] = (
    (16, 35, 38, 46),
    (7, 8, 40, 45),
    (17, 32, 39, 43),
    (10, 20, 30, 36),
    (1, 4, 12, 33),
    (6, 11, 24, 25),
    (5, 9, 34, 49),
    (2, 27, 37, 47),
    (18, 21, 29, 50),
    (23, 28, 41, 42),
    (0, 15, 22, 26),
    (3, 13, 19, 44),
    (14, 31, 48, 51),
)

BASE_48_4: tuple[tuple[int, ...], ...] = (
    (20, 22, 28, 30),
    (29, 36, 40, 41),
    (4, 17, 31, 46),
    (8, 24, 27, 33),
    (0, 35, 37, 43),
    (6, 10, 11, 44),
    (1, 19, 32, 47),
    (3, 23, 39, 42),
    (5, 7, 13, 15),
    (14, 21, 25, 26),
    (2, 16, 34, 45),
    (9, 12, 18, 38),
)

KTS_15: Rounds = (
    ((0, 1, 2), (3, 4, 5), (6, 7, 8), (9, 10, 11), (12, 13, 14)),
    ((0, 3, 6), (1, 4, 7), (2, 9, 12), (5, 10, 13), (8, 11, 14)),
    ((0, 4, 9), (1, 5, 11), (2, 7, 14), (3, 8, 13), (6, 10, 12)),
    ((0, 5, 14), (1, 3, 12), (2, 6, 11), (4, 8, 10), (7, 9, 13)),
    ((0, 7, 10), (1, 6, 13), (2, 5, 8), (3, 9, 14), (4, 11, 12)),
    ((0, 8, 12), (1, 10, 14), (2, 4, 13), (3, 7, 11), (5, 6, 9)),
    ((0, 11, 13), (1, 8, 9), (2, 3, 10), (4, 6, 14), (5, 7, 12)),
)


def tripled(kts: Rounds) -> Rounds:
    """The KTS(3v) KTS(3) x KTS(v) of a Kirkman triple system on 0..v-1: person v * x + y is (x, y), x in Z_3.

    Each round of `kts` gives three rounds: its triples in each of the three copies; and the tables
    {(0, b_s(0)), (1, b_s(1)), (2, b_s(2))} for every triple (b0, b1, b2) and the three even (then the three
    odd) permutations s. A last round seats (0, y), (1, y), (2, y) together."""
    v = sum(len(t) for t in kts[0])
    even, odd = ((0, 1, 2), (1, 2, 0), (2, 0, 1)), ((0, 2, 1), (2, 1, 0), (1, 0, 2))
    rounds: list[tuple[tuple[int, ...], ...]] = []
    for round_tables in kts:
        rounds.append(tuple(tuple(v * x + y for y in t) for x in range(3) for t in round_tables))
        for perms in (even, odd):
            rounds.append(tuple(tuple(v * x + t[s[x]] for x in range(3)) for t in round_tables for s in perms))
    rounds.append(tuple((y, v + y, 2 * v + y) for y in range(v)))
    return tuple(tuple(tuple(sorted(t)) for t in rt) for rt in rounds)


def develop(base: tuple[tuple[int, ...], ...], modulus: int, orbits: int, rounds: int) -> Rounds:
    """Rounds i = 0..rounds-1 of a 1-rotational design: person x < orbits * modulus becomes
    (x // modulus) * modulus + (x + i) % modulus; the others (the fixed points) stay."""
    cut = orbits * modulus
    return tuple(
        tuple(tuple(sorted(x - x % modulus + (x + i) % modulus if x < cut else x for x in t)) for t in base)
        for i in range(rounds)
    )


@dataclass(frozen=True)
class Design:
    name: str
    rounds: Rounds

    @property
    def people(self) -> int:
        return sum(len(t) for t in self.rounds[0])

    @property
    def table_size(self) -> int:
        return max(len(t) for t in self.rounds[0])

    def never_together(self) -> list[tuple[int, int]]:
        """Pairs who share no table in any round (the groups of a GDD)."""
        met = {pair for rt in self.rounds for t in rt for pair in combinations(sorted(t), 2)}
        return [pair for pair in combinations(range(self.people), 2) if pair not in met]


DESIGNS: tuple[Design, ...] = (
    Design("sgp_8_4_10", SGP_32_4_10),
    Design("kts_21", KTS_21),
    Design("nkts_18", NKTS_18),
    Design("rbibd_28_4", RBIBD_28_4),
    Design("rbibd_40_4", develop(BASE_40_4, 13, 3, 13)),
    Design("kts_33", develop(BASE_33_3, 32, 1, 16)),
    Design("kts_39", develop(BASE_39_3, 19, 2, 19)),
    Design("nkts_24", develop(BASE_24_3, 11, 2, 11)),
    Design("nkts_30", develop(BASE_30_3, 14, 2, 14)),
    Design("nkts_36", develop(BASE_36_3, 17, 2, 17)),
    Design("sgp_14_4_13", develop(BASE_56_4, 13, 4, 13)),
    Design("rbibd_52_4", develop(BASE_52_4, 17, 3, 17)),
    Design("sgp_12_4_15", develop(BASE_48_4, 15, 3, 15)),
    Design("kts_45", tripled(KTS_15)),
)


def literature_plan(people: int, table_size: int, rounds: int) -> Tables | None:
    """The first `rounds` rounds of a stored design with this table size and 0 to 2 people fewer.

    One person can always leave (their tables shrink by one); two only if they never sit together, so
    each round still has tables whose sizes differ by at most one. The caller checks the sizes.
    """
    for design in DESIGNS:
        if design.table_size != table_size or rounds > len(design.rounds):
            continue
        plan = without_people(design.rounds[:rounds], design.people - people)
        if plan is not None:
            return plan
    return None


def without_people(rounds: Rounds, missing: int) -> Tables | None:
    """The plan with `missing` (0 to 2) people left out and the others renumbered 0..people-1, or None.

    One person can always leave; two only if they never sit together (else a table would lose two).
    """
    design = Design("", rounds)
    if not 0 <= missing <= 2:
        return None
    if missing == 2:
        apart = design.never_together()
        if not apart:
            return None
        gone = set(apart[-1])
    else:
        gone = set(range(design.people - missing, design.people))
    label = {p: i for i, p in enumerate(p for p in range(design.people) if p not in gone)}
    return [[[label[p] for p in t if p not in gone] for t in rt] for rt in rounds]
