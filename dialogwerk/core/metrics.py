"""Prometheus metrics at /metrics: requests, latency per route, WebSocket clients, task queue and live figures.

With PROMETHEUS_MULTIPROC_DIR set (scripts/serve.sh does), every process writes its figures to files in
that directory and any process answers /metrics for all of them; the directory must be emptied before
the processes start. Labels are bounded: the resolved URL name (never the raw path), the method, the
status. Nothing names a municipality, a person or a text: installation-wide counts only.
"""

from __future__ import annotations

import atexit
import hmac
import ipaddress
import logging
import os
from collections.abc import Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric

from .registry import metric_figures

logger = logging.getLogger(__name__)

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
UNMATCHED = "unmatched"  # 404s of unknown paths: one label value, whatever the path
disable_created_metrics()  # the *_created series only double the output

HTTP_REQUESTS = Counter(
    "dialogwerk_http_requests",
    "HTTP requests answered, by method, URL name and status code.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "dialogwerk_http_request_duration_seconds",
    "Time from request to response (first byte of a streamed one), by URL name.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
WEBSOCKET_CLIENTS = Gauge(
    "dialogwerk_websocket_clients",
    "WebSocket clients connected now (walls, phones, consoles of live sessions).",
    multiprocess_mode="livesum",
)

if MULTIPROCESS:
    # A stopped process's live gauges must not count any more (its counters stay in the totals).
    atexit.register(lambda: multiprocess.mark_process_dead(os.getpid()))


def route_name(request) -> str:
    """The resolved URL name ("dialogues:detail"), "static" for static files, else "unmatched"."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name
    from django.conf import settings

    static = "/" + settings.STATIC_URL.lstrip("/")
    return "static" if request.path.startswith(static) else UNMATCHED


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    HTTP_REQUESTS.labels(method=method if method in METHODS else "other", route=route, status=str(status)).inc()
    HTTP_LATENCY.labels(route=route).observe(seconds)


# --- WebSocket clients: the live consumer calls these two (a consumer refused before accept never counts).
def websocket_opened(consumer) -> None:
    consumer._metrics_counted = True
    WEBSOCKET_CLIENTS.inc()


def websocket_closed(consumer) -> None:
    if getattr(consumer, "_metrics_counted", False):
        consumer._metrics_counted = False
        WEBSOCKET_CLIENTS.dec()


class DatabaseCollector:
    """Figures read from the database at scrape time: the task queue, and what the apps declared
    (`registry.metric_figures`: the live app's running sessions and their participants)."""

    def collect(self) -> Iterable[Metric]:
        from django.db import DatabaseError

        for name, figures in [("task queue", _task_queue)] + [(d.name, d.part) for d in metric_figures]:
            try:
                found = list(figures())
            except DatabaseError as error:
                logger.warning("metrics: %s unavailable (%s)", name, error.__class__.__name__)
                continue
            yield from found


def _task_queue() -> Iterable[Metric]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    ready = dict(
        DBTaskResult.objects.ready()
        .order_by()
        .values("queue_name")
        .annotate(n=Count("id"))
        .values_list("queue_name", "n")
    )
    queue = GaugeMetricFamily(
        "dialogwerk_tasks_ready",
        "Background tasks waiting for a worker (ready to run now), by queue.",
        labels=["queue"],
    )
    for name, count in sorted(ready.items()) or [("default", 0)]:
        queue.add_metric([name], count)
    yield queue


class _ThisProcess:
    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


def exposition() -> bytes:
    """All processes' metrics (or this process's without a multiprocess directory), plus the database's."""
    registry = CollectorRegistry()
    if MULTIPROCESS:
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(DatabaseCollector())
    return generate_latest(registry)


def access_denied(request) -> int | None:
    """None when the caller may read /metrics; else the status to answer (401 token, 403 address).

    METRICS_TOKEN set: `Authorization: Bearer <token>` is required. METRICS_ALLOWED_IPS set (addresses or
    networks): the client address must be in one of them. Both set: both are required. Neither: open
    (keep /metrics off the public proxy, see docs/deployment.md).
    """
    from django.conf import settings

    token = getattr(settings, "METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return 401
    allowed = getattr(settings, "METRICS_ALLOWED_IPS", [])
    if allowed:
        try:
            address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            return 403
        if not any(address in ipaddress.ip_network(network, strict=False) for network in allowed):
            return 403
    return None


__all__ = [
    "CONTENT_TYPE_LATEST",
    "access_denied",
    "exposition",
    "observe_request",
    "route_name",
    "websocket_closed",
    "websocket_opened",
]
