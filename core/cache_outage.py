"""What the rest of the site needs to know about a shared cache that can go away (core/redis_cache.py).

While Redis is unreachable, reads are misses and writes are dropped, so most code never notices.
Counters are the exception: a rate limit must decide for itself whether to let a request through
when nothing can be counted, so ``incr`` and ``decr`` raise ``CacheUnavailable`` instead.

When Redis answers again, ``cache_returned`` is sent before anything is read from it: what it
holds may predate changes made during the outage (their invalidations were dropped), so receivers
move their cache generations on (core.menus).
"""

from django.dispatch import Signal


class CacheUnavailable(Exception):
    """The shared cache could not be reached: nothing was counted."""


cache_returned = Signal()
