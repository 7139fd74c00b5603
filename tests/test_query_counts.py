"""Listings and article pages run a fixed number of SQL queries, whatever the archive size.

Each page is requested once to warm caches (menus, renditions), then counted on the second
request, first with the small seeded archive and again after adding 2,000 articles.
"""

import pytest
from faker import Faker

from demo.articles import create_articles
from experts.models import ExpertPage
from pages.models import ArticleKind, ArticlePage
from tests.conftest import warm_query_count

LARGE_ARCHIVE = 2000
# Warm query budgets per page (issue: article and Context ≤ 12, home ≤ 15).
BUDGETS = {
    "home": 15,
    "context first page": 12,
    "context last page": 12,
    "context filtered": 12,
    "news section": 12,
    "article": 12,
    "expert": 12,
    "russian context": 12,
    "russian article": 12,
}


def last_context_page(home):
    from pages.listing import LISTING_PAGE_SIZE
    from pages.models import CONTEXT_KINDS

    articles = ArticlePage.objects.live().public().descendant_of(home).filter(kind__in=CONTEXT_KINDS).count()
    return -(-articles // LISTING_PAGE_SIZE)


def page_urls(demo):
    home = demo["home"]  # the English site, at /en/
    article = (
        ArticlePage.objects.live()
        .descendant_of(home)
        .filter(kind=ArticleKind.NEWS, main_image__isnull=False, authors__isnull=False)
        .order_by("pk")
        .first()
    )
    expert = (
        ExpertPage.objects.descendant_of(home)
        .filter(pages_articleauthor_links__isnull=False)
        .order_by("pk")
        .first()
    )
    region = demo["regions"][0].slug
    return {
        "home": "/en/",
        "context first page": "/en/context/",
        "context last page": f"/en/context/?page={last_context_page(home)}",
        "context filtered": f"/en/context/?region={region}&type=news&page=2",
        "news section": "/en/context/news/?page=2",
        "article": article.url,
        "expert": expert.url,
        "russian context": "/ru/context/",
        "russian article": ArticlePage.objects.live()
        .filter(locale__language_code="ru", kind=ArticleKind.NEWS)
        .first()
        .url,
    }


def warm_query_counts(client, urls):
    return {name: warm_query_count(client, url) for name, url in urls.items()}


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_archive(client, demo, rng):
    urls = page_urls(demo)
    small = warm_query_counts(client, urls)

    context = dict(demo, faker=Faker())
    create_articles(demo["sections"][ArticleKind.NEWS], LARGE_ARCHIVE, rng, context)
    assert ArticlePage.objects.count() > LARGE_ARCHIVE
    large = warm_query_counts(client, page_urls(demo))

    assert large == small
    over_budget = {name: count for name, count in large.items() if count > BUDGETS[name]}
    assert over_budget == {}


# The listing itself, the menu's three counts (forum posts, order requests, members) and the admin's own reads.
ADMIN_ARTICLES_BUDGET = 35


@pytest.mark.django_db
def test_admin_articles_list_queries_do_not_grow_with_the_archive(admin_client, demo, rng):
    """Fifty rows with their buttons (copy, unpublish, workflow state) in the same queries at any size."""
    region = demo["regions"][0]
    urls = [
        "/admin/articles/",
        "/admin/articles/?p=2",
        f"/admin/articles/?regions={region.slug}",
    ]
    small = [warm_query_count(admin_client, url) for url in urls]

    create_articles(demo["sections"][ArticleKind.NEWS], LARGE_ARCHIVE, rng, dict(demo, faker=Faker()))
    large = [warm_query_count(admin_client, url) for url in urls + ["/admin/articles/?p=30"]]

    assert large[:3] == small
    assert large[3] == large[0]
    assert max(large) <= ADMIN_ARTICLES_BUDGET
