"""A lean Django ASGI handler for token-authenticated JSON APIs that are called hundreds of times a minute.

Django's ASGI handler gives every request a thread of its own (a `ThreadSensitiveContext`), and its
sync-only middleware (WhiteNoise, sessions, CSRF, messages, two-factor) hops into that thread and back
several times. Starting the thread blocks the event loop until the operating system schedules it: on a
busy machine with 300 phones writing, that was a quarter of the event loop's time. The participant API
needs none of that middleware (no session, no cookie login, no HTML), so its requests get this handler:
the request id, metrics and access log, the security headers and the chosen language, all run on the
event loop. Sync code that is still called (Django's request signals, sync views) runs on one long-lived
thread instead of a new one per request; the API's database work has threads of its own
(`live.db_threads.in_db_thread`).
"""

import asyncio
import functools
import weakref
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.core.handlers.base import BaseHandler
from django.core.handlers.exception import convert_exception_to_response
from django.db import connections
from django.middleware.security import SecurityMiddleware
from django.urls import ResolverMatch, get_resolver, set_script_prefix

from .middleware import ChosenLanguageMiddleware, RequestObservabilityMiddleware
from .storable_input import StorableInputMiddleware
from .warmup import freeze_what_a_request_imported


class OnTheEventLoop:
    """For a `MiddlewareMixin` whose hooks do no I/O: run them on the event loop, not in a thread."""

    async def __acall__(self, request):
        response = self.process_request(request) if hasattr(self, "process_request") else None
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response


class SecurityHeadersMiddleware(OnTheEventLoop, SecurityMiddleware):
    pass


class LanguageMiddleware(OnTheEventLoop, ChosenLanguageMiddleware):
    pass


class LeanASGIHandler(ASGIHandler):
    middleware = [
        RequestObservabilityMiddleware,
        SecurityHeadersMiddleware,
        LanguageMiddleware,
        StorableInputMiddleware,
    ]

    def load_middleware(self, is_async=False):
        self._view_middleware, self._template_response_middleware, self._exception_middleware = [], [], []
        handler = convert_exception_to_response(self._get_response_async)
        for middleware in reversed(self.middleware):
            handler = convert_exception_to_response(middleware(handler))
        self._middleware_chain = handler

    async def __call__(self, scope, receive, send):
        # No ThreadSensitiveContext: what must run sync goes to asgiref's one shared thread.
        await self.handle(scope, receive, send)

    async def handle(self, scope, receive, send):
        """Django's `handle` without what this API does not need, all of it on the event loop.

        Django's sends `request_started` and `request_finished` from asgiref's shared thread (two hops there and
        back per request; their receivers close that thread's database connections, and this API's work has its
        own: `live.db_threads`), and watches for the client leaving in a second task, to cancel the view. A
        participant's write runs to its end on a database thread anyway, and its client repeats it with the
        same key. At 1,000 phones those hops and tasks were a tenth of an app process's CPU (py-spy)."""
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(get_script_prefix(scope))
        request, response = self.create_request(scope, body_file)
        if request is not None:
            response = await self.run_get_response(request)
        try:
            await self.send_response(response, send)
        finally:
            body_file.close()

    def resolve_request(self, request):
        # No middleware here sets request.urlconf: the default URLconf always.
        match = _resolved(get_resolver(), request.path_info)
        request.resolver_match = match
        return match


@functools.lru_cache(maxsize=4096)
def _resolved(resolver, path: str) -> ResolverMatch:
    """The view of an API path, resolved once: a room's phones all call the same few paths (their session's
    code), and trying the project's URL patterns one by one was 4 % of an app process's CPU at 300 phones.
    An unknown path raises Resolver404, which is not kept; a changed URLconf is a new resolver (tests)."""
    return resolver.resolve(path)


class PageASGIHandler(ASGIHandler):
    """Django's ASGI handler for the pages, with the whole middleware chain and view run as one sync call.

    Django's own builds a mixed chain: the sync-only middleware (WhiteNoise, two-factor) run in a thread, the
    async-capable ones inside them back on the event loop, each `MiddlewareMixin` hook there in a thread of
    its own again, then the sync view in a thread: some ten hops between the event loop and a thread per
    request, which cost a small page as much CPU as its view (py-spy on a serving process). Here the event
    loop reads the request and writes the response, and one of PAGE_THREADS long-lived threads runs the rest
    (Django's starts a thread per request; a WSGI server reuses its threads, as these do).
    """

    def __init__(self, threads: int | None = None):
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)
        count = threads or settings.PAGE_THREADS
        self._executors = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"page-{n}") for n in range(count)]
        self._idle: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    async def __call__(self, scope, receive, send):
        """Each request on one of a few long-lived threads, not a thread of its own: a thread started per
        request took its database connection (and the reads compiled for it) along when it ended, so every
        page opened a new one (PostgreSQL: a process forked per page)."""
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        idle = self._idle_on(asyncio.get_running_loop())
        executor = await idle.get()
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            idle.put_nowait(executor)

    def _idle_on(self, loop) -> asyncio.Queue:
        """The idle threads, as a queue of the serving event loop (tests run several loops in turn)."""
        if loop not in self._idle:
            queue: asyncio.Queue = asyncio.LifoQueue()  # the thread used last: its connection is open
            for executor in self._executors:
                queue.put_nowait(executor)
            self._idle[loop] = queue
        return self._idle[loop]

    def close_connections(self) -> None:
        """Close each page thread's database connection (tests: PostgreSQL cannot drop a database in use)."""
        for executor in self._executors:
            executor.submit(connections.close_all).result(timeout=10)

    def get_response(self, request):
        response = super().get_response(request)
        freeze_what_a_request_imported()  # a heavy library loaded on first use leaves the GC's full passes
        return response

    async def get_response_async(self, request):
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)


def route_by_path(prefixes: tuple[str, ...], lean, default):
    """An ASGI app that sends HTTP requests under one of `prefixes` to `lean`, every other to `default`."""

    async def app(scope, receive, send):
        target = lean if scope["path"].startswith(prefixes) else default
        await target(scope, receive, send)

    return app
