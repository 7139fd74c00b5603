"""The admin's searches while the search engine is down: staff still find pages, from the database,
and the page search says where its results come from.

The engine is down for real: its URL is a port on 127.0.0.1 where nothing listens, as in the
public search's fallback test.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from config.search_backends import DATABASE_ALIAS, ENGINE_ALIAS, database_backend, engine_backend
from tests.factories import StandardPageFactory
from tests.html import fetch, text
from tests.search_support import refresh_engine

PAGE_SEARCH_URL = reverse("wagtailadmin_pages:search")
FAILURE_LOGGED = "The search engine failed; answering this search from the database"
NOTICE = "The search engine is not answering just now, so these results come from the database"
TITLE = "Zephyrine lighthouse archive"


@pytest.fixture
def page(demo):
    """A page with a word no demo text uses, in the search indexes (searchable on the engine at once)."""
    page = StandardPageFactory(parent=demo["home"], title=TITLE, publish=True)
    refresh_engine()
    return page


def engine_stopped():
    backends = {
        ENGINE_ALIAS: engine_backend(opensearch_url="http://127.0.0.1:9"),  # nothing listens there
        DATABASE_ALIAS: database_backend(connection.settings_dict["ENGINE"]),
    }
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


@pytest.fixture
def stopped_engine():
    with engine_stopped():
        yield


def notice(soup):
    element = soup.select_one(".search-fallback-notice")
    return text(element) if element else ""


def test_page_search_answers_from_the_database_and_says_so(admin_client, page, stopped_engine, caplog):
    soup = fetch(admin_client, PAGE_SEARCH_URL, {"q": "zephyrine"})
    assert TITLE in text(soup.select_one("main"))
    assert NOTICE in notice(soup)
    assert FAILURE_LOGGED in caplog.text
    # Until the pause ends the engine is not asked again: the next search answers at once.
    caplog.clear()
    again = fetch(admin_client, PAGE_SEARCH_URL, {"q": "zephyrine"})
    assert TITLE in text(again.select_one("main")) and NOTICE in notice(again)
    assert caplog.text == ""


def test_a_full_reindex_fills_the_engine_and_the_database_index_alike(
    admin_client, page, search_backend_name
):
    call_command("update_index", stdout=StringIO())
    refresh_engine()
    assert TITLE in text(fetch(admin_client, PAGE_SEARCH_URL, {"q": "zephyrine"}).select_one("main"))
    with engine_stopped():  # the database index answers
        soup = fetch(admin_client, PAGE_SEARCH_URL, {"q": "zephyrine"})
    assert TITLE in text(soup.select_one("main")) and NOTICE in notice(soup)


def test_page_search_results_fragment_answers_from_the_database(admin_client, page, stopped_engine):
    soup = fetch(admin_client, reverse("wagtailadmin_pages:search_results"), {"q": "zephyrine"})
    assert TITLE in text(soup)
    assert NOTICE in notice(soup)


def test_page_search_with_a_working_backend_shows_no_notice(admin_client, page):
    soup = fetch(admin_client, PAGE_SEARCH_URL, {"q": "zephyrine"})
    assert TITLE in text(soup.select_one("main"))
    assert notice(soup) == ""


@pytest.mark.parametrize("where", ["explorer", "page chooser"])
def test_other_admin_searches_answer_from_the_database(admin_client, page, stopped_engine, where):
    url = {
        "explorer": reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
        "page chooser": reverse("wagtailadmin_choose_page_search"),
    }[where]
    assert TITLE in text(fetch(admin_client, url, {"q": "zephyrine"}))


def test_image_listing_search_answers_from_the_database(admin_client, demo, stopped_engine):
    image = demo["images"][0]
    soup = fetch(admin_client, reverse("wagtailimages:index"), {"q": image.title})
    assert image.title in text(soup)
