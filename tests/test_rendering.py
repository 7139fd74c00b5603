"""Every page of the demo site renders for a reader, with its title as the heading."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from experts.models import EXPERT_ARTICLES_PAGE_SIZE
from pages.models import (
    CONTEXT_KINDS,
    ArticleAuthor,
    ArticleKind,
    ArticlePage,
    ContextIndexPage,
    MenuLinkPage,
)
from tests.html import html

LOGIN_PATH = "/en/accounts/login/"


def heading(response):
    h1 = html(response).find("h1")
    return h1.get_text(" ", strip=True) if h1 else None


def texts(elements):
    return [element.get_text(" ", strip=True) for element in elements]


def live_pages(home):
    return Page.objects.live().descendant_of(home, inclusive=True).specific().order_by("path")


def is_members_only(page):
    return bool(page.get_view_restrictions())


def assert_redirects_to_login(response, page_url):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == LOGIN_PATH
    assert f"next={page_url}" in location.query


def what_is_wrong(page, response):
    """None when a page answers an anonymous reader as it should, else what went wrong."""
    if isinstance(page, MenuLinkPage):
        if response.status_code == 302 and response["Location"] == page.menu_url:
            return None
        return f"menu link answered {response.status_code}, not a redirect to {page.menu_url}"
    if is_members_only(page):
        if response.status_code == 302 and urlsplit(response["Location"]).path == LOGIN_PATH:
            return None
        return f"members-only page answered {response.status_code}, not a redirect to the login page"
    if response.status_code != 200:
        return f"status {response.status_code}"
    if heading(response) != page.title:
        return f"<h1> is {heading(response)!r}, expected {page.title!r}"
    return None


def test_every_page_renders_with_its_title_as_heading(client, demo):
    pages = list(live_pages(demo["home"]))
    assert len(pages) > 100  # the whole demo tree, articles included
    assert {type(page).__name__ for page in pages} >= {
        "HomePage",
        "ArticlePage",
        "EventPage",
        "MapPage",
        "ExpertPage",
    }
    problems = {}
    for page in pages:
        problem = what_is_wrong(page, client.get(page.get_url()))
        if problem:
            problems[page.get_url()] = problem
    assert problems == {}


def test_menu_link_page_redirects_to_signup(client, demo):
    registration = MenuLinkPage.objects.descendant_of(demo["home"]).get(slug="registration")
    response = client.get(registration.get_url())
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/signup/"


def members_area(home):
    return Page.objects.descendant_of(home).get(url_path=home.url_path + "context/members-area/").specific


def test_members_area_sends_anonymous_readers_to_login(client, demo):
    area = members_area(demo["home"])
    article = ArticlePage.objects.child_of(area).live().first()
    assert_redirects_to_login(client.get(area.get_url()), area.get_url())
    assert_redirects_to_login(client.get(article.get_url()), article.get_url())


def test_members_read_the_members_area(client, demo, member):
    client.force_login(member)
    area = members_area(demo["home"])
    article = ArticlePage.objects.child_of(area).live().order_by("-date", "-pk").first()

    response = client.get(area.get_url())
    assert response.status_code == 200
    assert heading(response) == "Members Area"
    assert article.title in texts(html(response).select(".listing-title a"))

    response = client.get(article.get_url())
    assert response.status_code == 200
    assert heading(response) == article.title


def test_logged_in_non_member_cannot_read_the_members_area(client, demo, reader):
    client.force_login(reader)
    area = members_area(demo["home"])
    response = client.get(area.get_url())
    assert response.status_code == 403
    assert heading(response) == "Members only"


def test_unknown_address_shows_the_sites_404_page(client, demo):
    response = client.get("/en/no-such-page/anywhere/")
    assert response.status_code == 404
    page = html(response)
    assert heading(response) == "Page not found"
    assert "The page you asked for does not exist or has moved." in page.get_text()
    # The site chrome is there, so the reader can find their way back.
    assert page.select(".main-menu a")


def public_articles_by(expert):
    return ArticlePage.objects.live().public().filter(authors__expert=expert).order_by("-date", "-pk")


def experts(demo):
    return sorted(demo["experts"], key=lambda expert: expert.pk)


def expert_page_articles(client, expert):
    """The article links of an expert's profile, in order: [(title, url), ...]."""
    response = client.get(expert.get_url())
    assert response.status_code == 200
    return [
        (link.get_text(strip=True), link["href"]) for link in html(response).select("#expert-articles + ul a")
    ]


