"""Site records and home pages take effect at once, although the page view finds its site and
home page in the shared cache."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from pages.models import ContextIndexPage


def title_at(client, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").title.get_text()


@pytest.mark.django_db
def test_a_site_added_for_a_host_answers_at_once_and_a_removed_one_no_longer(client, demo):
    context = ContextIndexPage.objects.get(locale__language_code="en")
    home_title = title_at(client, "/en/", "127.0.0.1")
    assert home_title.startswith(demo["home"].title)

    site = Site.objects.create(hostname="127.0.0.1", port=80, root_page=context, site_name="Context")
    assert title_at(client, "/en/", "127.0.0.1").startswith(context.title)
    assert title_at(client, "/en/", "localhost") == home_title  # the default site is unchanged

    site.delete()
    assert title_at(client, "/en/", "127.0.0.1") == home_title


@pytest.mark.django_db
def test_a_page_is_routed_from_the_cached_home_page_in_each_language(client, demo):
    """Wagtail reads the active locale and the specific home page before routing every request;
    here a warm view reads neither, and a home page published with a new title shows it at once."""
    russian_home = demo["home"].get_translation(Locale.objects.get(language_code="ru"))
    for path in ("/en/context/", "/ru/context/"):
        assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        tables = " ".join(query["sql"] for query in queries.captured_queries)
        assert "wagtailcore_locale" not in tables and "home_homepage" not in tables, path

    for home, path in ((demo["home"], "/en/"), (russian_home, "/ru/")):
        home = home.specific
        home.title = f"{home.title} (renamed)"
        home.save_revision().publish()
        assert title_at(client, path, "127.0.0.1").startswith(home.title)
    assert client.get("/ru/no-such-page/").status_code == 404
