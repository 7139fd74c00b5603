"""Which Wagtail site answers a request, from the shared cache instead of a query each time.

Wagtail finds the site of each request with a query over every site (hostname, port, default
site, their root pages) and keeps it on the request as ``request._wagtail_site``. Sites change
only when an operator edits them, so the answer is cached per host and port with the tree
generation (core.menus), which saving or deleting a site bumps too; publishing or moving a home
page bumps it already, so the root page kept with the site is never stale.

Wagtail then routes every request from the site's root page, reading the active locale and the
specific home page again first (two queries), so the home page in each language is cached with
the site and the route found from it is handed to Wagtail's view, which keeps it on the request as
``request._wagtail_route_for_request``.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils import translation
from wagtail.models import Site
from wagtail.views import serve

from core.menus import MENU_TIMEOUT, invalidate_menus, tree_generation

NO_SITE = "no-site"  # cached too: a host no site answers must not cost a query per request


class RequestSiteMiddleware:
    """For Wagtail's page view only: health checks and other views keep Wagtail's own lookup,
    made only if they need a site. Below CommonMiddleware, which refuses hosts outside ALLOWED_HOSTS,
    and LocaleMiddleware, which sets the language of the home page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve:
            site, home = site_and_home(request)
            request._wagtail_site = site
            if home is not None:
                request._wagtail_route_for_request = route_from(home, request, view_args[0])


def site_and_home(request):
    """The request's site and its root page in the active language (the live translation, else the
    root page itself) as its own page class: one shared-cache read."""
    key = (
        f"request-site:{tree_generation()}:{request.get_host()}:{request.get_port()}:"
        f"{translation.get_language()}"
    )
    found = cache.get(key)
    if found is None:
        site = Site._find_for_request(request)
        found = (site, site.root_page.localized.specific) if site else NO_SITE
        cache.set(key, found, MENU_TIMEOUT)
    return (None, None) if found == NO_SITE else found


def route_from(home, request, path):
    """What ``Page.route_for_request`` answers: the page and its arguments, or None for a 404."""
    try:
        return home.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def connect():
    post_save.connect(invalidate_menus, sender=Site, dispatch_uid="request-site-save")
    post_delete.connect(invalidate_menus, sender=Site, dispatch_uid="request-site-delete")
