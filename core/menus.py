"""The header menus and footer links, built from the page tree and cached per site and language.

Editors change the menus by moving, publishing or hiding pages ("Show in menus"), so every
such change bumps a generation number that is part of the cache key; stale entries simply
expire instead of being hunted down key by key.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import translation
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache_outage import CacheUnavailable, cache_returned
from core.request_memo import once_per_request
from core.translation import in_locale

MENU_TIMEOUT = 60 * 60 * 24
GENERATION_KEY = "site-menus:generation"
EMPTY_MENUS = {"main": [], "footer": {}, "home_url": "/"}


@once_per_request
def tree_generation():
    """A number that changes whenever pages are published, moved or removed, or something they show
    changes (core.fragments); part of cache keys."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, None)
    return generation


def invalidate_menus(**kwargs):
    _next_generation()
    # Again once the change is committed: a reader who came in between saw the old rows and may
    # have cached them under the number just taken.
    transaction.on_commit(_next_generation)


def _next_generation():
    tree_generation.forget()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
    except CacheUnavailable:
        pass  # nothing can be read from it either; the generation moves on when it returns


def _after_cache_outage(**kwargs):
    """What Redis holds may predate changes made while it was away (their bumps were dropped)."""
    _next_generation()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_menus, dispatch_uid=f"menus-{signal!r}")
    post_delete.connect(invalidate_menus, sender=Page, dispatch_uid="menus-page-delete")
    cache_returned.connect(_after_cache_outage, dispatch_uid="menus-cache-returned")


def page_types_with(attribute):
    """Page types that declare ``attribute``: ``menu_url`` (they stand in the menus for another
    address, and ``menu_visitors_only`` says whether signed-in members see them) or
    ``menu_routes`` (entries for their own sub-pages, such as the Forum's archive)."""
    return [model for model in get_page_models() if hasattr(model, attribute)]


def link_page_types():
    """Page types that stand in the menus for another address (and stay out of the sitemap)."""
    return page_types_with("menu_url")


def _specific(pages, attribute):
    ids = [page.pk for page in pages]
    return [page for model in page_types_with(attribute) for page in model.objects.filter(pk__in=ids)]


def footer_page_ids(home):
    """The pages a home page chose for the footer (terms, privacy, contact), as declared by its type."""
    return getattr(home, "footer_page_ids", {})


def _link(page, request):
    return {
        "title": page.title,
        "url": page.get_url(request),
        "path": page.url_path,
        "children": [],
        "visitors_only": False,
    }


def _route_link(title, url):
    """A menu entry for a route of a page: no page of its own, so never marked as the current one."""
    return {"title": str(title), "url": url, "path": None, "children": [], "visitors_only": False}


def build_menus(home, request):
    """Main menu (two levels below the home page) and footer links, as plain data."""
    pages = list(home.get_descendants().filter(depth__lte=home.depth + 2).live().in_menu().order_by("path"))
    link_pages = {page.pk: page for page in _specific(pages, "menu_url")}
    routes = {page.pk: page.menu_routes(request) for page in _specific(pages, "menu_routes")}
    by_path = {}
    top = []
    for page in pages:
        entry = _link(page, request)
        if page.pk in link_pages:
            entry["url"] = link_pages[page.pk].menu_url
            entry["visitors_only"] = getattr(link_pages[page.pk], "menu_visitors_only", False)
        entry["children"] = [_route_link(title, url) for title, url in routes.get(page.pk, [])]
        by_path[page.path] = entry
        if page.depth == home.depth + 1:
            top.append(entry)
        elif page.path[: -Page.steplen] in by_path:
            by_path[page.path[: -Page.steplen]]["children"].append(entry)
    footer_ids = footer_page_ids(home)
    chosen = Page.objects.in_bulk([pk for pk in footer_ids.values() if pk])
    # A translated home page still points at the source pages; show their translations.
    localized = dict(zip(chosen, in_locale(Page, chosen.values(), home.locale_id), strict=True))
    footer = {
        name: _link(localized[pk], request) if pk in localized and localized[pk].live else None
        for name, pk in footer_ids.items()
    }
    return {"main": top, "footer": footer, "home_url": home.get_url(request)}


@once_per_request
def site_menus(request):
    """Cached menus for the home page of the request's site in the active language."""
    site = Site.find_for_request(request)
    if site is None:
        return EMPTY_MENUS
    key = f"site-menus:{tree_generation()}:{site.pk}:{translation.get_language()}"
    menus = cache.get(key)
    if menus is None:
        root = site.root_page
        home_type = root.specific_class or Page
        home = home_type.objects.filter(
            translation_key=root.translation_key, locale=Locale.get_active()
        ).first()
        menus = build_menus(home or root.specific, request)
        cache.set(key, menus, MENU_TIMEOUT)
    return menus
