"""Django's Redis cache, made to survive Redis being away: every read misses and every write is skipped.

What the cache holds can all be rebuilt (rate-limit counters, logins cached in front of the database,
computed suggestions and pages), so an outage must not turn card writes, joins, staff pages and logins into
500s (it did). Logins are read from the database meanwhile (`cached_db` sessions); rate limits count nothing
until Redis is back (they fail open: a hall must not be locked out by our outage). After a failure Redis is
left alone for a few seconds, so that a request does not wait for one refused connection per cache call.
/readyz reports the cache as failed while it is away (core/health.py).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER_SECONDS = 5.0

# KEYS: the counters; ARGV: delta and timeout of each, in turn. A missing counter starts at 0 with its timeout.
COUNT_IN_WINDOWS = """
local counts = {}
for i, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'EX', ARGV[2 * i], 'NX')
  counts[i] = redis.call('INCRBY', key, ARGV[2 * i - 1])
end
return counts
"""


class FailSoftRedisCache(RedisCache):
    _down_until = 0.0  # per process: shared by every request's cache object

    def _attempt(self, call, fallback):
        if time.monotonic() < FailSoftRedisCache._down_until:
            return fallback
        try:
            return call()
        except UNAVAILABLE as error:
            if time.monotonic() >= FailSoftRedisCache._down_until:
                logger.warning("Redis cache unavailable (%s): working without it", type(error).__name__)
            FailSoftRedisCache._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            return fallback

    def get(self, key, default=None, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).has_key(key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).set(key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).add(key, value, timeout, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        return self._attempt(lambda: super(FailSoftRedisCache, self).delete_many(keys, version), None)

    def incr(self, key, delta=1, version=None):
        # The counter is gone with Redis: count this one alone (a rate limit lets it through).
        return self._attempt(lambda: super(FailSoftRedisCache, self).incr(key, delta, version), delta)

    def count_in_windows(self, counters: list[tuple[str, int, int]]) -> list[int]:
        """Add each `delta` to its counter `(key, delta, timeout)`, creating a missing counter with its
        timeout; the counts after. One round trip to Redis for all of them: the live writes count two
        rate limits each, which took four round trips (add and incr each) per card or dot. A script, not a
        pipeline: one command to pack and one answer to read (half the CPU of the pipeline's four)."""

        def call() -> list[int]:
            if getattr(self, "_count_script", None) is None:
                # Django's client makes a new Redis client (on the same pool) for every call; one does here.
                self._count_script = self._cache.get_client(write=True).register_script(COUNT_IN_WINDOWS)
            keys = [self.make_and_validate_key(key) for key, _delta, _timeout in counters]
            args = [value for _key, delta, timeout in counters for value in (delta, timeout)]
            return [int(count) for count in self._count_script(keys=keys, args=args)]

        # Redis away: each counter counts this hit alone (a rate limit lets it through).
        return self._attempt(call, [delta for _key, delta, _timeout in counters])

    def claim(self, key: str, milliseconds: int) -> bool:
        """Whether this caller is the first to claim `key` in the next `milliseconds` (SET NX PX), across every
        app process. Redis away: True (each process then does the work itself, as with one process)."""

        def call() -> bool:
            client = self._cache.get_client(write=True)
            return bool(client.set(self.make_and_validate_key(key), 1, px=milliseconds, nx=True))

        return self._attempt(call, True)

    def clear(self):
        return self._attempt(lambda: super(FailSoftRedisCache, self).clear(), False)

    def ping(self) -> None:
        """Raises when Redis does not answer (for /readyz); an answer ends the pause after a failure."""
        self._cache.get_client(write=True).ping()
        FailSoftRedisCache._down_until = 0.0
