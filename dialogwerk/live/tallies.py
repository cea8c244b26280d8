"""Dot tallies for the walls, and the number of a vote's options for the phones: coalesced snapshots
instead of an event per dot or card.

At the pace of a full room (300 people placing 5 dots within a minute) an event per dot was 1,500 of
2,400 events, each numbered under the session's lock and sent to every screen. A dot now only marks its
vote as changed; at most SNAPSHOTS_PER_SECOND times a second each app process reads the vote's counts once
and sends them to the walls (phones show no tallies). Snapshots carry no event number: a lost one costs
nothing, the next one (or the one a wall gets when it connects) carries the whole state. Each carries the
time it was read (`as_of`), so a wall that gets two from different processes out of order keeps the newer.
With several app processes (Redis), the first to claim a vote's snapshot reads it for all of them; the
others try again after the interval, so the last dot still reaches the walls (at most SNAPSHOTS_PER_SECOND
reads in all, not per process: each read counts and ranks every dot of the vote).

Phones list a vote's options a page at a time; while a vote over all cards is open, each new card only
tells them, at most every OPTIONS_NOTICE_SECONDS, how many options there are now ("options"), and a phone
shows "Weitere anzeigen" for the new ones. Sending each card to 1,000 phones was what a big room could
not carry. Each process tells its own phones (`consumers.Hub`), from the card events it relays.
"""

import asyncio
import logging
import time
import weakref

from django.core.cache import cache
from django.db import transaction

from . import events, selectors
from .db_threads import in_db_thread
from .models import DotVoting, Subject

SNAPSHOTS_PER_SECOND = 4
OPTIONS_NOTICE_SECONDS = 2.0
logger = logging.getLogger(__name__)


def snapshot_message(voting: DotVoting) -> dict:
    as_of = time.time()  # taken before reading: a later as_of has seen at least the same commits
    return {"kind": "tally", "data": selectors.tally_snapshot(voting=voting) | {"as_of": as_of}}


def _read_tally(voting_id: int) -> tuple[int, dict] | None:
    voting = DotVoting.objects.filter(pk=voting_id).first()
    return None if voting is None else (voting.session_id, snapshot_message(voting))


def options_message(session_id: int) -> dict | None:
    """How many options the session's open vote over all cards has now (None: no such vote)."""
    voting = DotVoting.objects.filter(
        session_id=session_id, is_open=True, subject=Subject.CARDS, all_cards=True
    ).first()
    if voting is None:
        return None
    return {"kind": "options", "data": {"voting": voting.pk, "total": selectors.voting_options(voting=voting).count()}}


BUSY = "busy"  # another app process claimed this snapshot: it reads and sends it for every process


def _read_once(read, arg: int, key: tuple, interval: float):
    """`read(arg)`, unless another app process claimed the same snapshot less than `interval` ago (BUSY).
    Without Redis the cache is this process's own: no other process to leave it to, always read."""
    claim = getattr(cache, "claim", None)
    if claim is not None and not claim(f"live.snapshot.{key[0]}.{key[1]}", round(interval * 1000)):
        return BUSY
    return read(arg)


def dot_changed(*, voting: DotVoting) -> None:
    """Call inside the transaction that placed or took back a dot: the walls hear of it after the commit."""
    transaction.on_commit(lambda: _changed(("tally", voting.pk), 1.0 / SNAPSHOTS_PER_SECOND, _read_tally, voting.pk))


def _changed(key: tuple, interval: float, read, arg: int) -> None:
    loop = events.server_loop()
    if loop is None:  # a test, a command: no server to coalesce in, send at once
        found = read(arg)
        if found is not None:
            events.broadcast(session_id=found[0], message=found[1])
        return
    loop.call_soon_threadsafe(_Coalescer.of(loop).mark, key, interval, read, arg)


class _Coalescer:
    """One per event loop (app process): for each key with news, one snapshot after at most `interval`."""

    _by_loop: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Coalescer]" = weakref.WeakKeyDictionary()

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.scheduled: set[tuple] = set()
        self.last_sent: dict[tuple, float] = {}

    @classmethod
    def of(cls, loop) -> "_Coalescer":
        if loop not in cls._by_loop:
            cls._by_loop[loop] = cls(loop)
        return cls._by_loop[loop]

    def mark(self, key: tuple, interval: float, read, arg: int) -> None:
        if key in self.scheduled:
            return  # the snapshot already due will include this change
        self.scheduled.add(key)
        due = self.last_sent.get(key, 0.0) + interval
        self.loop.call_later(
            max(0.0, due - self.loop.time()), lambda: asyncio.ensure_future(self._send(key, interval, read, arg))
        )

    FORGET_AFTER = 60.0  # seconds: a key not sent for this long needs no spacing any more
    KEEP_AT_MOST = 256

    def forget_old(self) -> None:
        """Drop the send times of rooms long quiet, so that a process serving evening after evening keeps
        only those of the rooms live now."""
        if len(self.last_sent) > self.KEEP_AT_MOST:
            horizon = self.loop.time() - self.FORGET_AFTER
            self.last_sent = {key: sent for key, sent in self.last_sent.items() if sent > horizon}

    async def _send(self, key: tuple, interval: float, read, arg: int) -> None:
        # Unmarked before reading: a change committed while we read schedules the next snapshot.
        self.scheduled.discard(key)
        self.forget_old()
        self.last_sent[key] = self.loop.time()
        try:
            found = await in_db_thread(_read_once, read, arg, key, interval)
            if found is BUSY:  # another process reads now; it may have read before our change: once more later
                self.mark(key, interval, read, arg)
            elif found is not None:
                await events.send_to_screens(session_id=found[0], message=found[1])
        except Exception:  # the change is safe in the database; the next snapshot carries it
            logger.exception("live snapshot %s failed", key)
