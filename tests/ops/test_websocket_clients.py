"""The WebSocket gauge follows the live wall's connections: up on connect, down on disconnect, and a
refused connection (unknown join code) never counts."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from dialogwerk.asgi import application
from dialogwerk.core.metrics import WEBSOCKET_CLIENTS
from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method

pytestmark = pytest.mark.django_db(transaction=True)
HEADERS = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]


def connected_now() -> float:
    return WEBSOCKET_CLIENTS._value.get()


def run(scenario):
    with ThreadPoolExecutor(max_workers=1) as pool:  # the browser tests keep an event loop in the main thread
        return pool.submit(async_to_sync(scenario)).result(timeout=60)


def test_connected_walls_are_counted_while_connected(dialogue, moderator):
    session = live_services.session_create(actor=moderator, dialogue=dialogue, title="Abend", method=Method.WORLD_CAFE)
    start = connected_now()

    async def scenario():
        first = WebsocketCommunicator(application, f"/ws/live/{session.code}/", headers=HEADERS)
        second = WebsocketCommunicator(application, f"/ws/live/{session.code}/", headers=HEADERS)
        assert (await first.connect())[0] and (await second.connect())[0]
        both = connected_now()
        await first.disconnect()
        one = connected_now()
        await second.disconnect()
        return both, one

    both, one = run(scenario)
    assert (both, one, connected_now()) == (start + 2, start + 1, start)


def test_a_refused_connection_is_not_counted():
    start = connected_now()

    async def scenario():
        socket = WebsocketCommunicator(application, "/ws/live/NOPE99/", headers=HEADERS)
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    assert run(scenario) is False
    assert connected_now() == start
