"""RSS and Atom feeds (pages/feeds.py), read with feedparser the way a feed reader reads them: what
each feed carries, in which language, never a members-only article, how pages and the footer lead to
them, that the page cache may keep them, and a fixed number of queries whatever their length."""

from datetime import UTC, date, datetime, timedelta
from html import unescape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import re_path
from django.views.static import serve
from wagtail.models import Locale

from config.urls import urlpatterns as site_urlpatterns
from core import cache_purge
from experts.models import ExpertPage
from pages.feeds import FEED_LENGTH
from pages.models import (
    CONTEXT_KINDS,
    ArticleIndexPage,
    ArticleKind,
    ArticlePage,
    ContextIndexPage,
    Region,
    Topic,
)
from tests.conftest import warm_query_count
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.html import fetch, text
from tests.varnish_support import RecordingBackend

FORMATS = ["rss", "atom"]
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
LABELS = {"rss": "RSS", "atom": "Atom"}
MEMBERS_SECTION = "members-area"

# The site's URLs with uploaded files served from MEDIA_ROOT (as `make run`'s DEBUG server does),
# so that an enclosure's address can be fetched.
urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]


# --- helpers ---------------------------------------------------------------------------------------
def local(url):
    """The path and query of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return parsed


def feed_url(language, fmt, query=""):
    return f"/{language}/feeds/{fmt}/{query}"


def published_on(entry):
    """The day an item was published, in the site's time zone (feedparser gives UTC)."""
    moment = datetime(*entry.published_parsed[:6], tzinfo=UTC)
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def titles(parsed):
    return [entry.title for entry in parsed.entries]


def newest(articles):
    """The oracle: Wagtail's own .public(), newest first, as many as a feed carries."""
    return list(articles.live().public().order_by("-date", "-pk")[:FEED_LENGTH])


def context_of(language):
    return ContextIndexPage.objects.get(locale__language_code=language)


def context_articles(language):
    return ArticlePage.objects.descendant_of(context_of(language)).filter(kind__in=CONTEXT_KINDS)


def members_section(language="en"):
    return ArticleIndexPage.objects.get(kind=ArticleKind.MEMBERS, locale__language_code=language)


def public_sections(language="en"):
    return list(
        ArticleIndexPage.objects.live().public().filter(locale__language_code=language).order_by("path")
    )


def an_expert_with_articles():
    return (
        ExpertPage.objects.filter(locale=Locale.get_default(), pages_articleauthor_links__isnull=False)
        .order_by("pk")
        .first()
    )


@pytest.fixture
def tagged(demo):
    """A region, a topic and an expert of the English site, with the news section and a picture."""
    return {
        "region": demo["regions"][0],
        "topic": demo["topics"][0],
        "expert": demo["experts"][0],
        "section": demo["sections"][ArticleKind.NEWS],
        "image": demo["images"][0],
    }


@pytest.fixture
def featured(tagged):
    """The newest article of all: two expert authors, a free byline, a region, a topic, a picture."""
    second_expert = (
        ExpertPage.objects.filter(locale=Locale.get_default()).exclude(pk=tagged["expert"].pk).first()
    )
    return ArticlePageFactory(
        parent=tagged["section"],
        title="Gas corridors after the winter",
        date=date.today() + timedelta(days=30),
        byline="Jane Roe, University of Vienna",
        experts=[tagged["expert"], second_expert],
        regions=[tagged["region"]],
        topics=[tagged["topic"]],
        main_image=tagged["image"],
    )


@pytest.fixture
def briefing(tagged):
    """A members' briefing newer than everything, tagged and written like any public article."""
    return ArticlePageFactory(
        parent=members_section(),
        title="Confidential: pipeline negotiations",
        date=date.today() + timedelta(days=60),
        experts=[tagged["expert"]],
        regions=[tagged["region"]],
        topics=[tagged["topic"]],
        main_image=tagged["image"],
    )


