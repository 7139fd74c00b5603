"""The page cache in front of the site (Varnish, or a CDN): what a change must drop from it.

Publishing, unpublishing, moving or deleting a page purges, through Wagtail's front-end cache
backends (``WAGTAILFRONTENDCACHE``), the page in every language and every listing that shows it
(``_add_listings``: its ancestors, the home pages, the profiles of its expert authors, the
sitemap, the feeds). A moved or deleted page's old address is dropped with everything below it.
A change the menus show (a "Show in menus" page published with a new title, moved, unpublished or
deleted; a footer page; the home page's footer links) drops everything, because every page carries
the menus; so does a view restriction added, changed or removed (``restriction_changed``). Purges
wait for the transaction to commit (a reader asking in between would put the old page back into
the cache) and are collected per transaction or request, so deleting a section sends one subtree
ban instead of one purge per page; past ``MAX_PURGE_URLS`` everything is dropped instead.
Varnish is purged at once by the process that made the change (PURGE and BAN on the local network);
CDNs, whose APIs can be slow, through Wagtail's task (the worker in production).
"""

import copy
import logging
import threading
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from modelcluster.models import get_all_child_relations
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Site,
    get_page_models,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache_requests import purge_http_cache, purge_subtrees
from core.menus import footer_page_ids

logger = logging.getLogger(__name__)


MAX_PURGE_URLS = 300  # beyond this many addresses in one change, drop everything instead
# Site-wide listings of pages, by URL name; purged in every language on every change. The feeds take
# their section, region, topic or expert from the query string, so these addresses drop them all.
SITE_LISTING_URL_NAMES = ["sitemap", "feeds", "feed_rss", "feed_atom"]
MENU_RELEVANT_FIELDS = ("title", "slug", "show_in_menus")


class Invalidation:
    """What one transaction (or one request outside a transaction) changed: page addresses (each
    purged with all its query strings), subtrees (an address and everything below it), or everything."""

    def __init__(self, waits_for_commit):
        self.waits_for_commit = waits_for_commit
        self.pages = PurgeBatch()  # Wagtail's batch: URLs of pages with their get_cached_paths()
        self.subtrees = set()
        self.everything = False

    def add_page(self, page):
        self.pages.add_page(page)
        self._check_size()

    def add_subtree(self, url):
        self.subtrees.add(url)
        self._check_size()

    def covers(self, url):
        return self.everything or any(url.startswith(subtree) for subtree in self.subtrees)

    def url_of(self, page):
        return page.get_full_url(self.pages)  # the batch caches the site root paths

    def _check_size(self):
        if len(self.pages.urls) + len(self.subtrees) > MAX_PURGE_URLS:
            self.everything = True

    def send(self):
        root_urls = sorted({root.root_url for root in Site.get_site_root_paths()})
        if self.everything:
            subtrees, urls = {f"{root}/" for root in root_urls}, set()
        else:
            subtrees = {
                s for s in self.subtrees if not any(s != t and s.startswith(t) for t in self.subtrees)
            }
            urls = {url for url in self.pages.urls if not any(url.startswith(s) for s in subtrees)}
            if urls or subtrees:
                urls |= {f"{root}{path}" for root in root_urls for path in site_listing_paths()}
        backends = get_backends()
        nearby = [name for name, backend in backends.items() if isinstance(backend, HTTPBackend)]
        remote = sorted(set(backends) - set(nearby))
        for name in nearby:
            purge_http_cache(backends[name], urls, subtrees)
        if remote and urls:
            PurgeBatch(urls).purge(backends=remote)  # Wagtail's task: the CDN's API
        if remote and subtrees:
            purge_subtrees.enqueue(sorted(subtrees), remote)


def site_listing_paths():
    """Each listing's address in every language (the sitemap has one address for all)."""
    paths = set()
    for name in SITE_LISTING_URL_NAMES:
        try:
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    paths.add(reverse(name))
        except NoReverseMatch:
            logger.warning("Page cache: no URL named %r to purge", name)
    return sorted(paths)


class _Pending(threading.local):
    batch = None
    in_request = False


pending = _Pending()


def _flush_registered(connection):
    return any(func is flush for _savepoints, func, _robust in connection.run_on_commit)


