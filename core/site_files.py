"""The files crawlers and browsers ask for at the site's root: /robots.txt and /favicon.ico.

Both are the same for every reader, so the page cache keeps them (core.cache_headers lets these
paths through although they are neither HTML nor XML)."""

from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from core.absolute_urls import site_base_url

ROBOTS_PATH = "/robots.txt"
FAVICON_PATH = "/favicon.ico"
SHAREABLE_PATHS = (ROBOTS_PATH, FAVICON_PATH)
FAVICON_FILE = "img/favicon.ico"  # drawn by manage.py draw_site_icons
# Crawlers stay out of the admin, search results and account forms (every language's prefix).
DISALLOWED_SECTIONS = ("search", "accounts")


def robots_lines():
    base = site_base_url()
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [
        f"Disallow: /{code}/{section}/"
        for code, _name in settings.LANGUAGES
        for section in DISALLOWED_SECTIONS
    ]
    lines += ["", f"Sitemap: {base}{reverse('sitemap')}"]
    return lines


@require_safe
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines()) + "\n", content_type="text/plain; charset=utf-8")


@lru_cache(maxsize=1)
def favicon_bytes():
    with open(finders.find(FAVICON_FILE), "rb") as icon:
        return icon.read()


@require_safe
def favicon(request):
    return HttpResponse(favicon_bytes(), content_type="image/x-icon")


urlpatterns = [
    path(ROBOTS_PATH.lstrip("/"), robots_txt, name="robots_txt"),
    path(FAVICON_PATH.lstrip("/"), favicon, name="favicon"),
]
