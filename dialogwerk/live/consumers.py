"""The live socket: every screen of a session (wall, participant phones, console) gets its events.

A client that lost its connection reconnects with `?since=<last event id>` (or sends
{"type": "since", "id": …, "until": …} for just the missing range) and first receives what it missed, then
the live stream. Events carry their id, so a client drops the few it may receive twice around the switch.

Audiences: a phone connects with `?for=phone` and gets only the events a phone shows (events.PHONE_KINDS)
and, during a vote over all cards, how many options there are; walls and consoles get every event and the
tally snapshots (tallies.py).

Each app process subscribes once per session to the live channel layer's group (a `Hub`; with Redis, a
pub/sub subscription) and hands every event to its own sockets, encoded once: with 300 phones listening,
an event is one message from Redis per process instead of one per phone. Every socket sends from a queue of
its own, so a phone whose network vanished holds back nobody else; what queued up meanwhile goes out as one
frame (a JSON array).
"""

import asyncio
import json
import logging
import weakref
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.http import Http404

from dialogwerk.core import metrics

from . import selectors, tallies
from .db_threads import in_db_thread
from .events import as_message, group_name
from .models import Session

REPLAY_LIMIT = 2000
# Frames a second one process sends its phones to tell them how many options a vote over all cards has now.
OPTIONS_NOTICES_PER_SECOND = 100
# Events queued for a socket go out together, up to this many in one frame.
BATCH_LIMIT = 50
# Events queued for one socket that does not take them: past this it is closed (once its send returns) and
# gets nothing more; the client reconnects and catches up by number. Bounds the memory a dead phone holds.
OUTBOX_LIMIT = 1000
CLOSE_TOO_SLOW = 4008
logger = logging.getLogger(__name__)


class Hub:
    """This process's subscription to one session's events, and the sockets it serves."""

    def __init__(self, layer, session_id: int, hubs: dict):
        self.layer, self.session_id, self.hubs = layer, session_id, hubs
        self.key = (id(layer), session_id)
        self.screens: set["LiveConsumer"] = set()
        self.channel: str | None = None
        self.subscribed: asyncio.Future | None = None
        self.relay_task: asyncio.Task | None = None
        self.options_due: asyncio.TimerHandle | None = None
        self.options_sent_at = 0.0

    async def join(self, screen: "LiveConsumer") -> None:
        """Returns once events of the session reach `screen` (so that a backlog read afterwards misses nothing)."""
        self.screens.add(screen)
        if self.subscribed is None or _failed(self.subscribed):  # no await before this: one subscription
            self.subscribed = asyncio.ensure_future(self._subscribe())
        try:
            await asyncio.shield(self.subscribed)
        except BaseException:  # Redis unreachable: the socket is refused, the client tries again
            await self.leave(screen)
            raise

    async def _subscribe(self) -> None:
        channel = await self.layer.new_channel("live-hub")
        await self.layer.group_add(group_name(self.session_id), channel)
        self.channel = channel
        self.relay_task = asyncio.ensure_future(self._relay())

    async def _relay(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis gone for a moment: screens notice the gap by number and ask for it
                logger.exception("live hub of session %s lost the channel layer; subscribing again", self.session_id)
                await asyncio.sleep(1.0)
                try:
                    await self.layer.group_add(group_name(self.session_id), self.channel)
                except Exception:
                    logger.exception("live hub of session %s could not subscribe", self.session_id)
                continue
            event = message.get("event")
            if not isinstance(event, dict):
                continue
            text = json.dumps(event)
            # The events a phone shows name the phone event before them.
            to_phones = "prev" in event
            for screen in list(self.screens):
                if to_phones or not screen.phone:
                    screen.deliver(event.get("id"), text)
            if event.get("kind") == "card":
                self._options_changed()

    def _options_changed(self) -> None:
        """A card came or changed: this process's phones hear how many options the open vote over all cards
        has now — at most every OPTIONS_NOTICE_SECONDS, and less often the more phones this process serves
        (at most OPTIONS_NOTICES_PER_SECOND frames a second). Each process tells only its own phones: a
        notice through the channel layer reached every phone once per process."""
        if self.options_due is not None:
            return  # the notice already due will carry this card too
        phones = sum(1 for screen in self.screens if screen.phone)
        if not phones:
            return
        loop = asyncio.get_running_loop()
        interval = max(tallies.OPTIONS_NOTICE_SECONDS, phones / OPTIONS_NOTICES_PER_SECOND)
        self.options_due = loop.call_later(
            max(0.0, self.options_sent_at + interval - loop.time()),
            lambda: asyncio.ensure_future(self._send_options()),
        )

    async def _send_options(self) -> None:
        # Due no more before reading: a card committed while we read schedules the next notice.
        self.options_due = None
        self.options_sent_at = asyncio.get_running_loop().time()
        try:
            found = await in_db_thread(tallies.options_message, self.session_id)
        except Exception:  # the cards are safe in the database; the next notice carries the count
            logger.exception("options notice of session %s failed", self.session_id)
            return
        if found is not None:
            text = json.dumps(found)
            for screen in list(self.screens):
                if screen.phone:
                    screen.deliver(None, text)

    async def leave(self, screen: "LiveConsumer") -> None:
        self.screens.discard(screen)
        if self.screens or self.hubs.get(self.key) is not self:
            return
        del self.hubs[self.key]  # a screen arriving from now on starts a new hub
        if self.options_due is not None:
            self.options_due.cancel()
        if self.subscribed is not None and not self.subscribed.done():
            await asyncio.wait([self.subscribed])  # a subscription under way: undo it once it exists
        if self.relay_task is not None:
            self.relay_task.cancel()
        if self.channel is not None:
            try:
                await self.layer.group_discard(group_name(self.session_id), self.channel)
            except Exception:  # Redis gone: the group entry expires by itself
                logger.warning("live hub of session %s could not unsubscribe", self.session_id, exc_info=True)


def _failed(future: asyncio.Future) -> bool:
    return future.done() and (future.cancelled() or future.exception() is not None)


# Per event loop: tests run one loop after another in the same process, and a hub's tasks belong to one.
_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict]" = weakref.WeakKeyDictionary()


