"""Shared fixtures: one seeded demo site per test session, a clean cache per test.

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
from django.utils.translation import trans_real

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SEEDED_ARTICLES = 30
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


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
    from wagtail.models import Collection, Locale, Page

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
