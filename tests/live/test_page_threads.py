"""Pages served by the real ASGI application run on a few long-lived threads that keep their database
connection: a room's phones loading their page do not each open one (on PostgreSQL a process forked per page),
and however many pages are asked for at once, no more than PAGE_THREADS connections serve them."""

import asyncio
import threading

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.db import connection
from django.db.backends.signals import connection_created

from dialogwerk.asgi import application, pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def opened(monkeypatch):
    """The threads that opened a database connection while the test ran; connections kept as deployed."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    threads: list[str] = []

    def record(sender, connection, **kwargs):
        threads.append(threading.current_thread().name)

    pages.close_connections()
    connection_created.connect(record)
    yield threads
    connection_created.disconnect(record)
    pages.close_connections()


def _pages(path: str, count: int, at_once: bool) -> list[int]:
    async def one():
        communicator = HttpCommunicator(application, "GET", path, headers=[(b"host", b"127.0.0.1")])
        response = await communicator.get_response(timeout=20)
        await communicator.wait(timeout=20)
        return response["status"]

    async def scenario():
        if at_once:
            return list(await asyncio.gather(*(one() for _ in range(count))))
        return [await one() for _ in range(count)]

    return async_to_sync(scenario)()


def test_a_page_after_a_page_uses_the_connection_already_open(session, opened):
    assert _pages(f"/j/{session.code}/", 5, at_once=False) == [200] * 5
    assert len(opened) == 1 and opened[0].startswith("page-")


def test_many_pages_at_once_never_open_more_connections_than_page_threads(session, opened, settings):
    assert _pages(f"/j/{session.code}/", settings.PAGE_THREADS + 6, at_once=True) == [200] * (settings.PAGE_THREADS + 6)
    assert 1 <= len(opened) <= settings.PAGE_THREADS and all(name.startswith("page-") for name in opened)
