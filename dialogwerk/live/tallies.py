"""Dot tallies for the walls: coalesced snapshots instead of an event per dot.

At the pace of a full room (300 people placing 5 dots within a minute) an event per dot was 1,500 of
2,400 events, each numbered under the session's lock and sent to every screen. A dot now only marks its
vote as changed; at most SNAPSHOTS_PER_SECOND times a second each app process reads the vote's counts once
and sends them to the walls (phones show no tallies). Snapshots carry no event number: a lost one costs
nothing, the next one (or the one a wall gets when it connects) carries the whole state. Each carries the
time it was read (`as_of`), so a wall that gets two from different processes out of order keeps the newer.
"""

import asyncio
import logging
import time
import weakref

from django.db import transaction

from . import events, selectors
from .db_threads import in_db_thread
from .models import DotVoting

SNAPSHOTS_PER_SECOND = 4
logger = logging.getLogger(__name__)


def snapshot_message(voting: DotVoting) -> dict:
    as_of = time.time()  # taken before reading: a later as_of has seen at least the same commits
    return {"kind": "tally", "data": selectors.tally_snapshot(voting=voting) | {"as_of": as_of}}


def _read(voting_id: int) -> tuple[int, dict] | None:
    voting = DotVoting.objects.filter(pk=voting_id).first()
    return None if voting is None else (voting.session_id, snapshot_message(voting))


def dot_changed(*, voting: DotVoting) -> None:
    """Call inside the transaction that placed or took back a dot: the walls hear of it after the commit."""
    transaction.on_commit(lambda: _changed(voting.pk, voting.session_id))


def _changed(voting_id: int, session_id: int) -> None:
    loop = events.server_loop()
    if loop is None:  # a test, a command: no server to coalesce in, send at once
        found = _read(voting_id)
        if found is not None:
            events.broadcast(session_id=session_id, message=found[1])
        return
    loop.call_soon_threadsafe(_Coalescer.of(loop).mark, voting_id)


class _Coalescer:
    """One per event loop (app process): for each vote with new dots, a snapshot after at most 1/N s."""

    _by_loop: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Coalescer]" = weakref.WeakKeyDictionary()

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.scheduled: set[int] = set()
        self.last_sent: dict[int, float] = {}

    @classmethod
    def of(cls, loop) -> "_Coalescer":
        if loop not in cls._by_loop:
            cls._by_loop[loop] = cls(loop)
        return cls._by_loop[loop]

    def mark(self, voting_id: int) -> None:
        if voting_id in self.scheduled:
            return  # the snapshot already due will include this dot
        self.scheduled.add(voting_id)
        due = self.last_sent.get(voting_id, 0.0) + 1.0 / SNAPSHOTS_PER_SECOND
        self.loop.call_later(max(0.0, due - self.loop.time()), lambda: asyncio.ensure_future(self._send(voting_id)))

    async def _send(self, voting_id: int) -> None:
        # Unmarked before reading: a dot committed while we read schedules the next snapshot.
        self.scheduled.discard(voting_id)
        self.last_sent[voting_id] = self.loop.time()
        try:
            found = await in_db_thread(_read, voting_id)
            if found is not None:
                session_id, message = found
                await events.send_to_screens(session_id=session_id, message=message)
        except Exception:  # the dots are safe in the database; the next snapshot carries them
            logger.exception("tally snapshot of vote %s failed", voting_id)
