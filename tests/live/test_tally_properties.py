"""Properties of the dot-vote arithmetic (live/tally.py, pure): whatever dots are placed, the ranking counts
every dot once, orders by dots, shares ranks on ties and keeps the agreed order among equals."""

from hypothesis import given
from hypothesis import strategies as st

from dialogwerk.live import tally

options = st.lists(st.integers(0, 30), unique=True, max_size=20)
dots = st.lists(st.integers(0, 40), max_size=200)


@given(dots, options)
def test_the_ranking_counts_every_dot_once_and_lists_every_option_once(placed, listed):
    places = tally.ranking(placed, listed)
    assert sum(place.dots for place in places) == len(placed)
    assert [place.option for place in places].count(None) == 0
    assert sorted(place.option for place in places) == sorted(set(placed) | set(listed))
    for place in places:
        assert place.dots == placed.count(place.option)


@given(dots, options)
def test_more_dots_rank_higher_and_ties_share_a_rank(placed, listed):
    places = tally.ranking(placed, listed)
    for index, place in enumerate(places):
        assert place.rank == 1 + sum(1 for other in places if other.dots > place.dots)
        if index:
            assert places[index - 1].dots >= place.dots


@given(dots, options)
def test_equal_options_keep_the_listed_order(placed, listed):
    places = tally.ranking(placed, listed)
    position = {option: index for index, option in enumerate(listed)}
    for before, after in zip(places, places[1:], strict=False):
        if before.dots == after.dots and before.option in position and after.option in position:
            assert position[before.option] < position[after.option]


@given(st.lists(st.integers(0, 12), max_size=15), st.integers(0, 10))
def test_the_free_slot_is_the_lowest_unused_one_within_the_budget(used, budget):
    slot = tally.free_slot(used, budget)
    if slot is None:
        assert set(range(budget)) <= set(used)
    else:
        assert 0 <= slot < budget and slot not in used and set(range(slot)) <= set(used)


@given(st.integers(0, 10_000))
def test_the_default_budget_is_a_third_rounded_up_and_at_least_one(count):
    budget = tally.default_budget(count)
    assert budget >= 1 and 3 * budget >= count and 3 * (budget - 1) < max(count, 1)
