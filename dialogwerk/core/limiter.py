"""Rate-limit arithmetic, without Django: parse a rate ("10/15m") and place a moment in its time window.

A fixed window: the count of hits in the current window is compared with the limit; the window's end is
when the caller may try again. `dialogwerk.core.ratelimit` keeps the counts in Django's cache.
"""

import math
import re
from dataclasses import dataclass

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(?P<count>\d+)\s*/\s*(?P<multiple>\d*)\s*(?P<unit>[smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    def __post_init__(self) -> None:
        if self.limit < 1 or self.period < 1:
            raise ValueError("a rate needs a limit and a period of at least 1")


def parse_rate(text: str) -> Rate:
    """'5/m' → 5 per 60 s; '10/15m' → 10 per 900 s; units s, m, h, d."""
    match = RATE.match(text)
    if not match:
        raise ValueError(f"not a rate: {text!r} (expected e.g. '10/m' or '5/15m')")
    multiple = int(match["multiple"]) if match["multiple"] else 1
    return Rate(limit=int(match["count"]), period=multiple * UNITS[match["unit"]])


def window_of(now: float, period: int) -> int:
    """The number of the window `now` (seconds since the epoch) falls in."""
    return math.floor(now / period)


def seconds_left(now: float, period: int) -> int:
    """Whole seconds until the current window ends (at least 1, so Retry-After is never 0)."""
    end = (window_of(now, period) + 1) * period
    return max(1, math.ceil(end - now))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds; meaningful when not allowed

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)


def decide(count: int, rate: Rate, now: float) -> Decision:
    """Given the hits in this window (including the current one), may it pass?"""
    return Decision(
        allowed=count <= rate.limit, count=count, limit=rate.limit, retry_after=seconds_left(now, rate.period)
    )
