"""Live events: stored with the change that caused them, then sent to every screen of the session.

The row is written in the caller's transaction; the broadcast happens only after the commit, so a screen
never shows a card the database does not have. A lost broadcast costs nothing: screens catch up by
asking for the events after the last number they saw. Numbers are contiguous per session, so a screen that
receives 7 after 5 knows it missed 6 (broadcasts may overtake each other) and asks for it.
"""

import asyncio
import logging
import os
import threading

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models import F

from .models import LiveEvent, Session

logger = logging.getLogger(__name__)


def group_name(session_id: int) -> str:
    return f"live.session.{session_id}"


def as_message(event: LiveEvent) -> dict:
    return {"id": event.seq, "kind": event.kind, "data": event.payload}


def emit(*, session: Session, kind: str, payload: dict) -> LiveEvent:
    """Store the event with the session's next number. Must run inside the writing transaction: the
    UPDATE holds the session row until commit, so numbers are contiguous and committed in order."""
    Session.objects.filter(pk=session.pk).update(event_seq=F("event_seq") + 1)
    seq = Session.objects.filter(pk=session.pk).values_list("event_seq", flat=True).get()
    event = LiveEvent.objects.create(session=session, seq=seq, kind=kind, payload=payload)
    message = as_message(event)
    transaction.on_commit(lambda: broadcast(session_id=session.pk, message=message))
    return event


def broadcast(*, session_id: int, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return

    def send() -> None:
        try:
            async_to_sync(layer.group_send)(group_name(session_id), {"type": "live.event", "event": message})
        except Exception:  # the write is safe in the database; screens will catch up on reconnect
            logger.exception("broadcast to session %s failed", session_id)

    server_loop = _server_loop()
    if server_loop is not None:
        # Inside the ASGI server (a sync view in asgiref's worker thread): hand the send to the server's
        # event loop and answer the request at once instead of waiting for every screen.
        payload = {"type": "live.event", "event": message}
        future = asyncio.run_coroutine_threadsafe(layer.group_send(group_name(session_id), payload), server_loop)
        future.add_done_callback(_log_failure)
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send()  # a management command, a test: no event loop here
    else:
        # Called from code that runs inside an event loop's thread (a script, a shell): send beside it.
        threading.Thread(target=send, daemon=True).start()


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The ASGI server's event loop when this thread runs a sync view for it (asgiref records it)."""
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(local, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


def _log_failure(future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("broadcast failed: %s", future.exception())
