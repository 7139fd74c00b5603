"""The parts of a page kept in the shared cache (an article's text, a listing, the home page's
articles): a warm view costs fewer queries, and a reader never sees them out of date after an
editor's change, nor an editor's draft, nor what another reader may not see."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from experts.models import ExpertPage
from pages.models import ArticleAuthor, ArticleKind, ArticlePage
from tests.conftest import warm_query_count
from tests.factories import ArticlePageFactory
from tests.test_members_area import LOGIN_URL, members_articles

CONTEXT_URL = "/en/context/"


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def article(demo):
    page = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS], title="Harbour dues in the Baltic", publish=True
    )
    page.regions.set([demo["regions"][0]])
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_a_second_view_costs_fewer_queries_than_rendering_the_page(client, article):
    for url in (article.url, CONTEXT_URL, "/en/"):
        client.get(url)
        cached = queries_of(client, url)  # the second view: the parts the first one kept
        assert cached < warm_query_count(client, url), url  # every part rendered, other caches warm


@pytest.mark.django_db
def test_a_published_change_shows_at_once(client, article):
    assert "Harbour dues in the Baltic" in page_text(client, article.url)
    article.summary = "Port fees rose twice this spring."
    article.save_revision().publish()
    assert "Port fees rose twice this spring." in page_text(client, article.url)
    assert "Port fees rose twice this spring." in page_text(client, CONTEXT_URL)
    assert "Port fees rose twice this spring." in page_text(client, "/en/")


@pytest.mark.django_db
def test_a_renamed_region_shows_at_once_on_the_article_and_in_the_filters(client, article, demo):
    region = demo["regions"][0]
    assert region.name in page_text(client, article.url)
    page_text(client, CONTEXT_URL)
    region.name = "Baltic Sea rim"
    region.save()
    assert ">Baltic Sea rim</a>" in page_text(client, article.url)
    assert ">Baltic Sea rim</option>" in page_text(client, CONTEXT_URL)


@pytest.mark.django_db
def test_a_preview_shows_the_draft_and_the_readers_keep_the_published_text(client, article):
    page_text(client, article.url)  # the published text is now cached
    article.summary = "Draft: not for readers yet."
    article.save_revision()
    draft = article.get_latest_revision_as_object()
    preview = draft.make_preview_request()
    assert "Draft: not for readers yet." in preview.content.decode()
    shown = page_text(client, article.url)
    assert "Draft: not for readers yet." not in shown
    assert "Harbour dues in the Baltic" in shown


@pytest.mark.django_db
def test_a_members_briefing_read_by_a_member_stays_closed_to_others(client, member, demo):
    briefing = members_articles().first()
    client.force_login(member)
    assert briefing.title in page_text(client, briefing.url)
    client.logout()
    response = client.get(briefing.url)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.django_db
def test_restricting_a_section_takes_its_articles_out_of_the_cached_listing(client, article, demo):
    assert article.title in page_text(client, CONTEXT_URL)
    PageViewRestriction.objects.create(page=demo["sections"][ArticleKind.NEWS], restriction_type="login")
    assert article.title not in page_text(client, CONTEXT_URL)


@pytest.mark.django_db
def test_page_links_keep_exactly_the_parameters_of_each_address(client, demo):
    plain = page_text(client, f"{CONTEXT_URL}?page=2")
    assert 'href="?page=3"' in plain
    tracked = page_text(client, f"{CONTEXT_URL}?page=2&ref=newsletter")
    assert 'href="?page=3&amp;ref=newsletter"' in tracked or 'href="?ref=newsletter&amp;page=3"' in tracked
    # The cached copy for ?page=2 did not take the other address's parameter.
    assert 'href="?page=3"' in page_text(client, f"{CONTEXT_URL}?page=2")
    region = demo["regions"][0].slug
    selected = f'<option value="{region}" selected>'
    assert selected in page_text(client, f"{CONTEXT_URL}?region={region}")
    assert selected not in page_text(client, CONTEXT_URL)
    assert selected not in page_text(client, f"{CONTEXT_URL}?region=nowhere")


def head_of(client, url):
    """The description and the JSON-LD of a page's head."""
    soup = BeautifulSoup(page_text(client, url), "html.parser")
    return soup.find("meta", attrs={"name": "description"})["content"], soup.find(
        "script", type="application/ld+json"
    ).get_text()


@pytest.mark.django_db
def test_the_head_is_kept_too_and_a_second_view_reads_no_authors(client, article, demo):
    expert = ExpertPage.objects.filter(locale=article.locale).order_by("pk").first()
    head_of(client, article.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    assert not [query for query in queries.captured_queries if "pages_articleauthor" in query["sql"]]

    article.summary = "Port fees rose twice this spring."
    article.authors = [ArticleAuthor(expert=expert)]
    article.save_revision().publish()
    description, json_ld = head_of(client, article.url)
    assert description == "Port fees rose twice this spring."
    assert expert.title in json_ld
    # A filtered address has a head of its own (noindex), never kept for the plain one.
    filtered = BeautifulSoup(page_text(client, f"{article.url}?region=x"), "html.parser")
    assert filtered.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    assert (
        BeautifulSoup(page_text(client, article.url), "html.parser").find("meta", attrs={"name": "robots"})
        is None
    )
