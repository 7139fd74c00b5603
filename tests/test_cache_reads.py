"""A page asks the shared cache each of its questions once, however many rows it lists.

In production the cache is Redis on another machine, one round trip per read: the menus, the tree
generation, the restricted sections, the filter choices and the site's root paths are needed from
several places of one page, and a row of a listing must not add reads of its own.
"""

from collections import Counter
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory

from core.menus import GENERATION_KEY, invalidate_menus, tree_generation
from core.request_memo import RequestMemoMiddleware
from tests.test_query_counts import page_urls

# Every distinct question a page of the site asks (menus, generation, language versions, trail, …).
CACHE_READ_BUDGET = 12
RENDITION_KEYS = "wagtail-rendition-"


def cache_reads(client, url):
    """The keys read from the default cache by a second (warm) request for url."""
    assert client.get(url).status_code == 200, url
    backend = type(caches["default"])
    keys = Counter()
    real_get, real_get_many = backend.get, backend.get_many

    def get(self, key, *args, **kwargs):
        keys[key] += 1
        return real_get(self, key, *args, **kwargs)

    def get_many(self, many, *args, **kwargs):
        keys.update(many)
        return real_get_many(self, many, *args, **kwargs)

    with mock.patch.object(backend, "get", get), mock.patch.object(backend, "get_many", get_many):
        assert client.get(url).status_code == 200, url
    return keys


@pytest.mark.django_db
def test_each_page_reads_each_cache_key_once_and_stays_within_budget(client, demo):
    for name, url in page_urls(demo).items():
        keys = cache_reads(client, url)
        # Wagtail looks up each picture's renditions; a picture shown twice (hero and body) asks twice.
        own = Counter({key: count for key, count in keys.items() if not key.startswith(RENDITION_KEYS)})
        read_twice = {key: count for key, count in own.items() if count > 1}
        assert read_twice == {}, name
        assert sum(own.values()) <= CACHE_READ_BUDGET, (name, "\n".join(sorted(own)))


@pytest.mark.django_db
def test_rendering_the_cached_parts_reads_each_cache_key_once(client, demo, settings):
    """With the shared fragments rendered (core.fragments), a tag or a list asked for twice by
    the template still costs one read."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    for name, url in page_urls(demo).items():
        keys = cache_reads(client, url)
        read_twice = {key: n for key, n in keys.items() if n > 1 and not key.startswith(RENDITION_KEYS)}
        assert read_twice == {}, name


@pytest.mark.django_db
def test_listing_rows_add_no_cache_reads(client, demo):
    """The cards' pictures come with the rows (prefetched renditions), their links from the request."""
    urls = page_urls(demo)
    for name in ["home", "context first page", "context last page", "news section"]:
        keys = cache_reads(client, urls[name])
        assert [key for key in keys if key.startswith(RENDITION_KEYS)] == [], name
        assert keys["wagtail_site_root_paths"] <= 1, name


def test_a_change_made_during_a_request_is_seen_later_in_that_request(db):
    cache.set(GENERATION_KEY, 7, None)

    def view(request):
        before = tree_generation()
        invalidate_menus()  # what publishing a page does
        return before, tree_generation()

    before, after = RequestMemoMiddleware(view)(RequestFactory().get("/"))
    assert (before, after) == (7, 8)


def test_outside_a_request_every_call_reads_the_cache_again(db):
    cache.set(GENERATION_KEY, 3, None)
    assert tree_generation() == 3
    cache.set(GENERATION_KEY, 4, None)  # another server published a page
    assert tree_generation() == 4