def _current_batch():
    """The invalidation being collected: one per transaction, or per request outside one."""
    connection = transaction.get_connection()
    batch = pending.batch
    if connection.in_atomic_block:
        if batch is not None and not batch.waits_for_commit:
            flush()  # collected earlier in this request, outside a transaction: already committed
            batch = None
        elif batch is not None and not _flush_registered(connection):
            batch = None  # its transaction was rolled back
        if batch is None:
            batch = pending.batch = Invalidation(waits_for_commit=True)
            transaction.on_commit(flush, robust=True)
    elif batch is None or batch.waits_for_commit:  # (a rolled-back transaction's batch is dropped)
        batch = pending.batch = Invalidation(waits_for_commit=False)
    return batch


def flush():
    """Sends what was collected. Never raises: a cache that is down must not undo a publish."""
    batch, pending.batch = pending.batch, None
    if batch is None:
        return
    try:
        batch.send()
    except Exception:
        logger.exception("Could not purge the page cache")


def _depth_of(url_path):
    return url_path.strip("/").count("/") + 2 if url_path.strip("/") else 1


def _menu_depth():
    """Menus show the home page's sub-pages and theirs (core.menus.build_menus)."""
    depths = [_depth_of(root.root_path) for root in Site.get_site_root_paths()]
    return min(depths) + 2 if depths else 0


def _fields(page, names):
    return tuple(getattr(page, name, None) for name in names)


def _changes_menus(page, previous, structural, depth):
    """Does this change show in the menus (so on every page)?"""
    in_menus = page.show_in_menus or bool(previous and previous.show_in_menus)
    if not in_menus or depth > _menu_depth():
        return False
    if structural or previous is None:  # moved, unpublished, deleted; or newly live
        return True
    return _fields(previous, MENU_RELEVANT_FIELDS) != _fields(page, MENU_RELEVANT_FIELDS)


@cache
def _page_links(model):
    """(child relation, foreign keys to pages on it) for a page type's inline relations."""
    links = []
    for relation in get_all_child_relations(model):
        targets = tuple(
            field
            for field in relation.related_model._meta.concrete_fields
            if field.many_to_one
            and field is not relation.field
            and isinstance(field.related_model, type)
            and issubclass(field.related_model, Page)
        )
        if targets:
            links.append((relation, targets))
    return tuple(links)


def linked_page_ids(page):
    """Pages this one links to through its inline relations: an article's expert authors, whose
    profiles list it. Works on a page from the database and on a revision's (in-memory) copy."""
    ids = set()
    for relation, targets in _page_links(type(page)):
        for item in getattr(page, relation.get_accessor_name()).all():
            ids.update(getattr(item, field.attname) for field in targets)
    ids.discard(None)
    return ids


def linked_page_ids_below(path):
    """What the pages at and below a tree path link to, in one query per kind of link."""
    ids = set()
    links = {
        relation.related_model: (relation, targets)
        for model in get_page_models()
        for relation, targets in _page_links(model)
    }
    for link_model, (relation, targets) in links.items():
        rows = link_model.objects.filter(**{f"{relation.field.name}__path__startswith": path})
        for values in rows.values_list(*(field.attname for field in targets)):
            ids.update(values)
    ids.discard(None)
    return ids


