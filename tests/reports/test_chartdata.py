"""Shaping figures for charts."""

from dialogwerk.reports import chartdata


def test_top_keeps_the_largest_and_sums_the_rest():
    assert chartdata.top([("a", 1), ("b", 5), ("c", 3), ("d", 2)], 2, "Weitere") == [("b", 5), ("c", 3), ("Weitere", 3)]


def test_long_labels_wrap_onto_at_most_three_lines():
    label = chartdata.wrap("Neighbourhood & residents (including sceptical voices) and many more words here", 15)
    assert label.count("\n") <= 2 and label.endswith("…")


def test_a_distribution_counts_each_point_of_the_scale():
    assert chartdata.distribution([5, 4, 4, 9, 1], range(1, 6)) == [1, 0, 0, 2, 1]
    assert chartdata.mean([]) is None and chartdata.mean([4, 5]) == 4.5


def test_cards_with_the_same_dots_share_their_place():
    from dialogwerk.reports.documentation import places

    assert places([21, 15, 15, 14, 7, 7, 5]) == [1, 2, 2, 4, 5, 5, 7]
    assert places([]) == []
