"""Shared fixtures: one seeded demo site per test session, a clean cache per test, and the
accounts, clients and demo pages several test files use (built with tests/factories.py).

Services: tests that need a service (PostgreSQL through DATABASE_URL, Chromium) skip with
a reason when it is missing, except under CI=true, where a missing service fails the run.
"""

import os
import random
import shutil
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.translation import trans_real
from wagtail.models import Collection, Locale, Page

from forum.models import ForumIndexPage
from pages.models import CONTEXT_KINDS, ArticlePage
from shop.models import ShopIndexPage
from tests.factories import MemberFactory, ModeratorFactory, UserFactory
from tests.sign_in import sign_in_staff

# search_backend_name: each search test once per backend.
pytest_plugins = ["tests.search_support"]

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SEEDED_ARTICLES = 30
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_service(available, reason):
    """Skip a test whose service is missing; in CI, fail it instead."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


def pytest_configure(config):
    """Compile the gettext catalogues before any test reads them."""
    call_command("compile_translations", stdout=StringIO())
    # django.setup() has already cached a catalogue or two per process; drop them so every language
    # is read again from the fresh .mo files.
    trans_real._translations = {}
    trans_real._default = None


def seed_demo_site(articles=SEEDED_ARTICLES):
    from search.backends import ensure_engine_indexes

    # The engine's test indexes start empty, like the test database.
    ensure_engine_indexes(reset=True)
    call_command("seed_demo", articles=articles, stdout=StringIO())


def reseed_after_flush():
    """Transactional tests empty every table, the rows of Wagtail's own migrations included:
    put back the default locale and the page and collection roots, then build the demo site again."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code="en")
    if not Page.objects.exists():
        Page.add_root(title="Root", slug="root", locale=Locale.get_default())
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    seed_demo_site()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_demo_site()


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rng():
    return random.Random(7)


@pytest.fixture
def demo(db):
    """The seeded demo tree: home page, sections, experts, regions, topics, images."""
    from demo.tree import existing_tree

    return existing_tree()


@pytest.fixture
def chromium_path():
    require_service(shutil.which(CHROMIUM) or os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture
def chromium(chromium_path, monkeypatch):
    """Debian's Chromium driven through Playwright; tests open their pages in it."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # from the same thread are safe because nothing else runs concurrently.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# --- helpers ---------------------------------------------------------------------------------------
def page_at(home, url_path):
    """A page of the demo tree by its path below the home page, e.g. 'context/news/'."""
    return Page.objects.get(url_path=home.url_path + url_path).specific


def warm_query_count(client, url):
    """The SQL queries of a request for url, asked a second time so that caches are warm. The parts
    kept whole in the shared cache (core.fragments) are rendered anyway: the count is what
    rendering the page costs (tests/test_fragments.py counts the cached copies)."""
    with override_settings(FRAGMENT_CACHE_SECONDS=0):
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# --- clients and accounts --------------------------------------------------------------------------
@pytest.fixture
def browser(db):
    """A client that checks CSRF tokens like the real site does."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def reader(db):
    """A signed-up reader outside every group."""
    return UserFactory(username="reader")


@pytest.fixture
def member(db):
    """A member (the Members group). The forum's moderation listing shows the name "ada"."""
    return MemberFactory(username="ada")


@pytest.fixture
def signed_in_reader(client, reader):
    """The reader, signed in on the test's client."""
    client.force_login(reader)
    return reader


@pytest.fixture
def signed_in_member(client, member):
    """The member, signed in on the test's client."""
    client.force_login(member)
    return member


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's superuser client (its own, beside the reader's `client`), past the
    two-factor step like a real sign-in."""
    client = Client()
    sign_in_staff(client, admin_user)
    return client


@pytest.fixture
def moderator(db):
    """A forum moderator, told of new replies at moderator@egf.example."""
    return ModeratorFactory(username="mod", email="moderator@egf.example")


# --- demo pages ------------------------------------------------------------------------------------
@pytest.fixture
def forum(demo):
    """The English forum."""
    return ForumIndexPage.objects.get(locale=Locale.get_default())


@pytest.fixture
def shop(demo):
    """The English shop."""
    return ShopIndexPage.objects.get(locale=Locale.get_default())


@pytest.fixture
def russian(db):
    return Locale.objects.get(language_code="ru")


@pytest.fixture
def translated_article(demo, russian):
    """The first English Context article of the demo with its Russian translation."""
    english = (
        ArticlePage.objects.filter(locale=Locale.get_default(), kind__in=CONTEXT_KINDS)
        .filter(translation_key__in=ArticlePage.objects.filter(locale=russian).values("translation_key"))
        .order_by("pk")
        .first()
    )
    return english, english.get_translation(russian)
