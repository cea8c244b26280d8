"""The tally snapshots' spacing (live/tallies.py) remembers when each room last got one; a process that
serves evening after evening keeps only the rooms live now, not every room since it started."""

import asyncio

from dialogwerk.live.tallies import _Coalescer


def test_send_times_of_long_quiet_rooms_are_forgotten_and_live_ones_kept():
    loop = asyncio.new_event_loop()
    try:
        coalescer = _Coalescer(loop)
        now = loop.time()
        coalescer.last_sent = {("voting", n): now - 3600 for n in range(1000)}  # last month's rooms
        coalescer.last_sent[("voting", 5000)] = now - 1  # tonight's room, still spacing its snapshots
        coalescer.forget_old()
        assert coalescer.last_sent == {("voting", 5000): now - 1}
        few = {("voting", n): now - 3600 for n in range(10)}
        coalescer.last_sent = dict(few)
        coalescer.forget_old()  # a handful costs nothing to keep
        assert coalescer.last_sent == few
    finally:
        loop.close()
