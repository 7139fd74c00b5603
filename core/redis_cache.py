"""Django's Redis cache, with one client per process and no outage of its own.

One client: Django's ``RedisCache`` builds a new ``redis.Redis`` object around its connection pool
for every get and set; building one costs more than the round trip itself (it fills a table of
some 170 response callbacks). A page reads the cache a dozen times, so the client is made once and
reused: it is safe to share, every command borrows a connection from the pool.

No outage of its own: the cache only saves work, so Redis going away must not take pages down.
When a command fails, reads answer "not cached", writes are dropped (``add`` says it stored, so
that a caller waiting for a cache lock, such as allauth's rate limits, goes on), and ``incr`` /
``decr`` raise ``CacheUnavailable`` so that each rate limit chooses to fail open or closed
(core/cache_outage.py). A warning is logged once per outage. For ``outage_retry_seconds`` after
a failure the process leaves Redis alone, so a Redis that hangs costs one timeout per interval,
not one per call. The next call after that pings it; if it answers, ``cache_returned`` is sent
(its receivers' commands go through) before any other thread of the process reads from it again.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.retry import Retry

from core.cache_outage import CacheUnavailable, cache_returned

logger = logging.getLogger(__name__)

# A counter that exists is incremented; a missing one is not created (Django's ValueError). As one
# script, so a counter that expires between the check and the increment cannot come back without
# its expiry, as a lasting lock-out.
INCREMENT_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class _Outage:
    """Whether one Redis is unreachable, shared by every thread of the process."""

    def __init__(self):
        self.changing = threading.Lock()  # held while one thread pings or runs the return handlers
        self.marking = threading.Lock()
        self.down = False
        self.retry_at = 0.0
        self.failures = 0
        self.returning_thread = None


_outages = {}
_outages_lock = threading.Lock()


def _outage_of(servers):
    with _outages_lock:
        return _outages.setdefault(tuple(servers), _Outage())


class ResilientClient(RedisCacheClient):
    def __init__(self, servers, *, outage_retry_seconds=2.0, **options):
        # One immediate retry on a broken connection: after Redis restarts, every pooled
        # connection is dead, and a fresh one is all a command needs. A timeout is not retried.
        options.setdefault("retry", Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)))
        super().__init__(servers, **options)
        self._clients = {}
        self._scripts = {}
        self._retry_seconds = float(outage_retry_seconds)
        self._outage = _outage_of(servers)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    # --- outage bookkeeping ------------------------------------------------------------------
    def _reachable(self):
        outage = self._outage
        if not outage.down or outage.returning_thread == threading.get_ident():
            return True
        if time.monotonic() < outage.retry_at or not outage.changing.acquire(blocking=False):
            return False
        try:
            return not outage.down or self._try_return()
        finally:
            outage.changing.release()

    def _try_return(self):
        outage = self._outage
        try:
            self.get_client(write=True).ping()
        except RedisError:
            outage.retry_at = time.monotonic() + self._retry_seconds
            return False
        failures = outage.failures
        outage.returning_thread = threading.get_ident()
        try:
            for receiver, result in cache_returned.send_robust(sender=type(self)):
                if isinstance(result, Exception):
                    logger.error("After the cache outage, %r failed: %r", receiver, result)
        finally:
            outage.returning_thread = None
        if outage.failures != failures:  # gone again while the receivers ran
            return False
        outage.down = False
        logger.warning("Redis at %s answers again; what it held from before is set aside.", self._servers[0])
        return True

    def _failed(self, error):
        outage = self._outage
        outage.failures += 1
        outage.retry_at = time.monotonic() + self._retry_seconds
        with outage.marking:
            first = not outage.down
            outage.down = True
        if first:
            logger.warning(
                "Redis at %s is unavailable (%s): pages are served without the shared cache until it returns.",
                self._servers[0],
                error,
            )

    def _guarded(self, answer_if_down, command, *args):
        if self._reachable():
            try:
                return command(*args)
            except RedisError as error:
                self._failed(error)
        return answer_if_down

    # --- the cache's commands ----------------------------------------------------------------
    def add(self, key, value, timeout):
        return self._guarded(True, super().add, key, value, timeout)

    def get(self, key, default):
        return self._guarded(default, super().get, key, default)

    def set(self, key, value, timeout):
        return self._guarded(None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._guarded(False, super().touch, key, timeout)

    def delete(self, key):
        return self._guarded(False, super().delete, key)

    def get_many(self, keys):
        return self._guarded({}, super().get_many, keys)

    def has_key(self, key):
        return self._guarded(False, super().has_key, key)

    def set_many(self, data, timeout):
        return self._guarded(None, super().set_many, data, timeout)

    def delete_many(self, keys):
        return self._guarded(None, super().delete_many, keys)

    def clear(self):
        return self._guarded(False, super().clear)

    def incr(self, key, delta):
        missing = object()
        result = self._guarded(missing, self._increment_existing, key, delta)
        if result is missing:
            raise CacheUnavailable(f"Redis at {self._servers[0]} is unavailable")
        if result is None:
            raise ValueError(f"Key '{key}' not found.")
        return result

    def _increment_existing(self, key, delta):
        client = self.get_client(key, write=True)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(INCREMENT_EXISTING)
        return script(keys=[key], args=[delta])


class SharedRedisCache(RedisCache):
    """OPTIONS: redis-py's connection settings (socket_connect_timeout, socket_timeout, ...) and
    outage_retry_seconds, how long a process leaves Redis alone after a failed command."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientClient
