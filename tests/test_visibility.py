"""Restricting or opening a section changes the public listings on the very next request."""

from wagtail.models import PageViewRestriction

from pages.models import ArticleKind
from tests.html import fetch, text


def context_titles(client):
    return {text(link) for link in fetch(client, "/en/context/").select(".listing-title a")}


def test_restricting_a_section_hides_its_articles_at_once_and_reopening_shows_them(client, demo):
    news = demo["sections"][ArticleKind.NEWS]
    newest_news = news.get_children().live().order_by("-articlepage__date", "-pk").first()
    context_titles(client)  # warm every cache

    restriction = PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    hidden = context_titles(client)
    assert newest_news.title not in hidden
    assert client.get(newest_news.url).status_code == 302

    restriction.delete()
    assert client.get(newest_news.url).status_code == 200
    shown = fetch(client, "/en/context/", {"type": "news"})
    assert newest_news.title in {text(link) for link in shown.select(".listing-title a")}