# --- what the feeds carry --------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_context_feed_has_the_newest_public_context_articles(client, demo, fmt):
    parsed = read_feed(client, feed_url("en", fmt))
    expected = newest(context_articles("en"))
    assert parsed.feed.title == "European Geopolitical Forum – Context"
    assert local(parsed.feed.link) == "/en/context/"
    assert titles(parsed) == [article.title for article in expected]
    for entry, article in zip(parsed.entries, expected, strict=True):
        assert local(entry.link) == article.url
        assert unescape(entry.summary) == article.summary
        assert published_on(entry) == article.date
        assert client.get(local(entry.link)).status_code == 200, entry.link


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("fmt", FORMATS)
def test_items_name_their_authors_regions_topics_and_picture(client, featured, tagged, fmt):
    entry = read_feed(client, feed_url("en", fmt)).entries[0]
    assert entry.title == featured.title
    first, second = (link.expert.title for link in featured.authors.order_by("sort_order"))
    assert entry.author == f"{first}, {second} and Jane Roe, University of Vienna"
    assert {tag.term for tag in entry.tags} == {tagged["region"].name, tagged["topic"].name}

    [enclosure] = entry.enclosures
    picture = client.get(local(enclosure.href))
    assert picture.status_code == 200
    body = b"".join(picture.streaming_content)
    assert picture["Content-Type"].startswith("image/")
    assert enclosure.type == picture["Content-Type"]
    assert int(enclosure.length) == len(body)


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_region_topic_and_expert_feeds_list_their_own_articles(client, featured, tagged, fmt):
    region, topic = tagged["region"], tagged["topic"]
    expert = an_expert_with_articles()
    feeds = {
        f"?region={region.slug}": context_articles("en").filter(regions=region),
        f"?topic={topic.slug}": context_articles("en").filter(topics=topic),
        f"?expert={expert.slug}": ArticlePage.objects.filter(authors__expert=expert),
        **{
            f"?section={section.slug}": ArticlePage.objects.descendant_of(section)
            for section in public_sections()
        },
    }
    for query, articles in feeds.items():
        parsed = read_feed(client, feed_url("en", fmt, query))
        expected = newest(articles)
        assert expected, query
        assert titles(parsed) == [article.title for article in expected], query
    region_feed = read_feed(client, feed_url("en", fmt, f"?region={region.slug}"))
    assert region_feed.feed.title == f"European Geopolitical Forum – Context: {region.name}"
    assert local(region_feed.feed.link) == f"/en/context/?region={region.slug}"
    assert all(region.name in {tag.term for tag in entry.tags} for entry in region_feed.entries)
    expert_feed = read_feed(client, feed_url("en", fmt, f"?expert={expert.slug}"))
    assert local(expert_feed.feed.link) == expert.url
    assert all(expert.title in entry.author for entry in expert_feed.entries)


@pytest.mark.parametrize("fmt", FORMATS)
def test_russian_feeds_carry_russian_articles_only(client, demo, fmt):
    russian = Locale.objects.get(language_code="ru")
    region = Region.objects.filter(locale=russian).first()
    topic = Topic.objects.filter(locale=russian).first()
    russian_articles = set(ArticlePage.objects.filter(locale=russian).values_list("title", flat=True))
    parsed = read_feed(client, feed_url("ru", fmt))
    assert parsed.feed.title == f"Европейский геополитический форум – {context_of('ru').title}"
    assert titles(parsed) == [article.title for article in newest(context_articles("ru"))]
    assert parsed.entries
    for query in ["", f"?region={region.slug}", f"?topic={topic.slug}"]:
        parsed = read_feed(client, feed_url("ru", fmt, query))
        assert set(titles(parsed)) <= russian_articles, query
        assert all(urlsplit(entry.link).path.startswith("/ru/") for entry in parsed.entries), query


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_members_briefing_is_in_no_feed(client, briefing, tagged, fmt):
    queries = [
        "",
        f"?region={tagged['region'].slug}",
        f"?topic={tagged['topic'].slug}",
        f"?expert={tagged['expert'].slug}",
        *(f"?section={section.slug}" for section in public_sections()),
    ]
    for query in queries:
        assert briefing.title not in titles(read_feed(client, feed_url("en", fmt, query))), query
        assert briefing.summary.encode() not in client.get(feed_url("en", fmt, query)).content, query
    assert client.get(feed_url("en", fmt, f"?section={MEMBERS_SECTION}")).status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "query",
    [
        "?section=no-such-section",
        "?region=atlantis",
        "?topic=no-such-topic",
        "?expert=nobody-at-all",
        "?region=",
        f"?section={MEMBERS_SECTION}",
        "?region=caucasus&topic=energy",
    ],
)
def test_unknown_or_private_sources_are_not_found(client, demo, fmt, query):
    assert client.get(feed_url("en", fmt, query)).status_code == 404


# --- finding the feeds -----------------------------------------------------------------------------
def feed_links(client, url):
    page = fetch(client, url)
    return {
        (link["type"], link["title"]): link["href"]
        for link in page.select('head link[rel="alternate"][type]')
        if link["type"] in FEED_TYPES.values()
    }


def assert_links_lead_to_their_feeds(client, links):
    for (feed_type, title), href in links.items():
        parsed = read_feed(client, href)
        fmt = "rss" if feed_type == FEED_TYPES["rss"] else "atom"
        assert title == f"{parsed.feed.title} ({LABELS[fmt]})", href


