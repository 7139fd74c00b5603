"""Counting attempts per person in the cache, for actions that must not be repeated in a flood.

A person is counted by their IP address as the connection shows it, unless the connection comes
from one of our own proxies (TRUSTED_PROXIES): then X-Forwarded-For, read from the right, where
each proxy appended the address it saw, names the first address that is not one of ours. The
header from anyone else is ignored, since a client writes whatever it likes there.

When the shared cache is away nothing can be counted: ``allow`` lets the request through (a
message or an order is not lost to a limit that cannot be checked); signing in decides otherwise
(accounts.login_throttle).
"""

import functools
import ipaddress

from django.conf import settings
from django.core.cache import cache

from core.cache_outage import CacheUnavailable


@functools.lru_cache
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack socket shows IPv4 clients as ::ffff:a.b.c.d.
    return getattr(address, "ipv4_mapped", None) or address


def client_address(request):
    """The visitor's IP, as rate limits (ours and allauth's) count it."""
    proxies = _networks(tuple(settings.TRUSTED_PROXIES))
    remote = request.META.get("REMOTE_ADDR", "")
    nearest = _address(remote)
    if nearest is None:
        return remote
    if any(nearest in network for network in proxies):
        for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            address = _address(hop)
            if address is None:
                break  # not written by a proxy of ours: the last one we passed is all we know
            nearest = address
            if not any(address in network for network in proxies):
                break
    return str(nearest)


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
