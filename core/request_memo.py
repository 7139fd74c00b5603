"""Values a request needs several times, worked out once per request.

A page asks for the tree generation, the restricted sections, its menus and its language versions
from several places (the header, the page head, the listing, the cache headers); each answer comes
from the shared cache, one round trip to Redis per question. Within one request the answers cannot
usefully change, so ``once_per_request`` keeps them for the rest of it. Outside a request (tasks,
management commands) the function is simply called.
"""

import contextvars
import functools

from django.utils import translation

_memo = contextvars.ContextVar("request_memo", default=None)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def once_per_request(function):
    """Remember ``function``'s answer for the same arguments and language until the request ends;
    ``function.forget()`` drops it (for the signal handlers that change what it reads)."""

    @functools.wraps(function)
    def remembered(*args):
        memo = _memo.get()
        if memo is None:
            return function(*args)
        key = (function, args, translation.get_language())
        if key not in memo:
            memo[key] = function(*args)
        return memo[key]

    def forget():
        memo = _memo.get()
        if memo is not None:
            for key in [key for key in memo if key[0] is function]:
                del memo[key]

    remembered.forget = forget
    return remembered
