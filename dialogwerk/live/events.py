"""Live events: stored with the change that caused them, then sent to the screens of the session.

The row is written in the caller's transaction; the broadcast happens only after the commit, so a screen
never shows a card the database does not have. A lost broadcast costs nothing: screens catch up by
asking for the events after the last number they saw. Numbers are contiguous per session, so a wall that
receives 7 after 5 knows it missed 6 (broadcasts may overtake each other) and asks for it.

Audiences: walls and consoles get every event; phones only what a phone shows (PHONE_KINDS). A phone event
names the phone event before it (`prev`), so a phone tells a gap in its own stream from the cards it was
never meant to get. Dots are no events at all: the walls get coalesced tally snapshots (tallies.py).
"""

import asyncio
import logging
import os
import threading

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import LiveEvent, Session

logger = logging.getLogger(__name__)


def group_name(session_id: int) -> str:
    return f"live.session.{session_id}"


# What a phone shows of the room: the step and its timer, and a vote opening or closing (with its result).
# Not the cards of others: during a vote a phone hears only how many options there are (tallies.py).
PHONE_KINDS = frozenset({"session", "vote.opened", "vote.closed"})


def as_message(event: LiveEvent) -> dict:
    message = {"id": event.seq, "kind": event.kind, "data": event.payload}
    if event.phone_prev is not None:
        message["prev"] = event.phone_prev
    return message


def emit(*, session: Session, kind: str, payload: dict) -> LiveEvent:
    """Store the event with the session's next number. Must run inside the writing transaction, as its last
    statement: taking the number locks the session row until commit, so numbers are contiguous and
    committed in order — and every write of the session waits for that lock, so it is taken as late and
    held as briefly as possible (one statement, then COMMIT)."""
    event = LiveEvent(session=session, kind=kind, payload=payload, created_at=timezone.now())
    event.pk, event.seq, event.phone_prev = _numbered_insert(event)
    event._state.adding, event._state.db = False, connection.alias
    message = as_message(event)
    transaction.on_commit(lambda: broadcast(session_id=session.pk, message=message))
    return event


def _numbered_insert(event: LiveEvent) -> tuple[int, int, int | None]:
    """Increment the session's counters and insert the event with its number; returns (id, seq, phone_prev).

    A phone event also moves the session's phone counter, keeping the previous value beside it: in an
    UPDATE every SET expression reads the row as it was, so both come from the one locked row."""
    session_table, event_table = Session._meta.db_table, LiveEvent._meta.db_table
    payload = LiveEvent._meta.get_field("payload").get_db_prep_save(event.payload, connection)
    created_at = LiveEvent._meta.get_field("created_at").get_db_prep_save(event.created_at, connection)
    phones = event.kind in PHONE_KINDS
    counters = (
        f"UPDATE {session_table} SET event_seq = event_seq + 1, "
        "phone_event_prev = CASE WHEN %s THEN phone_event_seq ELSE phone_event_prev END, "
        "phone_event_seq = CASE WHEN %s THEN event_seq + 1 ELSE phone_event_seq END "
        "WHERE id = %s RETURNING event_seq, phone_event_prev"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One round trip while the row is locked (PostgreSQL holds it until COMMIT).
            cursor.execute(
                f"WITH s AS ({counters}) "
                f"INSERT INTO {event_table} (session_id, seq, kind, payload, phone_prev, created_at) "
                "SELECT %s, s.event_seq, %s, %s, CASE WHEN %s THEN s.phone_event_prev END, %s FROM s RETURNING id, seq, phone_prev",
                [phones, phones, event.session_id, event.session_id, event.kind, payload, phones, created_at],
            )
            return cursor.fetchone()
        # SQLite (and others): a write transaction holds the whole database anyway; RETURNING saves a query.
        cursor.execute(counters, [phones, phones, event.session_id])
        seq, phone_prev = cursor.fetchone()
        phone_prev = phone_prev if phones else None
        cursor.execute(
            f"INSERT INTO {event_table} (session_id, seq, kind, payload, phone_prev, created_at) VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
            [event.session_id, seq, event.kind, payload, phone_prev, created_at],
        )
        return cursor.fetchone()[0], seq, phone_prev


def broadcast(*, session_id: int, message: dict) -> None:
    layer = get_channel_layer(settings.LIVE_CHANNEL_LAYER)
    if layer is None:
        return

    def send() -> None:
        try:
            async_to_sync(layer.group_send)(group_name(session_id), {"type": "live.event", "event": message})
        except Exception:  # the write is safe in the database; screens will catch up on reconnect
            logger.exception("broadcast to session %s failed", session_id)

    loop = server_loop()
    if loop is not None:
        # Inside the ASGI server (a sync view in asgiref's worker thread): hand the send to the server's
        # event loop and answer the request at once instead of waiting for every screen.
        payload = {"type": "live.event", "event": message}
        future = asyncio.run_coroutine_threadsafe(layer.group_send(group_name(session_id), payload), loop)
        future.add_done_callback(_log_failure)
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send()  # a management command, a test: no event loop here
    else:
        # Called from code that runs inside an event loop's thread (a script, a shell): send beside it.
        threading.Thread(target=send, daemon=True).start()


async def send_to_screens(*, session_id: int, message: dict) -> None:
    """The same as broadcast, from code running on the server's event loop."""
    layer = get_channel_layer(settings.LIVE_CHANNEL_LAYER)
    if layer is not None:
        await layer.group_send(group_name(session_id), {"type": "live.event", "event": message})


def server_loop() -> asyncio.AbstractEventLoop | None:
    """The ASGI server's event loop when this thread runs a sync view for it (asgiref records it)."""
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(local, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


def _log_failure(future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("broadcast failed: %s", future.exception())
