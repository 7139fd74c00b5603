"""Every absolute address the site gives out is on SITE_BASE_URL: not the request's host, not the
Wagtail Site's hostname (tests ask as "testserver"; the demo's Site says "localhost")."""

import re

import pytest
from django.core import mail

from pages.models import ArticleKind, ArticlePage, EventPage
from tests.html import fetch

BASE = "https://egf.example"


@pytest.fixture
def public_base(settings):
    settings.SITE_BASE_URL = BASE


def addresses(text):
    return set(re.findall(r"https?://[^\s\"'<>\\}]+", text))


def on_the_base(found):
    """The page addresses among ``found`` (outside services such as share targets are left out)."""
    ours = {url for url in found if "testserver" in url or "localhost" in url or url.startswith(BASE)}
    assert ours, "no address of the site was found"
    return {url for url in ours if url != BASE and not url.startswith(BASE + "/")}


def test_citations_share_links_calendars_feeds_and_the_sitemap_name_the_public_base(
    client, demo, public_base
):
    article = ArticlePage.objects.live().public().filter(kind=ArticleKind.PUBLICATION).first()
    event = EventPage.objects.live().public().first()
    page = fetch(client, article.url)
    shown = {
        "canonical": page.select_one("link[rel=canonical]")["href"],
        "cite this": page.select_one("section.cite-this").get_text(" "),
        "share links": " ".join(link["href"] for link in page.select(".share-links a")),
    }
    assert shown["canonical"] == BASE + article.url
    for name in ("cite this", "share links"):
        assert BASE + article.url in shown[name].replace("%3A", ":").replace("%2F", "/"), name
    for url in (f"{article.url}cite/bibtex/", f"{article.url}cite/ris/", f"{event.url}ics/"):
        assert not on_the_base(addresses(client.get(url).content.decode())), url
    for url in ("/en/feeds/rss/", "/en/feeds/atom/", "/sitemap.xml", "/robots.txt"):
        found = addresses(client.get(url).content.decode())
        found = {
            address for address in found if "www.w3.org" not in address and "sitemaps.org" not in address
        }
        assert not on_the_base(found), url


def test_a_mail_links_to_the_public_base(client, demo, public_base):
    client.post(
        "/en/accounts/signup/",
        {"email": "reader@example.org", "password1": "a long pass phrase", "password2": "a long pass phrase"},
    )
    assert mail.outbox, "no confirmation mail was sent"
    assert not on_the_base(addresses(mail.outbox[-1].body))
