"""A lower bound on repeated encounters, so a plan can be shown to be optimal.

Repeats are counted as sum over pairs of max(0, rounds together - 1). The bound is the larger of two
independent arguments, each a relaxation of the real problem (so each is a true lower bound):

1. Per person. Person i meets m_i = sum over rounds of (table size - 1) others, counting repeats, but
   has at most c_i distinct partners (N - 1, less anyone who stays at a table i can never reach).
   Since repeats = 1/2 * sum_i (m_i - distinct_i), repeats >= 1/2 * sum_i max(0, m_i - c_i). Where
   table sizes differ, m_i depends on how often i sits at a bigger table; the bound takes the spread
   of big-table seats that is kindest (a separable convex allocation, solved exactly by counting).
2. Consecutive rounds. The people of one table in round r-1 are spread over the tables of round r;
   every pair of them that lands at one table again is a repeat at round r. Stayers land together;
   under distinct tables movers cannot come back; the kindest spread is greedy by smallest count.
   Repeats found this way at different rounds are different (pair, round) occurrences, so the
   per-transition minimum times (rounds - 1) is a bound too.
"""

from __future__ import annotations

from .problem import SeatingProblem


def repeat_lower_bound(problem: SeatingProblem) -> int:
    """The larger of the per-person and the consecutive-round bounds (see the module docstring)."""
    return max(per_person_bound(problem), consecutive_round_bound(problem))


def per_person_bound(problem: SeatingProblem) -> int:
    n, rounds = problem.people, problem.rounds
    sizes = problem.table_sizes
    smallest = min(sizes)
    big = {t for t, s in enumerate(sizes) if s > smallest}
    stayers = problem.stayers()
    all_tables = frozenset(range(len(sizes)))

    def partner_cap(person: int, reachable: frozenset[int]) -> int:
        unreachable = sum(1 for q, t in stayers.items() if q != person and t not in reachable)
        return n - 1 - unreachable

    excess_twice = 0
    big_seat_rounds = rounds * sum(sizes[t] for t in big)
    free_units = 0
    for person in range(n):
        if person in stayers:
            table = stayers[person]
            met = rounds * (sizes[table] - 1)
            excess_twice += max(0, met - partner_cap(person, frozenset((table,))))
            big_seat_rounds -= rounds if table in big else 0
            continue
        reachable = problem.allowed(person) or all_tables
        lo, hi = 0, rounds
        if problem.distinct_tables:
            # Distinct visits cap how often one can sit at a big (or a small) table.
            hi = min(rounds, len(reachable & big))
            lo = max(0, rounds - len(reachable - big))
        elif reachable <= big:
            lo = rounds
        elif not reachable & big:
            hi = 0
        base = rounds * (smallest - 1) + lo
        cap = partner_cap(person, reachable)
        excess_twice += max(0, base - cap)
        big_seat_rounds -= lo
        # Extra big-table rounds are free for this person until their meetings reach the cap.
        free_units += min(hi - lo, max(0, cap - base))
    excess_twice += max(0, big_seat_rounds - free_units)
    return (excess_twice + 1) // 2


def consecutive_round_bound(problem: SeatingProblem) -> int:
    if problem.rounds < 2:
        return 0
    sizes = problem.table_sizes
    count = len(sizes)
    stayers_at = [0] * count
    for table in problem.stayers().values():
        stayers_at[table] += 1
    free_seats = [sizes[t] - stayers_at[t] for t in range(count)]
    per_transition = 0
    for t in range(count):
        movers = sizes[t] - stayers_at[t]
        load = [0] * count
        load[t] = stayers_at[t]
        room = list(free_seats)
        if problem.distinct_tables:
            room[t] = 0
        cost = stayers_at[t] * (stayers_at[t] - 1) // 2
        for _ in range(movers):
            # Marginal cost of one more person at a table is the number already there.
            open_tables = [j for j in range(count) if room[j] > 0]
            if not open_tables:
                break  # infeasible anyway; the search reports the violation
            best = min(open_tables, key=lambda j: load[j])
            cost += load[best]
            load[best] += 1
            room[best] -= 1
        per_transition += cost
    return (problem.rounds - 1) * per_transition
