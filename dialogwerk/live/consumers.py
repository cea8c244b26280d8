"""The live socket: every screen of a session (wall, participant phones, console) gets its events.

A client that lost its connection reconnects with `?since=<last event id>` (or sends
{"type": "since", "id": …}) and first receives what it missed, then the live stream. Events carry their
id, so a client drops the few it may receive twice around the switch.
"""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import Http404

from dialogwerk.core import metrics

from . import selectors
from .events import as_message, group_name

REPLAY_LIMIT = 2000


@database_sync_to_async
def _session_id(code: str) -> int | None:
    try:
        return selectors.get_session_by_code(code=code).pk
    except Http404:
        return None


@database_sync_to_async
def _missed(session_id: int, since: int) -> list[dict]:
    from .models import Session

    session = Session(pk=session_id)
    return [as_message(event) for event in selectors.events_since(session=session, last_id=since, limit=REPLAY_LIMIT)]


class LiveConsumer(AsyncJsonWebsocketConsumer):
    session_id: int | None = None

    async def connect(self):
        self.session_id = await _session_id(self.scope["url_route"]["kwargs"]["code"])
        if self.session_id is None:
            await self.close(code=4404)
            return
        # Join the group before reading the backlog: nothing can fall between the two.
        await self.channel_layer.group_add(group_name(self.session_id), self.channel_name)
        await self.accept()
        metrics.websocket_opened(self)
        query = parse_qs(self.scope.get("query_string", b"").decode())
        since = query.get("since", [""])[0]
        if since.isdigit():
            await self.replay(int(since))

    async def disconnect(self, code):
        metrics.websocket_closed(self)
        if self.session_id is not None:
            await self.channel_layer.group_discard(group_name(self.session_id), self.channel_name)

    async def receive_json(self, content, **kwargs):
        if isinstance(content, dict) and content.get("type") == "since" and str(content.get("id", "")).isdigit():
            await self.replay(int(content["id"]))
        elif isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"kind": "pong"})

    async def replay(self, since: int) -> None:
        missed = await _missed(self.session_id, since)
        for message in missed:
            await self.send_json(message)
        await self.send_json({"kind": "caught_up", "id": missed[-1]["id"] if missed else since})

    async def live_event(self, message):
        await self.send_json(message["event"])
