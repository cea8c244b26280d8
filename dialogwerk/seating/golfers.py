"""Social-Golfer search for dense evenings without hosts or other rules. No Django import.

Used by `plan_seating` when nobody is fixed to a table (no hosts, allowed tables, kept-apart pairs or
distinct tables), no known design fits and the plain greedy start still has repeats above the bound.
It minimises repeated encounters only (the perspective mix is improved afterwards by `search.tabu_search`).

- Start (after Triska & Musliu, "An effective greedy heuristic for the Social Golfer Problem", Annals of
  OR 194, 2012): round by round, each table is filled with pairs of people who have not met each other
  nor anyone already at the table, choosing the pair that leaves the most *freedom*: the number of
  people not yet seated this round who have met nobody at the table (so could still join it without a
  repeat). Odd remainders take one person by the same rule. Used up to `GREEDY_MAX_PEOPLE` people.
- Search (after Dotú & Van Hentenryck, "Scheduling social golfers locally", CPAIOR 2005): a move swaps
  two people of different tables in one round where the first is in conflict (sits with someone they
  meet more than once). Every iteration evaluates the whole conflict neighbourhood and takes the best
  move that is not tabu (a swapped pair may not be swapped back in that round for a random tenure),
  unless it beats the best plan (aspiration). After a stall it restarts from the best plan with a few
  random swaps.

Speed: the state is a few numpy arrays (seats, same-table indicators, meeting counts), and one
iteration evaluates every move of up to `MAX_CONFLICTS` conflicting (round, person) at once with a
closed formula for the change in repeats (see `golfer_search`); about 10^3 to 10^4 iterations a second
on one core for 32 to 120 people.
"""

from __future__ import annotations

import random
import time

from .problem import SeatingProblem, Tables

GREEDY_MAX_PEOPLE = 64
# Search settings, tuned on 8-4-9, 8-4-10, 36/6/7 and 120/8/9: short tabu walks restarted often from
# the best plan with two random swaps worked better than long walks.
STALL_BASE, STALL_PER_PERSON = 100, 2  # iterations without a new best before a restart
TENURE_MIN, TENURE_SPAN_PER_PERSON = 3, 1 / 3  # tabu tenure: TENURE_MIN + random below span * n
KICKS_PER_ROUND = 0.2  # random swaps after a restart (at least two)
MAX_CONFLICTS = 48  # conflicting (round, person) evaluated per iteration, sampled when there are more


def is_pure(problem: SeatingProblem) -> bool:
    """No rule ties anyone to a table or to anyone else: the Social Golfer setting."""
    return not (problem.hosts or problem.allowed_tables or problem.apart or problem.distinct_tables)


def freedom_greedy(problem: SeatingProblem, rng: random.Random) -> Tables:
    """Round by round, fill each table with the pair (or single person) that keeps the most freedom."""
    n, sizes = problem.people, problem.table_sizes
    met = [0] * n  # bit mask of everyone met so far
    plan: Tables = []
    everyone = (1 << n) - 1
    for _round in range(problem.rounds):
        free = everyone
        round_tables: list[list[int]] = []
        for size in sizes:
            table: list[int] = []
            table_mask = 0
            table_met = 0
            while len(table) < size:
                people = [p for p in range(n) if free >> p & 1]
                rng.shuffle(people)
                best: tuple[int, ...] | None = None
                best_key: tuple[int, int] | None = None
                if size - len(table) >= 2:
                    for i, x in enumerate(people):
                        mx = met[x]
                        cx = (mx & table_mask).bit_count()
                        for y in people[i + 1 :]:
                            my = met[y]
                            conflicts = cx + (my & table_mask).bit_count() + (mx >> y & 1)
                            rest = free & ~((1 << x) | (1 << y))
                            freedom = (rest & ~(table_met | mx | my)).bit_count()
                            key = (conflicts, -freedom)
                            if best_key is None or key < best_key:
                                best, best_key = (x, y), key
                else:
                    for x in people:
                        rest = free & ~(1 << x)
                        key = ((met[x] & table_mask).bit_count(), -(rest & ~(table_met | met[x])).bit_count())
                        if best_key is None or key < best_key:
                            best, best_key = (x,), key
                assert best is not None
                for person in best:
                    table.append(person)
                    table_mask |= 1 << person
                    table_met |= met[person]
                    free &= ~(1 << person)
            round_tables.append(table)
        for table in round_tables:
            mask = 0
            for person in table:
                mask |= 1 << person
            for person in table:
                met[person] |= mask & ~(1 << person)
        plan.append(round_tables)
    return plan


