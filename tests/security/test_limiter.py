"""The pure rate arithmetic: parsing rates and placing moments in windows (hypothesis for the invariants)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogwerk.core.limiter import Rate, decide, parse_rate, seconds_left, window_of


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("5/m", Rate(5, 60)),
        ("10/15m", Rate(10, 900)),
        ("100 / h", Rate(100, 3600)),
        ("1/s", Rate(1, 1)),
        ("3/2d", Rate(3, 172800)),
    ],
)
def test_it_parses_rates_with_and_without_a_multiple(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["", "5", "5/", "/m", "5/w", "-1/m", "0/m", "5/0m", "five/m"])
def test_it_rejects_what_is_not_a_rate(text):
    with pytest.raises(ValueError):
        parse_rate(text)


@given(now=st.floats(min_value=0, max_value=4e9, allow_nan=False), period=st.integers(min_value=1, max_value=86400 * 7))
def test_the_wait_never_exceeds_the_period_and_ends_in_the_next_window(now, period):
    wait = seconds_left(now, period)
    assert 1 <= wait <= period
    assert window_of(now + wait, period) >= window_of(now, period) + 1 or wait == 1


@given(count=st.integers(min_value=1, max_value=1000), limit=st.integers(min_value=1, max_value=1000))
def test_a_hit_passes_exactly_while_the_count_is_within_the_limit(count, limit):
    decision = decide(count, Rate(limit, 60), now=0.0)
    assert decision.allowed == (count <= limit)
    assert decision.remaining == max(0, limit - count)
