"""Deep pages of the article archive: the same rows as a plain OFFSET would give, in the same
queries as page 1, and up to date after a publish."""

import re

import pytest
from django.core.paginator import Paginator
from faker import Faker

from core.paging import ANCHOR_STRIDE
from demo.articles import create_articles
from pages.listing import LISTING_ORDER, LISTING_PAGE_SIZE
from pages.models import CONTEXT_KINDS, ArticleKind, ArticlePage
from tests.conftest import page_at, warm_query_count

ARCHIVE = 2_400  # twelve anchors, so pages on both sides of several of them


@pytest.fixture
def large_archive(demo, rng):
    create_articles(demo["sections"][ArticleKind.NEWS], ARCHIVE, rng, dict(demo, faker=Faker()))
    return demo


def context_articles(home):
    return ArticlePage.objects.live().public().descendant_of(home).filter(kind__in=CONTEXT_KINDS)


def listed_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'class="listing-title"><a href="[^"]+">([^<]+)</a>', html), html


def shown_count(html):
    """The number in "2,430 articles" above the list."""
    return int(re.sub(r"\D", "", re.search(r'class="result-count">([^<]+)<', html).group(1)))


@pytest.mark.django_db
def test_deep_pages_list_what_an_offset_would(client, large_archive):
    expected = Paginator(context_articles(large_archive["home"]).order_by(*LISTING_ORDER), LISTING_PAGE_SIZE)
    anchor_page = ANCHOR_STRIDE // LISTING_PAGE_SIZE
    pages = [1, anchor_page, anchor_page + 1, 2 * anchor_page + 1, 7 * anchor_page - 1, expected.num_pages]
    for number in pages:
        titles, html = listed_titles(client, f"/en/context/?page={number}")
        assert titles == [a.title for a in expected.page(number).object_list], number
        assert f'<span aria-current="page">{number}</span>' in html
        assert shown_count(html) == expected.count


@pytest.mark.django_db
def test_filtered_deep_pages_list_what_an_offset_would(client, large_archive):
    region = large_archive["regions"][0]
    filtered = context_articles(large_archive["home"]).filter(regions=region, kind=ArticleKind.NEWS)
    expected = Paginator(filtered.order_by(*LISTING_ORDER), LISTING_PAGE_SIZE)
    assert expected.count > ANCHOR_STRIDE
    for number in (ANCHOR_STRIDE // LISTING_PAGE_SIZE + 2, expected.num_pages):
        titles, _html = listed_titles(client, f"/en/context/?region={region.slug}&type=news&page={number}")
        assert titles == [a.title for a in expected.page(number).object_list], number


@pytest.mark.django_db
def test_last_page_costs_the_queries_of_the_first(client, large_archive):
    last = Paginator(context_articles(large_archive["home"]).order_by("pk"), LISTING_PAGE_SIZE).num_pages
    assert last > 200
    first = warm_query_count(client, "/en/context/")
    assert warm_query_count(client, f"/en/context/?page={last}") == first
    assert warm_query_count(client, f"/en/context/?page={last // 2}") == first
    assert warm_query_count(client, "/en/context/news/?page=150") == warm_query_count(
        client, "/en/context/news/"
    )


@pytest.mark.django_db
def test_a_published_article_moves_every_page_along(client, large_archive):
    home = large_archive["home"]
    before, _html = listed_titles(client, "/en/context/?page=30")
    news = page_at(home, "context/news/")
    newest = context_articles(home).order_by(*LISTING_ORDER).first()
    article = ArticlePage(title="Straits reopened", date=newest.date, summary="Ships pass again.")
    news.add_child(instance=article)
    article.save_revision().publish()

    first, html = listed_titles(client, "/en/context/")
    after, _html = listed_titles(client, "/en/context/?page=30")
    assert first[0] == "Straits reopened"
    assert after[1:] == before[:-1]
    assert after == [a.title for a in context_articles(home).order_by(*LISTING_ORDER)[290:300]]
    assert shown_count(html) == context_articles(home).count()
