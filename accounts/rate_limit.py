"""Counting attempts per person in the cache, for actions that must not be repeated in a flood.

When the shared cache is away nothing can be counted: ``allow`` lets the request through (a
message or an order is not lost to a limit that cannot be checked); signing in decides otherwise
(accounts.login_throttle).
"""

from allauth.core.internal.httpkit import get_client_ip
from django.core.cache import cache

from core.cache_outage import CacheUnavailable


def client_address(request):
    """The visitor's IP as allauth's own limits see it: behind TRUSTED_PROXY_COUNT proxies, the
    address they forwarded, so that visitors do not share the proxy's one bucket."""
    return get_client_ip(request) or ""


def _key(action, who):
    return f"rate:{action}:{who}"


def record_attempt(action, who, period_seconds):
    """Counts one attempt of ``action`` by ``who`` and returns how many fall in the current period,
    this one included; raises CacheUnavailable when nothing can be counted.

    A fixed window that starts with the first attempt: simple, and enough to stop a flood. The
    count is one atomic increment, so attempts made at the same moment each get their own number."""
    key = _key(action, who)
    cache.add(key, 0, period_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 0, period_seconds)
        return cache.incr(key)


def forget_attempt(action, who):
    """Takes back one attempt counted by ``record_attempt`` (if its window has not ended)."""
    try:
        cache.decr(_key(action, who))
    except (ValueError, CacheUnavailable):
        pass  # gone with its window, or with the cache: nothing left to take back


def allow(action, who, limit, period_seconds):
    """Records one attempt of ``action`` by ``who``; False once more than ``limit`` fall in the
    period. Without the shared cache, True: these limits fail open."""
    try:
        return record_attempt(action, who, period_seconds) <= limit
    except CacheUnavailable:
        return True
