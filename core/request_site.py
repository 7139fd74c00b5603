"""Which Wagtail site answers a request, from the shared cache instead of a query each time.

Wagtail finds the site of each request with a query over every site (hostname, port, default
site, their root pages) and keeps it on the request as ``request._wagtail_site``. Sites change
only when an operator edits them, so the answer is cached per host and port with the tree
generation (core.menus), which saving or deleting a site bumps too; publishing or moving a home
page bumps it already, so the root page kept with the site is never stale.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.views import serve

from core.menus import MENU_TIMEOUT, invalidate_menus, tree_generation

NO_SITE = "no-site"  # cached too: a host no site answers must not cost a query per request


class RequestSiteMiddleware:
    """For Wagtail's page view only: health checks and other views keep Wagtail's own lookup,
    made only if they need a site. Below CommonMiddleware, which refuses hosts outside ALLOWED_HOSTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve:
            request._wagtail_site = site_for(request)


def site_for(request):
    key = f"request-site:{tree_generation()}:{request.get_host()}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request) or NO_SITE
        cache.set(key, site, MENU_TIMEOUT)
    return None if site == NO_SITE else site


def connect():
    post_save.connect(invalidate_menus, sender=Site, dispatch_uid="request-site-save")
    post_delete.connect(invalidate_menus, sender=Site, dispatch_uid="request-site-delete")
