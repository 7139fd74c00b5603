"""Site records take effect at once, although the page view finds its site in the shared cache."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

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
