"""With several app processes (Redis), a vote's tally snapshot is read by the first process to claim it, for
all of them; the others try again after the interval, so the last dot still reaches the walls."""

import asyncio
import time

import pytest
from django.conf import settings
from django.core.cache import cache

from dialogwerk.live import tallies
from dialogwerk.live.tallies import BUSY, _Coalescer, _read_once

needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="app processes share claims through Redis")


@needs_redis
def test_a_second_process_leaves_the_snapshot_to_the_first_until_the_interval_is_over():
    key = ("tally", 900_000 + int(time.time() * 1000) % 100_000)  # a vote no other test claims
    reads = []
    assert _read_once(reads.append, 1, key, 0.3) is None and reads == [1]  # the first claims and reads
    assert _read_once(reads.append, 2, key, 0.3) is BUSY and reads == [1]  # the other, right after, does not
    time.sleep(0.4)
    assert _read_once(reads.append, 3, key, 0.3) is None and reads == [1, 3]


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="without Redis there is one app process")
def test_one_process_alone_reads_every_snapshot_itself():
    reads = []
    key = ("tally", 1)
    assert _read_once(reads.append, 1, key, 0.3) is None
    assert _read_once(reads.append, 2, key, 0.3) is None
    assert reads == [1, 2]


@needs_redis
def test_a_process_that_found_the_snapshot_claimed_reads_it_after_the_interval(monkeypatch):
    """Its dot may have come after the other process's read: it must not be left out of the walls for good."""
    key = ("tally", 800_000 + int(time.time() * 1000) % 100_000)
    assert cache.claim(f"live.snapshot.{key[0]}.{key[1]}", 300)  # another process is reading right now
    read_at = []
    monkeypatch.setattr(tallies, "in_db_thread", lambda function, *args: _now(function(*args)))

    async def run():
        coalescer = _Coalescer(asyncio.get_running_loop())
        started = time.monotonic()
        coalescer.mark(key, 0.3, lambda arg: read_at.append(time.monotonic() - started), key[1])
        await asyncio.sleep(1.0)

    asyncio.run(run())
    assert len(read_at) == 1 and read_at[0] >= 0.29  # once, after the other's claim ran out


async def _now(value):
    return value
