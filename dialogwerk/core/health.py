"""Readiness checks for /readyz: may this process take traffic? Each check answers "ok" or what is wrong.

Database (every configured alias), migrations applied, cache, and the channel layer when it is Redis.
Answers name a check and an error class, never a host, a password or tenant data; the full error goes to
the log.
"""

from __future__ import annotations

import logging
import os
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from .redis_cache import FailSoftRedisCache

logger = logging.getLogger(__name__)

# Once all migrations are applied they stay applied while this process runs: reading the migration
# graph on every probe would cost more than the probe itself.
_migrated_aliases: set[str] = set()


def _failed(check: str, error: Exception) -> str:
    logger.warning("readiness check %s failed: %s: %s", check, error.__class__.__name__, error)
    return f"failed: {error.__class__.__name__}"


def check_database(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        return _failed(f"database:{alias}", error)
    return "ok"


def check_migrations(alias: str) -> str:
    if alias in _migrated_aliases:
        return "ok"
    try:
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:  # noqa: BLE001
        return _failed("migrations", error)
    if plan:
        return f"failed: {len(plan)} migrations not applied"
    _migrated_aliases.add(alias)
    return "ok"


def check_cache() -> str:
    key = f"readyz:{os.getpid()}:{uuid.uuid4().hex}"
    try:
        if isinstance(caches["default"], FailSoftRedisCache):
            caches["default"].ping()  # it would answer a miss, not fail, when Redis is away
        cache.set(key, "1", timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return _failed("cache", error)
    return "ok" if found == "1" else "failed: value not kept"


def check_channel_layer() -> str | None:
    """None when there is no shared channel layer (in-process); else ping each Redis it uses."""
    layer = settings.CHANNEL_LAYERS.get("default", {})
    if "Redis" not in layer.get("BACKEND", ""):
        return None
    import redis

    try:
        for host in layer.get("CONFIG", {}).get("hosts", []):
            if isinstance(host, dict):
                client = redis.Redis.from_url(host["address"], socket_connect_timeout=2, socket_timeout=2)
            elif isinstance(host, str):
                client = redis.Redis.from_url(host, socket_connect_timeout=2, socket_timeout=2)
            else:
                client = redis.Redis(host=host[0], port=host[1], socket_connect_timeout=2, socket_timeout=2)
            try:
                client.ping()
            finally:
                client.close()
    except Exception as error:  # noqa: BLE001
        return _failed("channel_layer", error)
    return "ok"


def readiness() -> dict[str, str]:
    """{check: "ok" | "failed: …" | "skipped: …"} for every check that applies to this installation."""
    checks: dict[str, str] = {}
    for alias in settings.DATABASES:
        name = "database" if alias == "default" else f"database:{alias}"
        checks[name] = check_database(alias)
    if checks["database"] == "ok":
        checks["migrations"] = check_migrations("default")
    else:
        checks["migrations"] = "skipped: database unreachable"
    checks["cache"] = check_cache()
    channel_layer = check_channel_layer()
    if channel_layer is not None:
        checks["channel_layer"] = channel_layer
    return checks
