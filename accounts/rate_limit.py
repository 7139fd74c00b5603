"""Counting attempts per person in the cache, for actions that must not be repeated in a flood."""

from django.core.cache import cache


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def allow(action, who, limit, period_seconds):
    """Records one attempt of ``action`` by ``who``; False once more than ``limit`` fall in the period.

    A fixed window that starts with the first attempt: simple, and enough to stop a flood."""
    key = f"rate:{action}:{who}"
    cache.add(key, 0, period_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, period_seconds)
        count = 1
    return count <= limit
