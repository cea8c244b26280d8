"""One HTTP request through the real ASGI application (`dialogwerk.asgi`), for tests of what is served."""

import re
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.db import connection

from dialogwerk.asgi import application


def asgi_request(method: str, path: str, *, body: bytes = b"", headers: list[tuple[bytes, bytes]] = ()) -> dict:
    """The answer's status, body (bytes), headers (lower-case name → value) and the cookies it sets.

    Runs in a thread of its own (the browser tests keep an event loop in the main thread), waits for the app to
    finish after its response, and closes that thread's database connection (left open, PostgreSQL keeps the
    session and the test database cannot be dropped)."""

    async def scenario():
        communicator = HttpCommunicator(
            application, method, path, body=body, headers=[(b"host", b"127.0.0.1"), *headers]
        )
        response = await communicator.get_response(timeout=10)
        await communicator.wait(timeout=10)
        return response

    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(async_to_sync(scenario)).result(timeout=30)
        # The participant API's handler sends no request_finished (whose receiver closed it): close it here.
        pool.submit(lambda: connection.close()).result(timeout=10)  # that thread's own connection
    raw_headers = response["headers"]
    response["headers"] = {name.decode().lower(): value.decode() for name, value in raw_headers}
    response["cookies"] = dict(
        re.match(r"([^=]+)=([^;]*)", value.decode()).groups()
        for name, value in raw_headers
        if name.lower() == b"set-cookie"
    )
    return response