def test_expert_page_lists_the_experts_articles(client, demo):
    expert = next(expert for expert in experts(demo) if public_articles_by(expert).exists())
    expected = public_articles_by(expert)[:EXPERT_ARTICLES_PAGE_SIZE]
    assert expert_page_articles(client, expert) == [
        (article.title, article.get_url()) for article in expected
    ]


def test_expert_page_shows_a_newly_linked_article_but_not_members_briefings(client, demo):
    # The expert with the fewest articles, so the newest article is sure to make their short list.
    expert = min(experts(demo), key=lambda expert: public_articles_by(expert).count())
    english = ArticlePage.objects.descendant_of(demo["home"])  # the expert is on the English site
    newest = english.live().public().exclude(authors__expert=expert).order_by("-date", "-pk").first()
    briefing = english.filter(kind=ArticleKind.MEMBERS).exclude(authors__expert=expert).first()
    assert (newest.title, newest.get_url()) not in expert_page_articles(client, expert)

    ArticleAuthor.objects.create(article=newest, expert=expert, sort_order=5)
    ArticleAuthor.objects.create(article=briefing, expert=expert, sort_order=5)

    shown = expert_page_articles(client, expert)
    assert (newest.title, newest.get_url()) in shown
    assert briefing.get_url() not in [url for _title, url in shown]


def test_expert_without_articles_says_so(client, demo):
    expert = experts(demo)[0]
    ArticleAuthor.objects.filter(expert=expert).delete()
    response = client.get(expert.get_url())
    assert "No articles by this expert yet." in texts(html(response).select(".empty-state"))


def topic_links(client, home):
    page = Page.objects.get(url_path=home.url_path + "about/issues-we-work-on/")
    response = client.get(page.get_url())
    assert response.status_code == 200
    return {link.get_text(strip=True): link["href"] for link in html(response).select(".topics h2 a")}


def test_issues_we_work_on_links_every_topic_to_the_filtered_context_page(client, demo):
    context_url = ContextIndexPage.objects.descendant_of(demo["home"]).get().get_url()
    links = topic_links(client, demo["home"])
    assert links == {topic.name: f"{context_url}?topic={topic.slug}" for topic in demo["topics"]}


def listed_article_urls(response):
    return {link["href"] for link in html(response).select(".listing-title a")}


@pytest.mark.parametrize("topic_index", [0, 3, 7])
def test_topic_link_shows_only_articles_of_that_topic(client, demo, topic_index):
    topic = demo["topics"][topic_index]
    url = topic_links(client, demo["home"])[topic.name]
    response = client.get(url)
    assert response.status_code == 200

    context = ContextIndexPage.objects.descendant_of(demo["home"]).get()
    of_topic = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(context)
        .filter(kind__in=CONTEXT_KINDS, topics=topic)
    )
    listed = listed_article_urls(response)
    assert listed  # the demo data tags every article with one or two topics
    assert listed <= {article.get_url() for article in of_topic}
    count = of_topic.count()
    assert html(response).select_one(".result-count").get_text(strip=True) == (
        f"{count} article" if count == 1 else f"{count} articles"
    )
    # A reader who does not filter sees more than one topic's articles.
    assert not listed_article_urls(client.get(context.get_url())) <= {a.get_url() for a in of_topic}
