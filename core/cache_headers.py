"""The page cache in front of the site (Varnish, or a CDN): what it may keep.

``CacheHeadersMiddleware`` gives every response its ``Cache-Control``, decided
from the request and the response alone (no query: the members-only check reads the restricted
paths that ``core.visibility`` caches). A page may be shared only when it is the same for every
reader: a GET or HEAD answered 200 with HTML (or the sitemap's or a feed's XML, robots.txt or the
favicon), for a request without a session, that neither sets a cookie nor rendered a CSRF token,
outside the admin, accounts and search, and not members-only. It then says ``public, max-age=CACHE_CONTROL_MAX_AGE,
s-maxage=CACHE_CONTROL_S_MAXAGE``. A response for one reader says ``private, no-store``; anything
else ``private, no-cache``. A view's own stricter header is kept.
"""

import re
from functools import lru_cache

from django.conf import settings
from wagtail import hooks

from core.cache_purge import flush, pending
from core.site_files import SHAREABLE_PATHS
from core.visibility import restricted_paths

# Pages, the sitemap and the article feeds (pages/feeds.py: public articles only, purged like the sitemap).
SHAREABLE_TYPES = {"text/html", "application/xml", "application/rss+xml", "application/atom+xml"}
PERSONAL = "private, no-store"  # one reader's: kept nowhere, not even in their browser's cache
UNSHARED = "private, no-cache"  # not personal, but not to be shared (forms, errors, search)
NOT_SHARED_RE = re.compile(r"\b(private|no-store|no-cache)\b")


@lru_cache(maxsize=4)
def _compiled(patterns):
    return [re.compile(pattern) for pattern in patterns]


def _private_path(path):
    return any(pattern.match(path) for pattern in _compiled(tuple(settings.PAGE_CACHE_PRIVATE_PATHS)))


def _has_reader(request):
    """A session (signed in, or any state of one's own), or a user something already looked up.
    Reads only the cookie and what AuthenticationMiddleware cached: no query."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    user = getattr(request, "_cached_user", None)
    return bool(user is not None and user.is_authenticated)


def _members_only(request):
    page = getattr(request, "page_cache_page", None)
    return page is not None and any(page.path.startswith(path) for path in restricted_paths())


def public_cache_control():
    return f"public, max-age={settings.CACHE_CONTROL_MAX_AGE}, s-maxage={settings.CACHE_CONTROL_S_MAXAGE}"


def cache_decision(request, response):
    """(Cache-Control, reason) for a response; the reason is "" when a shared cache may keep it."""
    own = response.get("Cache-Control", "")
    if request.path.startswith(settings.MEDIA_URL) and own.startswith("public"):
        return own, ""  # a rendition (core.media) is the same picture for every reader
    if _has_reader(request):
        return PERSONAL, "a reader's session"
    if getattr(request, "is_preview", False):
        return PERSONAL, "preview"
    if request.method not in ("GET", "HEAD"):
        return UNSHARED, "method"
    if response.status_code != 200:
        return UNSHARED, "status"
    if response.cookies:
        return UNSHARED, "sets a cookie"
    # get_token() (a form's {% csrf_token %}) sets the flag; CsrfViewMiddleware resets it to False
    # once it has set the cookie, so its presence, not its value, tells.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return UNSHARED, "CSRF token"
    if _private_path(request.path):
        return UNSHARED, "private path"
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if response.streaming or (content_type not in SHAREABLE_TYPES and request.path not in SHAREABLE_PATHS):
        return UNSHARED, "content type"
    if NOT_SHARED_RE.search(own):
        return own, "the view's own header"
    if _members_only(request):
        return PERSONAL, "members only"
    return own or public_cache_control(), ""


def _drop_vary(response, header):
    if not response.has_header("Vary"):
        return
    kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != header]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def set_cache_headers(request, response):
    value, reason = cache_decision(request, response)
    if reason and "no-store" in response.get("Cache-Control", ""):
        return response  # the view's own header is at least as strict
    response["Cache-Control"] = value
    if not reason:
        # A shared page carries its language in its URL (the sitemap lists both languages), so the
        # cache need not keep one copy per Accept-Language. Cookie stays: the VCL handles it.
        _drop_vary(response, "accept-language")
    return response


class CacheHeadersMiddleware:
    """Cache-Control for every response; sends the purges its request caused outside a transaction.

    Sits above SessionMiddleware and CsrfViewMiddleware, so it sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pending.in_request = True
        try:
            response = self.get_response(request)
        finally:
            pending.in_request = False
            if pending.batch is not None and not pending.batch.waits_for_commit:
                flush()
        return set_cache_headers(request, response)


@hooks.register("before_serve_page", order=-100)
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The middleware's members-only check needs the page being served."""
    request.page_cache_page = page
