"""The participant API's database work runs on a few threads of its own (`live.db_threads`): there it must
still speak the request's language, find the server's event loop (to send after the commit) and keep its
cache objects from one request to the next (a new one each time opened a Redis connection per write)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.utils import translation

from dialogwerk.live import db_threads, events


@pytest.fixture
def one_db_thread(monkeypatch):
    """One real database thread instead of the tests' own thread (tests/live/conftest.py)."""
    executor = ThreadPoolExecutor(max_workers=1)
    monkeypatch.setattr(db_threads, "DB_THREADS", executor)
    yield
    executor.shutdown(wait=True)


def test_the_database_thread_speaks_the_request_language_and_knows_the_server_loop(one_db_thread):

    def in_the_thread():
        return translation.get_language(), events.server_loop()

    async def request():
        with translation.override("fa"):
            return await db_threads.in_db_thread(in_the_thread), asyncio.get_running_loop()

    (language, loop_seen), loop = asyncio.run(request())
    assert language == "fa" and loop_seen is loop


def test_the_database_thread_keeps_its_cache_from_one_request_to_the_next(one_db_thread):

    async def requests():
        return [await db_threads.in_db_thread(lambda: id(caches["default"])) for _ in range(3)]

    assert len(set(asyncio.run(requests()))) == 1