def golfer_search(
    problem: SeatingProblem,
    start: Tables,
    *,
    lower_bound: int,
    rng: random.Random,
    deadline: float,
    max_iterations: int | None = None,
) -> tuple[Tables, int]:
    """Tabu search on repeats from `start`; returns the best plan and the iterations used.

    State (numpy): seat[r, p] (table of p in round r), same[r, p, q] (p and q at one table in round
    r) and meet = sum over rounds of same, without the diagonal. Per iteration, for every conflicting
    (r, a) and every b at another table of round r, the change in repeats of swapping a and b is
        near[r, b, table(a)] + near[r, a, table(b)] - 2 met(a, b) - conf[r, a] - conf[r, b]
    where met = meet >= 1, near[r, p, t] = people at table t in round r whom p has met, and
    conf[r, p] = table mates of p in round r met more than once.
    """
    import numpy as np  # heavy: loaded only when a plan needs this search, not when an app process starts

    n, rounds, count = problem.people, problem.rounds, problem.table_count
    noise = np.random.default_rng(rng.getrandbits(64))
    seat = np.zeros((rounds, n), dtype=np.int64)
    for r, round_tables in enumerate(start):
        for t, members in enumerate(round_tables):
            seat[r, members] = t
    same = seat[:, :, None] == seat[:, None, :]
    meet = same.sum(axis=0, dtype=np.int64)
    np.fill_diagonal(meet, 0)
    people = np.arange(n)
    tables_eye = np.eye(count)  # float: the product below runs in BLAS
    tabu = np.zeros((rounds, n, n), dtype=np.int64)  # tabu[r, a, b]: a and b not swapped in round r before
    groups = problem.groups
    mixing = groups is not None
    if groups is not None:  # perspective mix as a tie-break: seats over a group's cap (see SeatingProblem.group_caps)
        labels = sorted(set(groups))
        group = np.array([labels.index(g) for g in groups])
        caps = problem.group_caps()
        cap = np.array([caps[g] for g in labels])
        group_count = np.zeros((rounds, count, len(labels)), dtype=np.int64)
        np.add.at(group_count, (np.arange(rounds)[:, None], seat, group[None, :]), 1)
    best_seat = seat.copy()
    best_repeats = None
    it = last_gain = 0
    stall_limit = STALL_BASE + STALL_PER_PERSON * n
    tenure_span = max(4, int(n * TENURE_SPAN_PER_PERSON))
    while True:
        met = meet >= 1
        conf = (same & (meet >= 2)[None]).sum(axis=2)
        repeats = int(np.maximum(meet - 1, 0).sum()) // 2
        if best_repeats is None or repeats < best_repeats:
            best_repeats, best_seat, last_gain = repeats, seat.copy(), it
        if repeats <= lower_bound:
            break
        if max_iterations is not None and it >= max_iterations:
            break
        if (it & 7) == 0 and time.monotonic() >= deadline:
            break
        it += 1
        if it - last_gain > stall_limit:
            # Restart from the best plan with a few random swaps in random rounds.
            seat = best_seat.copy()
            for _ in range(max(2, int(rounds * KICKS_PER_ROUND))):
                r, a, b = rng.randrange(rounds), rng.randrange(n), rng.randrange(n)
                seat[r, a], seat[r, b] = seat[r, b], seat[r, a]
            same = seat[:, :, None] == seat[:, None, :]
            meet = same.sum(axis=0, dtype=np.int64)
            np.fill_diagonal(meet, 0)
            tabu[:] = 0
            if mixing:
                group_count[:] = 0
                np.add.at(group_count, (np.arange(rounds)[:, None], seat, group[None, :]), 1)
            last_gain = it
            continue
        near = (met.astype(np.float64) @ tables_eye[seat]).astype(np.int64)  # (rounds, n, count)
        rr, aa = np.nonzero(conf)
        if len(rr) > MAX_CONFLICTS:  # far from a solution: a random part of the neighbourhood is enough
            keep = noise.choice(len(rr), MAX_CONFLICTS, replace=False)
            rr, aa = rr[keep], aa[keep]
        ta = seat[rr, aa]
        sb = seat[rr]  # tables of every b in the conflict's round
        delta = (
            near[rr[:, None], people[None, :], ta[:, None]]
            + near[rr[:, None], aa[:, None], sb]
            - 2 * met[aa]
            - conf[rr, aa][:, None]
            - conf[rr]
        )
        is_tabu = tabu[rr[:, None], aa[:, None], people[None, :]] > it
        forbidden = (sb == ta[:, None]) | (is_tabu & (repeats + delta >= best_repeats))
        if forbidden.all():
            last_gain = it - stall_limit - 1
            continue
        order = delta * 16
        if mixing:  # change in seats over the cap, at most 2 either way, so it only breaks ties
            ga, gb = group[aa][:, None], group[None, :]
            mix = (
                (group_count[rr[:, None], ta[:, None], gb] >= cap[gb]).astype(np.int64)  # b joins a's table
                - (group_count[rr[:, None], sb, gb] > cap[gb])  # b leaves its table
                + (group_count[rr[:, None], sb, ga] >= cap[ga])  # a joins b's table
                - (group_count[rr, ta, group[aa]] > cap[group[aa]])[:, None]  # a leaves its table
            )
            order = order + np.where(ga == gb, 0, mix)
        key = np.where(forbidden, np.iinfo(np.int64).max, order * 1024 + noise.integers(0, 1024, size=delta.shape))
        c, swap = np.unravel_index(int(np.argmin(key)), key.shape)
        r, a, b = int(rr[c]), int(aa[c]), int(swap)
        tabu[r, a, b] = tabu[r, b, a] = it + TENURE_MIN + rng.randrange(tenure_span)
        if mixing:
            group_count[r, seat[r, a], group[a]] -= 1
            group_count[r, seat[r, a], group[b]] += 1
            group_count[r, seat[r, b], group[b]] -= 1
            group_count[r, seat[r, b], group[a]] += 1
        seat[r, a], seat[r, b] = seat[r, b], seat[r, a]
        old = same[r].copy()
        same[r] = seat[r][:, None] == seat[r][None, :]
        meet += same[r].astype(np.int64) - old
        np.fill_diagonal(meet, 0)
    tables: Tables = [[[] for _t in range(count)] for _r in range(rounds)]
    for r in range(rounds):
        for p in range(n):
            tables[r][int(best_seat[r, p])].append(p)
    return tables, it