def hubs_of_this_loop() -> dict:
    return _hubs.setdefault(asyncio.get_running_loop(), {})


def hub_for(layer, session_id: int) -> Hub:
    hubs = hubs_of_this_loop()
    hub = hubs.get((id(layer), session_id))
    if hub is None:
        hub = Hub(layer, session_id, hubs)
        hubs[hub.key] = hub
    return hub


@database_sync_to_async
def _session_id(code: str) -> int | None:
    try:
        return selectors.get_session_by_code(code=code).pk
    except Http404:
        return None


@database_sync_to_async
def _missed(session_id: int, since: int, until: int | None, phone: bool) -> list[dict]:
    session = Session(pk=session_id)
    found = selectors.events_since(session=session, last_id=since, limit=REPLAY_LIMIT, until=until, phones=phone)
    return [as_message(event) for event in found]


@database_sync_to_async
def _tally(session_id: int) -> dict | None:
    """The current (or last) vote's tally: a wall that (re)connects starts from the whole state."""
    voting = selectors.current_voting(session=Session(pk=session_id))
    return None if voting is None else tallies.snapshot_message(voting)


class LiveConsumer(AsyncJsonWebsocketConsumer):
    # No channel per socket: events come from the hub (a channel each would cost a receive per socket).
    channel_layer_alias = None
    session_id: int | None = None
    hub: Hub | None = None
    outbox: asyncio.Queue | None = None
    sender: asyncio.Task | None = None
    too_slow = False
    replayed_up_to = 0
    phone = False

    async def connect(self):
        self.session_id = await _session_id(self.scope["url_route"]["kwargs"]["code"])
        if self.session_id is None:
            await self.close(code=4404)
            return
        self.outbox = asyncio.Queue()
        # Subscribe before accepting and before reading the backlog: a screen that sees its socket open gets
        # every later event, and nothing falls between the backlog and the live stream. Live events wait in
        # the outbox meanwhile, so the backlog goes out first and in order.
        query = parse_qs(self.scope.get("query_string", b"").decode())
        self.phone = query.get("for", [""])[0] == "phone"
        self.hub = hub_for(get_channel_layer(settings.LIVE_CHANNEL_LAYER), self.session_id)
        await self.hub.join(self)
        await self.accept()
        metrics.websocket_opened(self)
        since = query.get("since", [""])[0]
        if since.isdigit():
            self.replayed_up_to = await self.replay(int(since))
        if not self.phone:
            tally = await _tally(self.session_id)
            if tally is not None:
                await self.send_json(tally)
        self.sender = asyncio.ensure_future(self._send_outbox())

    def deliver(self, seq, text: str) -> None:
        """Queue a live event for this socket (called by the hub; never waits)."""
        if self.too_slow:
            return
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            self.too_slow = True
            self.outbox = asyncio.Queue()  # drop what it did not take; the sender closes the socket next
            self.outbox.put_nowait((None, None))
            logger.info("live socket of session %s closed: %s events waiting", self.session_id, OUTBOX_LIMIT)
            return
        self.outbox.put_nowait((seq, text))

    async def _send_outbox(self) -> None:
        try:
            while True:
                batch = [await self.outbox.get()]
                while len(batch) < BATCH_LIMIT and not self.outbox.empty():
                    batch.append(self.outbox.get_nowait())
                texts = []
                for seq, text in batch:
                    if text is None:
                        await self.close(code=CLOSE_TOO_SLOW)
                        return
                    if not (isinstance(seq, int) and seq <= self.replayed_up_to):  # else: went out with the backlog
                        texts.append(text)
                if texts:
                    await self.send(text_data=texts[0] if len(texts) == 1 else "[" + ",".join(texts) + "]")
        except asyncio.CancelledError:
            raise
        except Exception:  # the socket is closing; its disconnect cleans up
            logger.debug("live socket of session %s stopped sending", self.session_id, exc_info=True)

    async def disconnect(self, code):
        if self.sender is not None:
            self.sender.cancel()
        if self.hub is not None:
            metrics.websocket_closed(self)
            await self.hub.leave(self)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict):
            return
        if content.get("type") == "since" and str(content.get("id", "")).isdigit():
            until = str(content.get("until", ""))
            await self.replay(int(content["id"]), int(until) if until.isdigit() else None)
        elif content.get("type") == "ping":
            await self.send_json({"kind": "pong"})

    async def replay(self, since: int, until: int | None = None) -> int:
        """Send the events after `since` (up to `until`) in one frame, then {"kind": "caught_up"}; returns the
        last id sent."""
        missed = await _missed(self.session_id, since, until, self.phone)
        last = missed[-1]["id"] if missed else since
        await self.send(text_data=json.dumps(missed + [{"kind": "caught_up", "id": last}]))
        return last
