"""The few threads the live event's database work runs on.

Django gives every sync request a thread (and a database connection) of its own: 300 phones at once would
open 300 connections, more than PostgreSQL allows. The participant API's reads and writes, and the walls'
tally snapshots, queue for a handful of connections here instead. SQLite writes one transaction at a time
anyway, and a second writer that finds it busy sleeps in growing steps before it tries again (1, 2, 5 …
100 ms): one thread queues them without those sleeps (300 participants on a busy machine: submit p95 0.7 s
instead of 2 s).
"""

import os
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection

_DEFAULT_DB_THREADS = "1" if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") else "4"
# None (tests): the caller's own thread, inside the test's transaction.
DB_THREADS: ThreadPoolExecutor | None = ThreadPoolExecutor(
    max_workers=int(os.environ.get("LIVE_DB_THREADS", _DEFAULT_DB_THREADS)), thread_name_prefix="live-db"
)


def _with_connection(function):
    """Each pool thread keeps its connection (opening one per request costs PostgreSQL a process fork);
    a connection that saw an error and no longer works is replaced."""

    def run(*args, **kwargs):
        if connection.connection is not None and connection.errors_occurred and not connection.is_usable():
            connection.close()
        try:
            return function(*args, **kwargs)
        finally:
            if connection.errors_occurred and not connection.is_usable():
                connection.close()

    return run


async def in_db_thread(function, *args, **kwargs):
    if DB_THREADS is None:
        return await sync_to_async(function)(*args, **kwargs)
    return await sync_to_async(_with_connection(function), thread_sensitive=False, executor=DB_THREADS)(*args, **kwargs)