def test_context_sections_and_experts_announce_their_feeds(client, demo, tagged):
    region, topic = tagged["region"], tagged["topic"]
    expert = an_expert_with_articles()
    site = "European Geopolitical Forum"
    pages = {
        "/en/context/": [f"{site} – Context"],
        tagged["section"].url: [f"{site} – {tagged['section'].title}"],
        expert.url: [f"{site} – {expert.title}"],
        f"/en/context/?region={region.slug}": [f"{site} – Context: {region.name}", f"{site} – Context"],
        f"/en/context/?topic={topic.slug}": [f"{site} – Context: {topic.name}", f"{site} – Context"],
        "/en/context/?region=atlantis": [f"{site} – Context"],
        "/ru/context/": [f"Европейский геополитический форум – {context_of('ru').title}"],
    }
    for url, feed_titles in pages.items():
        links = feed_links(client, url)
        expected = {(FEED_TYPES[fmt], f"{title} ({LABELS[fmt]})") for title in feed_titles for fmt in FORMATS}
        assert set(links) == expected, url
        assert_links_lead_to_their_feeds(client, links)


def test_pages_without_a_feed_and_the_members_area_announce_none(client, demo, signed_in_member):
    article = ArticlePage.objects.live().public().filter(locale=Locale.get_default()).first()
    for url in ["/en/", article.url, members_section().url]:
        assert feed_links(client, url) == {}, url


def test_the_footer_leads_to_a_page_listing_every_feed(client, demo):
    for language, label in [("en", "RSS feeds"), ("ru", "RSS-ленты")]:
        footer = fetch(client, f"/{language}/").select_one(".site-footer")
        link = footer.find("a", string=label)
        assert link is not None and link["href"] == f"/{language}/feeds/", language

        page = fetch(client, link["href"])
        assert text(page.find("h1")) == label
        hrefs = [a["href"] for a in page.select("main .feed-list a")]
        sections = public_sections(language)
        context = context_of(language)
        listed = 1 + len(sections) + Region.objects.filter(locale=context.locale).count()
        listed += Topic.objects.filter(locale=context.locale).count()
        assert len(hrefs) == 2 * listed
        assert feed_url(language, "rss") in hrefs and feed_url(language, "atom") in hrefs
        assert not any(MEMBERS_SECTION in href for href in hrefs)
        for href in hrefs:
            assert read_feed(client, href).feed.title, href


# --- the page cache --------------------------------------------------------------------------------
def test_feeds_and_their_page_may_be_shared(client, tagged, member):
    topic_feed = feed_url("en", "rss", f"?topic={tagged['topic'].slug}")
    for url in [feed_url("en", "rss"), feed_url("ru", "atom"), topic_feed, "/en/feeds/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=60, s-maxage=600", url
        assert not response.cookies, url
    client.force_login(member)
    assert client.get(feed_url("en", "rss"))["Cache-Control"] == "private, no-store"


@pytest.fixture
def recording(settings):
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": "tests.varnish_support.RecordingBackend"}}
    RecordingBackend.reset()
    cache_purge.pending.batch = None
    yield RecordingBackend
    RecordingBackend.reset()


def test_publishing_an_article_purges_every_feed_in_both_languages(
    demo, recording, django_capture_on_commit_callbacks
):
    article = newest(context_articles("en"))[0]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A new title for the feeds"
        article.save_revision().publish()
    purged = {local(url) for url in RecordingBackend.purged}
    # A purge drops a path with all its query strings, so these four carry every section, region,
    # topic and expert feed with them.
    expected = {f"/{language}/feeds/{fmt}/" for language in ("en", "ru") for fmt in FORMATS}
    assert expected | {"/en/feeds/", "/ru/feeds/", "/sitemap.xml"} <= purged


# --- queries ---------------------------------------------------------------------------------------
def test_feeds_run_a_fixed_number_of_queries_however_many_items(client, tagged):
    section = ArticleIndexPageFactory(parent=context_of("en"), kind=ArticleKind.NEWS)
    expert = tagged["expert"]

    def add(count, offset):
        for number in range(count):
            ArticlePageFactory(
                parent=section,
                date=date.today() + timedelta(days=100 + offset + number),
                experts=[expert],
                byline="A. Guest",
                regions=[tagged["region"]],
                topics=[tagged["topic"]],
                main_image=tagged["image"] if number % 2 else None,
            )

    queries = [
        "",
        f"?section={section.slug}",
        f"?region={tagged['region'].slug}",
        f"?topic={tagged['topic'].slug}",
        f"?expert={expert.slug}",
    ]
    urls = [feed_url("en", fmt, query) for fmt in FORMATS for query in queries]

    add(5, 0)
    few = {url: warm_query_count(client, url) for url in urls}
    assert len(read_feed(client, feed_url("en", "rss", f"?section={section.slug}")).entries) == 5
    add(20, 5)
    many = {url: warm_query_count(client, url) for url in urls}
    assert len(read_feed(client, feed_url("en", "rss", f"?section={section.slug}")).entries) == FEED_LENGTH

    assert many == few
    assert max(many.values()) <= 7, many
