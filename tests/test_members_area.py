"""The Members Area: only the Members group may read it, and its articles stay out of public lists."""

from urllib.parse import quote

import pytest
from wagtail.models import Locale, PageViewRestriction

from accounts.membership import MEMBERS_GROUP
from demo.articles import index_articles
from pages.models import ArticleIndexPage, ArticleKind, ArticlePage
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.html import crawl_listing, fetch, html, item_urls

MEMBERS_URL = "/en/context/members-area/"
LOGIN_URL = "/en/accounts/login/"
SEARCH_WORD = "Zanzibar"


def login_redirect(url):
    return f"{LOGIN_URL}?next={quote(url)}"


def links(soup):
    return {anchor["href"] for anchor in soup.select("main a[href]")}


def members_articles():
    """The English site's members briefings, newest first."""
    return (
        ArticlePage.objects.live()
        .filter(kind=ArticleKind.MEMBERS, locale=Locale.get_default())
        .order_by("-date", "-pk")
    )


@pytest.fixture
def members_index(demo):
    return ArticleIndexPage.objects.descendant_of(demo["home"]).get(
        kind=ArticleKind.MEMBERS, url_path__endswith="/members-area/"
    )


@pytest.fixture
def twin_articles(demo, members_index):
    """A public news item and a members briefing by the same expert, both dated today and indexed."""
    expert = demo["experts"][0]
    public = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        title=f"{SEARCH_WORD} talks resume",
        experts=[expert],
        publish=True,
    )
    private = ArticlePageFactory(
        parent=members_index, title=f"{SEARCH_WORD} talks: what we know", experts=[expert], publish=True
    )
    index_articles([public.pk, private.pk])
    return public, private


# --- who can reach the Members Area ---------------------------------------------------------------
def test_members_area_is_restricted_to_the_members_group(members_index):
    restriction = PageViewRestriction.objects.get(page=members_index)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert [group.name for group in restriction.groups.all()] == [MEMBERS_GROUP]


def test_anonymous_readers_are_sent_to_the_login_page(client, members_index):
    article = members_articles().first()
    for url in [MEMBERS_URL, article.url, f"{MEMBERS_URL}?page=2"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == login_redirect(url)
        assert article.title not in response.content.decode()


def test_the_login_page_the_reader_is_sent_to_exists(client, members_index):
    response = client.get(client.get(MEMBERS_URL)["Location"])
    assert response.status_code == 200
    assert fetch(client, LOGIN_URL).select_one("form input[name=password]") is not None


def test_logged_in_users_outside_members_are_told_why(client, signed_in_reader, members_index):
    # Wagtail alone would send a signed-in reader to the login page, which sends them straight back.
    article = members_articles().first()
    for url in [MEMBERS_URL, article.url]:
        response = client.get(url)
        assert response.status_code == 403, url
        page = html(response)
        assert page.h1.get_text(strip=True) == "Members only"
        assert article.title not in page.get_text()
        assert page.select_one("main a[href='/en/accounts/']") is not None


def test_members_see_the_list_and_read_the_articles(client, signed_in_member, members_index):
    expected = [article.url for article in members_articles()]
    assert expected
    assert crawl_listing(client, MEMBERS_URL) == expected

    article = members_articles().first()
    page = fetch(client, article.url)
    assert page.h1.get_text(strip=True) == article.title
    assert page.select_one(".kind-label").get_text(strip=True) == "Members briefing"


# --- members articles stay out of public lists ----------------------------------------------------
def test_members_articles_are_absent_from_public_lists(client, demo, twin_articles):
    public, private = twin_articles
    expert = public.authors.get().expert
    pages = {
        "context": fetch(client, "/en/context/"),
        "home": fetch(client, "/en/"),
        "expert": fetch(client, expert.url),
        "search": fetch(client, "/en/search/", {"q": SEARCH_WORD}),
    }
    seen = {name: (public.url in links(soup), private.url in links(soup)) for name, soup in pages.items()}
    assert seen == dict.fromkeys(pages, (True, False))
    assert private.title not in pages["search"].get_text()


def test_seeded_members_titles_are_not_found_by_search(client, members_index):
    for article in members_articles():
        soup = fetch(client, "/en/search/", {"q": article.title})
        assert article.url not in links(soup), article.title


def test_member_still_sees_members_articles_only_in_the_members_area(client, signed_in_member, twin_articles):
    public, private = twin_articles
    assert private.url not in item_urls(fetch(client, "/en/context/"))
    assert item_urls(fetch(client, MEMBERS_URL))[0] == private.url


# --- new members sections ------------------------------------------------------------------------
def test_new_members_section_is_restricted_automatically(client, demo):
    context = demo["sections"][ArticleKind.NEWS].get_parent()
    section = ArticleIndexPageFactory(parent=context, title="Members briefings 2", kind=ArticleKind.MEMBERS)

    restriction = PageViewRestriction.objects.get(page=section)
    assert list(restriction.groups.values_list("name", flat=True)) == [MEMBERS_GROUP]
    assert client.get(section.url)["Location"] == login_redirect(section.url)


def test_section_changed_to_members_kind_becomes_restricted(client, demo):
    context = demo["sections"][ArticleKind.NEWS].get_parent()
    section = ArticleIndexPageFactory(parent=context, title="Open notes", kind=ArticleKind.NEWS)
    assert not PageViewRestriction.objects.filter(page=section).exists()
    assert client.get(section.url).status_code == 200

    section.kind = ArticleKind.MEMBERS
    section.save()
    assert client.get(section.url)["Location"] == login_redirect(section.url)
