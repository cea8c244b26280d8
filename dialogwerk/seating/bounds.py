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
3. Designs that do not exist (`nonexistent_net_bound`). With N = n^2 people at n tables of n, a
   repeat-free plan of r rounds is a net of order n and degree r; where no such net exists, every
   plan has at least one repeat (see that function for the proof).
"""

from __future__ import annotations

from .problem import SeatingProblem


def repeat_lower_bound(problem: SeatingProblem) -> int:
    """The larger of the per-person and the consecutive-round bounds (see the module docstring)."""
    return max(per_person_bound(problem), consecutive_round_bound(problem), nonexistent_net_bound(problem))


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


# Orders n with the most rounds r such that n^2 people at n tables of n can meet repeat-free for r rounds
# (a net of order n and degree r) are known not to reach an affine plane (n + 1 rounds):
#   n = 6: at most 3 rounds. A net of degree r is equivalent to r - 2 mutually orthogonal Latin squares
#          (MOLS); there are no two orthogonal Latin squares of order 6 (Tarry 1900), so r <= 3.
#   n = 10: at most 9 rounds. There is no projective (so no affine) plane of order 10 (Lam, Thiel and
#          Swiercz 1989), and a net of order n and degree n (deficiency one) always completes to an
#          affine plane (Bruck 1963), so degree 10 or 11 cannot exist.
#   n = 14, 21, 22: at most n - 1 rounds. No projective plane of these orders (Bruck-Ryser 1949:
#          n = 1 or 2 mod 4 and not a sum of two squares), and deficiency-one nets complete as above.
MAX_NET_DEGREE = {6: 3, 10: 9, 14: 13, 21: 20, 22: 21}


def nonexistent_net_bound(problem: SeatingProblem) -> int:
    """1 when the evening would need a net that does not exist, else 0.

    Suppose N = n^2 people sit at n tables of exactly n in every round and no pair meets twice. Take a
    table X of round a: its n people must sit at n different tables in round b (two of them together
    again would be a repeat), and round b has exactly n tables, so every table of round b holds exactly
    one person of X. So any two tables of different rounds share exactly one person, and the rounds
    are the parallel classes of a net of order n and degree r (r rounds). Such a net is equivalent to
    r - 2 mutually orthogonal Latin squares of order n; `MAX_NET_DEGREE` lists the orders where the
    largest possible degree is known to be smaller than n + 1. Hosts, allowed tables, kept-apart pairs
    and distinct tables only remove plans, so the bound holds for every problem of this shape.
    """
    n = problem.table_count
    limit = MAX_NET_DEGREE.get(n)
    if limit is None or problem.people != n * n or problem.rounds <= limit:
        return 0
    return 1
