"""Counting attempts per person in the cache, for actions that must not be repeated in a flood."""

from allauth.core.internal.httpkit import get_client_ip
from django.core.cache import cache


def client_address(request):
    """The visitor's IP as allauth's own limits see it: behind TRUSTED_PROXY_COUNT proxies, the
    address they forwarded, so that visitors do not share the proxy's one bucket."""
    return get_client_ip(request) or ""


def _key(action, who):
    return f"rate:{action}:{who}"


def record_attempt(action, who, period_seconds):
    """Counts one attempt of ``action`` by ``who`` and returns how many fall in the current period.

    A fixed window that starts with the first attempt: simple, and enough to stop a flood."""
    key = _key(action, who)
    cache.add(key, 0, period_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, period_seconds)
        return 1


def attempts(action, who):
    """How many attempts of ``action`` by ``who`` the current period holds, without counting one."""
    return cache.get(_key(action, who), 0)


def allow(action, who, limit, period_seconds):
    """Records one attempt of ``action`` by ``who``; False once more than ``limit`` fall in the period."""
    return record_attempt(action, who, period_seconds) <= limit