def _ancestor_paths(path):
    steplen = Page.steplen
    return {path[: steplen * depth] for depth in range(2, len(path) // steplen)}


def _add_listings(batch, pages, *, extra_paths=(), previous=None):
    """Every listing that shows these pages: their ancestors (Context and its section), the home
    pages of every language, and the pages they link to (authors' profiles). The site-wide
    listings (SITE_LISTING_URL_NAMES: the sitemap, the feeds) are added when the batch is sent."""
    paths = set(extra_paths)
    for page in pages:
        paths |= _ancestor_paths(page.path)
    root_paths = {root.root_path for root in Site.get_site_root_paths()}
    listings = list(Page.objects.filter(Q(path__in=paths) | Q(url_path__in=root_paths)))
    linked = set()
    for page in [*pages, *([previous] if previous is not None else [])]:
        linked |= linked_page_ids(page)
    listings += Page.objects.filter(pk__in=linked - {p.pk for p in listings})
    for listing in listings:
        batch.add_page(listing)
    return [page for page in listings if page.url_path in root_paths]


def _in_footer(pages, homes):
    ids = set()
    for home in homes:
        ids |= {pk for pk in footer_page_ids(home.specific).values() if pk}
    return bool(ids & {page.pk for page in pages})


def _collect(batch, page, *, previous=None, old_url_path=None, old_parent=None, removed=False):
    url = batch.url_of(page)
    if url and batch.covers(url):
        # A page above it (or itself) is dropped with its subtree already: a section deleted with its
        # pages, or the page_unpublished Wagtail sends for each live page it deletes.
        return
    structural = removed or old_url_path is not None
    if structural:
        old = copy.copy(page)
        if old_url_path is not None:
            old.url_path = old_url_path
        old_url = batch.url_of(old)
        if old_url and batch.covers(old_url):
            return
        if old_url:
            batch.add_subtree(old_url)
        # The pages below go with it, unlisted; their authors' profiles list them.
        for linked in Page.objects.filter(pk__in=linked_page_ids_below(page.path) - {page.pk}):
            batch.add_page(linked)
    depth = min(page.depth, _depth_of(old_url_path)) if old_url_path else page.depth
    if _changes_menus(page, previous, structural or not page.live, depth):
        batch.everything = True
        return
    page = page.specific
    # Specific: each translation links its own language's expert profiles.
    translations = list(
        Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).specific()
    )
    shown = [page, *translations]
    for version in shown:
        if not (removed and version is page):
            batch.add_page(version)
    old_listings = (_ancestor_paths(old_parent.path) | {old_parent.path}) if old_parent else set()
    homes = _add_listings(batch, shown, extra_paths=old_listings, previous=previous)
    if page.url_path in {home.url_path for home in homes}:
        footer_changed = previous is None or footer_page_ids(previous) != footer_page_ids(page)
        if footer_changed:
            batch.everything = True
    elif _in_footer(shown, homes):
        if (
            structural
            or not page.live
            or previous is None
            or _fields(previous, ("title", "slug")) != _fields(page, ("title", "slug"))
        ):
            batch.everything = True


def page_changed(page, **changes):
    """Collects what a change to this page invalidates, and sends it when its transaction commits
    (at once outside a transaction and a request). For changes that are not a publish (e.g. a
    forum reply approved), other apps may call it with the page whose content changed."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = _current_batch()
    if not batch.everything:
        try:
            _collect(batch, page, **changes)
        except Exception:
            logger.exception("Could not work out what to purge for page %s; purging everything", page.pk)
            batch.everything = True
    _send_unless_collecting(batch)


def _send_unless_collecting(batch):
    if not batch.waits_for_commit and not pending.in_request:
        flush()


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A view restriction added, changed or removed, on a page or a collection of documents: the
    whole site is dropped. What it hid or showed reaches every listing, feed, related-articles box,
    profile and the sitemap in both languages, and a copy missed would show restricted content to
    anonymous readers; restrictions change a few times a year, so the cost of refilling is small."""
    if raw or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = _current_batch()
    batch.everything = True
    _send_unless_collecting(batch)


def previous_live_version(page, revision=None):
    """The page as it was live before this publish (from the log), or None if it was not live
    (or its revision can no longer be read)."""
    try:
        entry = (
            PageLogEntry.objects.filter(page_id=page.pk, action__in=("wagtail.publish", "wagtail.unpublish"))
            .exclude(revision_id=getattr(revision, "pk", None))
            .select_related("revision")
            .order_by("-timestamp", "-pk")
            .first()
        )
        if entry is None or entry.action != "wagtail.publish" or entry.revision is None:
            return None
        return entry.revision.as_object()
    except Exception:
        logger.exception("Page cache: could not read the previous revision of page %s", page.pk)
        return None


def on_published(sender, instance, revision=None, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    previous = previous_live_version(instance, revision)
    # A new slug moves the page (and everything below it) without a post_page_move.
    renamed = previous is not None and previous.url_path and previous.url_path != instance.url_path
    page_changed(instance, previous=previous, old_url_path=previous.url_path if renamed else None)


def on_unpublished(sender, instance, **kwargs):
    page_changed(instance)


def on_moved(sender, instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    if url_path_before == url_path_after:  # reordered among its siblings: only menus show tree order
        if instance.show_in_menus and instance.depth <= _menu_depth():
            page_changed(instance, old_url_path=url_path_before)
        return
    page_changed(instance, old_url_path=url_path_before, old_parent=parent_page_before)


def on_deleted(sender, instance, **kwargs):
    # Before the delete: its authors' links and its ancestors are still there to be read.
    page_changed(instance, removed=True)


def connect():
    page_published.connect(on_published, dispatch_uid="page-cache-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="page-cache-moved")
    pre_delete.connect(on_deleted, sender=Page, dispatch_uid="page-cache-deleted")
    for model in (PageViewRestriction, CollectionViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                restriction_changed, sender=model, dispatch_uid=f"page-cache-{model.__name__}-{signal!r}"
            )
