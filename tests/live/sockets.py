"""Helpers of the socket tests: a screen on the live socket, a scenario in a loop of its own, a card."""

from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from dialogwerk.asgi import application
from dialogwerk.live import services

HEADERS = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]


def run(scenario):
    """Run an async scenario in a thread of its own: the browser tests keep an event loop in the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(async_to_sync(scenario)).result(timeout=60)


def screen(code: str, query: str = "") -> WebsocketCommunicator:
    return WebsocketCommunicator(application, f"/ws/live/{code}/" + (f"?{query}" if query else ""), headers=HEADERS)


async def receive_events(socket, count: int) -> list[dict]:
    """The next `count` events: a frame holds one event, or several as a JSON array (a backlog, a burst)."""
    received = []
    while len(received) < count:
        frame = await socket.receive_json_from(timeout=5)
        received += frame if isinstance(frame, list) else [frame]
    return received


def write(session, participant, text):
    theme = session.dialogue.themes.order_by("position").first()
    card, _ = services.contribution_submit(
        session=session, participant=participant, kind="idea", theme_id=theme.pk, text=text, idempotency_key=text
    )
    return card
