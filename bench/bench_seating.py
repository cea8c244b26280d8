"""Benchmark for the World-Café table planner: repeats vs the lower bound vs a random shuffle, and time.

Run: .venv/bin/python bench/bench_seating.py [--quick]
Prints one JSON object: a sweep of evenings (15-300 people, 3-8 per table, 3-9 rounds, with and
without perspective groups), the literature instances, the instances the cyclic search reaches (10 s
limit), those it does not (with their lower bound) and the issue's targets. Single process, one core.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialogwerk.seating.planner import plan_seating, random_plan  # noqa: E402
from dialogwerk.seating.problem import SeatingProblem, figures  # noqa: E402

SEED = 1

# (people, table size, rounds)
SWEEP = [
    (15, 3, 3),
    (15, 5, 3),
    (20, 4, 5),
    (24, 4, 6),
    (30, 5, 3),
    (30, 5, 4),
    (30, 6, 5),
    (36, 6, 7),
    (40, 5, 6),
    (45, 5, 9),
    (60, 5, 4),
    (60, 6, 6),
    (80, 4, 9),
    (90, 6, 4),
    (100, 5, 5),
    (120, 6, 4),
    (120, 8, 9),
    (150, 5, 6),
    (200, 8, 4),
    (240, 6, 7),
    (300, 8, 4),
    (300, 3, 9),
]
QUICK_SWEEP = [(15, 3, 3), (30, 5, 4), (60, 6, 6), (120, 6, 4), (300, 8, 4)]

# Known repeat-free instances from the literature: (name, people, table size, rounds). Social Golfer
# instances g-s-w: g tables of s over w rounds; all have a published (or here constructed) plan.
LITERATURE = [
    ("kirkman_15_3_7", 15, 3, 7),
    ("sgp_8_4_9", 32, 4, 9),
    ("sgp_8_4_10", 32, 4, 10),
    ("sgp_6_3_8_nkts18", 18, 3, 8),
    ("sgp_7_3_10_kts21", 21, 3, 10),
    ("sgp_8_3_11_nkts24", 24, 3, 11),
    ("sgp_9_3_13_ag_3_3", 27, 3, 13),
    ("sgp_10_3_14_nkts30", 30, 3, 14),
    ("sgp_11_3_16_kts33", 33, 3, 16),
    ("sgp_13_3_19_kts39", 39, 3, 19),
    ("sgp_15_3_22_kts45", 45, 3, 22),
    ("sgp_7_4_9_rbibd28", 28, 4, 9),
    ("sgp_10_4_13_rbibd40", 40, 4, 13),
    ("affine_25_5_6", 25, 5, 6),
    ("affine_49_7_8", 49, 7, 8),
    ("affine_64_8_9", 64, 8, 9),
    ("sgp_10_4_7_rtd", 40, 4, 7),
]
# Published source of a repeat-free plan per instance above.
SOURCES = {
    "kirkman_15_3_7": "Kirkman 1850 (Kirkman's schoolgirl problem)",
    "sgp_8_4_9": "Aguado 2004; table in Pegg, 'Social Golfer Problem', Wolfram Demonstrations",
    "sgp_8_4_10": "Aguado 2004; table in Pegg, 'Social Golfer Problem', Wolfram Demonstrations",
    "sgp_6_3_8_nkts18": "NKTS(18): Pegg, Wolfram Demonstrations; Handbook of Combinatorial Designs (HCD)",
    "sgp_7_3_10_kts21": "KTS(21): Ray-Chaudhuri & Wilson 1971; table in Pegg, Wolfram Demonstrations",
    "sgp_8_3_11_nkts24": "NKTS(24): Kotzig & Rosa 1974, Baker & Wilson 1977 (HCD)",
    "sgp_9_3_13_ag_3_3": "KTS(27) = AG(3,3) (HCD)",
    "sgp_10_3_14_nkts30": "NKTS(30): Baker & Wilson 1977 (HCD)",
    "sgp_11_3_16_kts33": "KTS(33): Ray-Chaudhuri & Wilson 1971; 1-rotational base from HCD survey tables",
    "sgp_13_3_19_kts39": "KTS(39): Ray-Chaudhuri & Wilson 1971; base from HCD survey tables",
    "sgp_15_3_22_kts45": "KTS(45): Ray-Chaudhuri & Wilson 1971; stored as KTS(3) x KTS(15), the KTS(15) found "
    "offline by backtracking",
    "sgp_7_4_9_rbibd28": "resolvable 2-(28,4,1): Hanani, Ray-Chaudhuri & Wilson 1972; table in Pegg",
    "sgp_10_4_13_rbibd40": "resolvable 2-(40,4,1): Hanani, Ray-Chaudhuri & Wilson 1972 (HCD tables)",
    "affine_25_5_6": "affine plane AG(2,5)",
    "affine_49_7_8": "affine plane AG(2,7)",
    "affine_64_8_9": "affine plane AG(2,8)",
    "sgp_10_4_7_rtd": "resolvable 2-(40,4,1) design, first 7 rounds (HCD)",
}
# Evenings covered by MOLS (Colbourn & Dinitz, HCD III.3: 2 MOLS of order 10 (Parker 1959), direct
# products for 12, 15, 20, 21): t MOLS of order n give t + 1 rounds at n tables (t + 2 with n rows).
MOLS_INSTANCES = [
    ("sgp_10_10_4_mols10", 100, 10, 4),
    ("sgp_10_10_4_minus1", 99, 10, 4),
    ("sgp_10_10_3_minus2", 98, 10, 3),
    ("sgp_10_9_3_mols10", 90, 10, 3),
    ("sgp_12_8_3_mols12", 96, 12, 3),
    ("sgp_15_6_3_mols15", 90, 15, 3),
    ("sgp_20_5_4_mols20", 100, 20, 4),
    ("sgp_21_4_3_mols21", 84, 21, 3),
]

# Instances reached by the cyclic search (`cyclic.py`) or its stored results: (name, people, table size,
# rounds, source). A plan found here is its own certificate (the bench recounts every pair); where the
# design is also in the literature, that source is named too.
FOUND = "found here by the cyclic search"
CYCLIC_INSTANCES = [
    ("sgp_6_4_6", 24, 4, 6, FOUND),
    ("sgp_6_4_7", 24, 4, 7, FOUND + " (3 x Z_7 + 3; a resolvable 4-GDD of type 3^8)"),
    ("sgp_6_4_7_minus1", 23, 4, 7, FOUND + ", one person left out"),
    ("sgp_6_4_7_minus2", 22, 4, 7, FOUND + ", two people who never meet left out"),
    ("sgp_6_5_6", 30, 5, 6, FOUND + " (5 x Z_6)"),
    ("sgp_6_5_6_minus1", 29, 5, 6, FOUND + ", one person left out"),
    ("sgp_9_4_10", 36, 4, 10, FOUND),
    ("sgp_9_4_11", 36, 4, 11, FOUND + " (3 x Z_11 + 3; a resolvable 4-GDD of type 3^12)"),
    ("sgp_9_4_11_minus2", 34, 4, 11, FOUND + ", two people who never meet left out"),
    ("sgp_12_4_12", 48, 4, 12, FOUND + " (4 x Z_12); the planner takes 12 rounds of the stored 12-4-15"),
    (
        "sgp_12_4_15",
        48,
        4,
        15,
        "resolvable 4-GDD of type 3^16; base round over 3 x Z_15 + 3 found offline by the "
        "cyclic search (7.5 s), stored",
    ),
    ("sgp_12_4_15_minus2", 46, 4, 15, "12-4-15 stored, two people who never meet left out"),
    ("sgp_14_4_13", 56, 4, 13, "base round over 4 x Z_13 + 4 found offline by the cyclic search, stored"),
    (
        "sgp_13_4_17_rbibd52",
        52,
        4,
        17,
        "resolvable 2-(52,4,1): Hanani, Ray-Chaudhuri & Wilson 1972 (HCD); base round "
        "over 3 x Z_17 + 1 found offline by the cyclic search (77 s), stored",
    ),
    (
        "sgp_12_3_17_nkts36",
        36,
        3,
        17,
        "NKTS(36): Baker & Wilson 1977 (HCD); base round over 2 x Z_17 + 2 found offline by the cyclic search, stored",
    ),
]
# Instances without a repeat-free plan here (reported with their lower bound, not in the target).
OPEN_INSTANCES = [
    ("sgp_10_10_5", 100, 10, 5, "needs 3 MOLS of order 10: open (HCD III.3)"),
    ("sgp_6_6_4", 36, 6, 4, "impossible: no 2 MOLS of order 6 (Tarry 1900)"),
    ("sgp_8_4_10_minus3", 29, 4, 10, "unknown to us (8-4-10 has no three people who never meet)"),
]


def group_sizes(people: int, groups: int) -> list[int]:
    base, extra = divmod(people, groups)
    return [base + (g < extra) for g in range(groups)]


def random_repeats(problem: SeatingProblem, runs: int = 5) -> float:
    values = []
    for seed in range(runs):
        together: dict[tuple[int, int], int] = {}
        for rt in random_plan(problem, seed=seed):
            for members in rt:
                for pair in combinations(members, 2):
                    together[pair] = together.get(pair, 0) + 1
        values.append(sum(c - 1 for c in together.values()))
    return statistics.mean(values)


def run_case(problem: SeatingProblem, seconds: float) -> dict[str, object]:
    started = time.monotonic()
    plan = plan_seating(problem, seconds=seconds, seed=SEED)
    elapsed = time.monotonic() - started
    fig = figures(problem, plan.tables)
    assert fig.repeat_pairs == plan.repeat_pairs and fig.hard_violations == plan.hard_violations
    row: dict[str, object] = {
        "people": problem.people,
        "table_size": max(problem.table_sizes),
        "tables": problem.table_count,
        "rounds": problem.rounds,
        "groups": len(set(problem.groups)) if problem.groups else 0,
        "repeats": plan.repeat_pairs,
        "lower_bound": plan.lower_bound,
        "random_repeats": random_repeats(problem),
        "optimal": plan.provably_optimal_repeats,
        "hard_violations": plan.hard_violations,
        "seconds": round(elapsed, 3),
        "start": plan.start,
    }
    if problem.groups:
        row["over_represented_tables"] = plan.over_represented_tables
        row["min_distinct_groups"] = plan.min_distinct_groups
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a few cases, short time limits")
    args = parser.parse_args()
    limit = 1.0 if args.quick else 2.0
    sweep = QUICK_SWEEP if args.quick else SWEEP
    total = time.monotonic()
    load_before = os.getloadavg()

    cases = []
    for people, size, rounds in sweep:
        tables = -(-people // size)
        for groups in (0, min(8, max(3, tables // 2))):
            problem = SeatingProblem(
                people=people,
                rounds=rounds,
                table_size=size,
                groups=tuple(g for g, n in enumerate(group_sizes(people, groups)) for _ in range(n))
                if groups
                else None,
            )
            cases.append(run_case(problem, 10.0 if people >= 200 else limit))

    world_cafe = []
    for people, size, rounds in [(30, 5, 3), (60, 5, 4), (120, 6, 4)] if not args.quick else [(30, 5, 3)]:
        tables = -(-people // size)
        problem = SeatingProblem(
            people=people,
            rounds=rounds,
            table_size=size,
            hosts={t: t for t in range(tables)},
            distinct_tables=True,
            groups=tuple(g for g, n in enumerate(group_sizes(people, 4)) for _ in range(n)),
        )
        world_cafe.append(run_case(problem, limit))

    literature = {}
    for name, people, size, rounds in LITERATURE if not args.quick else LITERATURE[:3]:
        literature[name] = run_case(SeatingProblem(people=people, rounds=rounds, table_size=size), 5.0)
    for name, people, tables, rounds in MOLS_INSTANCES if not args.quick else MOLS_INSTANCES[:2]:
        literature[name] = run_case(SeatingProblem(people=people, rounds=rounds, tables=tables), 5.0)
        literature[name]["source"] = "MOLS of order %d (HCD III.3)" % tables
    for name, people, size, rounds, source in CYCLIC_INSTANCES if not args.quick else CYCLIC_INSTANCES[1:2]:
        literature[name] = run_case(SeatingProblem(people=people, rounds=rounds, table_size=size), 10.0)
        literature[name]["source"] = source
    for name, row in literature.items():
        row.setdefault("source", SOURCES.get(name, ""))
    unsolved = {}
    for name, people, size, rounds, source in OPEN_INSTANCES if not args.quick else []:
        unsolved[name] = run_case(SeatingProblem(people=people, rounds=rounds, table_size=size), 10.0)
        unsolved[name]["source"] = source
    # Hosts at every table of a transversal design (distinct tables); before, 49/7/5 and 121/11/6 ended
    # with 39 and 211 repeats.
    for people, tables, rounds in (
        [(100, 10, 3), (96, 12, 3), (49, 7, 5), (121, 11, 6)] if not args.quick else [(100, 10, 3)]
    ):
        problem = SeatingProblem(
            people=people,
            rounds=rounds,
            tables=tables,
            hosts={t: t for t in range(tables)},
            distinct_tables=True,
            groups=tuple(g for g, n in enumerate(group_sizes(people, 4)) for _ in range(n)),
        )
        world_cafe.append(run_case(problem, limit))
    # 8-4-10 with 4 perspectives of 8: the repeat-free plan is kept, the mix search gets the time.
    literature["sgp_8_4_10_groups4"] = run_case(
        SeatingProblem(people=32, rounds=10, table_size=4, groups=tuple(g for g in range(4) for _ in range(8))), limit
    )

    big = SeatingProblem(
        people=300, rounds=4, table_size=8, groups=tuple(g for g, n in enumerate(group_sizes(300, 8)) for _ in range(n))
    )
    big_row = run_case(big, 10.0)
    typical = [c for c in cases if 30 <= int(c["people"]) <= 120]  # type: ignore[call-overload]
    targets = {
        "literature_repeat_free": {name: row["repeats"] == 0 for name, row in literature.items()},
        # Known to have a repeat-free plan but not reached here: the set above leaves them out, so say so.
        "known_solvable_not_reached": sorted(
            name for name, row in unsolved.items() if str(row["source"]).startswith("known") and row["repeats"] != 0
        ),
        "sgp_up_to_100_zero_within_10s": all(
            row["repeats"] == 0 and float(row["seconds"]) < 10  # type: ignore[arg-type]
            for row in literature.values()
            if int(row["people"]) <= 100  # type: ignore[call-overload]
        ),
        "evening_300_8_4_groups8": big_row,
        "evening_300_met": big_row["repeats"] == 0
        and int(big_row["min_distinct_groups"]) >= 6  # type: ignore[call-overload]
        and float(big_row["seconds"]) < 10,  # type: ignore[arg-type]
        "typical_30_to_120_max_seconds": max(float(c["seconds"]) for c in typical),  # type: ignore[arg-type]
        "typical_30_to_120_all_optimal": all(c["optimal"] for c in typical),
    }
    print(
        json.dumps(
            {
                "seed": SEED,
                "quick": args.quick,
                "cases": cases,
                "world_cafe_hosts_distinct": world_cafe,
                "literature": literature,
                "not_solved": unsolved,
                "targets": targets,
                "total_seconds": round(time.monotonic() - total, 1),
                # The machine may be shared: seconds are wall-clock, so note how busy it was.
                "load_average_1_5_15_min": {
                    "before": [round(x, 2) for x in load_before],
                    "after": [round(x, 2) for x in os.getloadavg()],
                },
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
