"""The Context listing and every article section: order, items, filters, pagination, bad input.

Expected results are worked out in Python from the articles in the database, then compared
with what a reader sees in the HTML.
"""

from datetime import date
from math import ceil
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import dateformat
from faker import Faker

from demo.articles import create_articles
from pages.listing import LISTING_PAGE_SIZE
from pages.models import CONTEXT_KINDS, ArticleKind, ArticlePage
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.html import crawl_listing, fetch, html, item_urls, listing_items, listing_pages

CONTEXT_URL = "/en/context/"
BIG_ARCHIVE = 400
NO_MATCH = "No articles match"


# --- helpers -------------------------------------------------------------------------------------
def item_dates(soup):
    return [date.fromisoformat(item.select_one("time")["datetime"]) for item in listing_items(soup)]


def public_articles(root, kinds=CONTEXT_KINDS):
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(root)
        .filter(kind__in=kinds)
        .prefetch_related("regions", "topics")
        .order_by("-date", "-pk")
    )


def matching(articles, region=None, type=None, topic=None):
    """The articles a reader expects for the chosen filters, newest first."""
    return [
        article.url
        for article in articles
        if (region is None or region in {r.slug for r in article.regions.all()})
        and (topic is None or topic in {t.slug for t in article.topics.all()})
        and (type is None or article.kind == type)
    ]


def pagination_labels(soup):
    """What the page-number bar shows, without Previous/Next."""
    items = soup.select("nav.pagination li")
    labels = [item.get_text(strip=True) for item in items if not item.select_one("a[rel]")]
    return labels


def current_page(soup):
    return int(soup.select_one("nav.pagination [aria-current=page]").get_text(strip=True))


# --- fixtures ------------------------------------------------------------------------------------
@pytest.fixture
def context_page(demo):
    return demo["sections"][ArticleKind.NEWS].get_parent().specific


@pytest.fixture
def big_archive(demo, rng):
    faker = Faker()
    faker.seed_instance(7)
    create_articles(demo["sections"][ArticleKind.NEWS], BIG_ARCHIVE, rng, dict(demo, faker=faker))


@pytest.fixture
def authored_article(demo):
    """The newest article of all, written by an expert who has a job title."""
    expert = next(expert for expert in demo["experts"] if expert.job_title)
    return ArticlePageFactory(
        parent=demo["sections"][ArticleKind.PUBLICATION],
        title="Caspian shipping after the ceasefire",
        date=date.today(),
        experts=[expert],
        regions=demo["regions"][:1],
        topics=demo["topics"][:1],
        publish=True,
    )


# --- order and items -----------------------------------------------------------------------------
def test_context_lists_news_publications_and_reviews_newest_first(client, context_page):
    articles = list(public_articles(context_page))
    assert {article.kind for article in articles} == set(CONTEXT_KINDS)
    expected = [article.url for article in articles]

    first = fetch(client, CONTEXT_URL)
    dates = item_dates(first)
    assert len(dates) == LISTING_PAGE_SIZE
    assert dates == sorted(dates, reverse=True)
    assert f"{len(expected)} articles" in first.select_one(".result-count").get_text()
    assert crawl_listing(client, CONTEXT_URL) == expected


def test_articles_of_the_same_day_show_the_latest_added_first(client, demo):
    sections = demo["sections"]
    earlier = ArticlePageFactory(
        parent=sections[ArticleKind.REVIEW], title="Review: An earlier book", publish=True
    )
    later = ArticlePageFactory(parent=sections[ArticleKind.NEWS], title="Pipeline deal signed", publish=True)
    assert item_urls(fetch(client, CONTEXT_URL))[:2] == [later.url, earlier.url]


def test_listing_item_shows_label_title_byline_summary_read_more_and_date(client, authored_article):
    expert = authored_article.authors.get().expert
    item = listing_items(fetch(client, CONTEXT_URL))[0]

    assert item.select_one(".kind-label").get_text(strip=True) == "Publication"
    title_link = item.select_one(".listing-title a")
    assert (title_link.get_text(strip=True), title_link["href"]) == (
        authored_article.title,
        authored_article.url,
    )
    assert item.select_one(".byline").get_text(strip=True) == f"By {expert.title}, {expert.job_title}"
    assert item.select_one(".summary").get_text(strip=True) == authored_article.summary
    read_more = item.select_one("a.read-more")
    shown = "".join(read_more.find_all(string=True, recursive=False)).strip()
    assert (shown, read_more["href"]) == ("READ MORE", authored_article.url)
    # Out of context (a screen reader's list of links, a search engine) the link names its article.
    assert read_more.get_text(strip=True) == f"READ MORE: {authored_article.title}"
    assert read_more.select_one(".visually-hidden").get_text(strip=True) == f": {authored_article.title}"
    assert item.select_one("time").get_text(strip=True) == dateformat.format(authored_article.date, "j F Y")


def test_articles_without_expert_author_or_byline_show_no_byline(client, demo):
    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS], title="Grain corridor reopens", publish=True
    )
    item = listing_items(fetch(client, CONTEXT_URL))[0]
    assert item.select_one(".listing-title a")["href"] == article.url
    assert item.select_one(".byline") is None


def test_members_area_articles_never_appear_in_context(client, context_page):
    members = ArticlePage.objects.filter(kind=ArticleKind.MEMBERS)
    public_titles = {article.title for article in public_articles(context_page)}
    private_titles = {article.title for article in members} - public_titles
    assert private_titles, "the demo site should have members-only articles"

    pages = list(listing_pages(client, CONTEXT_URL))
    urls = [address for soup in pages for address in item_urls(soup)]
    assert urls and not [url for url in urls if "/members-area/" in url]
    shown_titles = {title for soup in pages for title in private_titles if title in soup.get_text()}
    assert shown_titles == set()
    assert "members" not in [option["value"] for option in pages[0].select("#filter-type option")]

    # Asking for the members type directly shows nothing either.
    by_type = fetch(client, CONTEXT_URL, {"type": ArticleKind.MEMBERS})
    assert listing_items(by_type) == []
    assert NO_MATCH in by_type.get_text()


# --- filters -------------------------------------------------------------------------------------
FILTER_CASES = [
    ("region",),
    ("type",),
    ("topic",),
    ("region", "type"),
    ("type", "topic"),
    ("region", "type", "topic"),
]


def filters_from(article, names):
    """Filter values taken from one real article, so the combination matches something."""
    values = {
        "region": article.regions.first().slug,
        "type": article.kind,
        "topic": article.topics.first().slug,
    }
    return {name: values[name] for name in names}


@pytest.mark.parametrize("names", FILTER_CASES, ids="+".join)
def test_filters_narrow_the_context_listing(client, context_page, names):
    articles = list(public_articles(context_page))
    sample = next(article for article in articles if article.kind == ArticleKind.PUBLICATION)
    params = filters_from(sample, names)
    expected = matching(articles, **params)
    assert sample.url in expected and len(expected) < len(articles)

    assert crawl_listing(client, CONTEXT_URL, params) == expected
    soup = fetch(client, CONTEXT_URL, params)
    assert f"{len(expected)} article" in soup.select_one(".result-count").get_text()
    for name, value in params.items():
        assert soup.select_one(f"#filter-{name} option[selected]")["value"] == value
    assert soup.select_one("a.clear-filters")["href"] == CONTEXT_URL


def test_region_filter_is_offered_as_choose_region(client, demo):
    soup = fetch(client, CONTEXT_URL)
    label = soup.find("label", string="Choose region")
    select = soup.find(id=label["for"])
    assert select["name"] == "region"
    options = {option["value"]: option.get_text(strip=True) for option in select.find_all("option")}
    assert options == {"": "All regions", **{region.slug: region.name for region in demo["regions"]}}


@pytest.mark.parametrize("kind", [ArticleKind.NEWS, ArticleKind.PUBLICATION, ArticleKind.REVIEW])
def test_each_section_lists_only_its_own_articles(client, demo, kind):
    section = demo["sections"][kind]
    expected = [article.url for article in public_articles(section, kinds=[kind])]
    assert expected
    assert crawl_listing(client, section.url) == expected
    assert {urlsplit(url).path.startswith(section.url) for url in expected} == {True}


@pytest.mark.parametrize("names", [("region",), ("topic",), ("region", "topic")], ids="+".join)
def test_section_filters_work_like_context(client, demo, names):
    section = demo["sections"][ArticleKind.NEWS]
    articles = list(public_articles(section, kinds=[ArticleKind.NEWS]))
    params = filters_from(articles[0], names)
    expected = matching(articles, **params)
    assert articles[0].url in expected and len(expected) < len(articles)
    assert crawl_listing(client, section.url, params) == expected


# --- pagination ----------------------------------------------------------------------------------
def test_filters_survive_pagination(client, context_page, demo, big_archive):
    region = demo["regions"][0].slug
    expected = matching(public_articles(context_page), region=region)
    assert len(expected) > 2 * LISTING_PAGE_SIZE

    first = fetch(client, CONTEXT_URL, {"region": region})
    next_link = first.select_one("nav.pagination a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query) == {"region": [region], "page": ["2"]}
    page_two_link = first.select_one("nav.pagination").find("a", string="2")["href"]
    assert parse_qs(urlsplit(page_two_link).query) == {"region": [region], "page": ["2"]}

    second = fetch(client, CONTEXT_URL + next_link)
    assert item_urls(second) == expected[LISTING_PAGE_SIZE : 2 * LISTING_PAGE_SIZE]
    assert second.select_one("#filter-region option[selected]")["value"] == region


@pytest.mark.parametrize("url", [CONTEXT_URL, "/en/context/news/"])
def test_pagination_is_elided_around_the_current_page(client, big_archive, url):
    total = int(fetch(client, url).select_one(".result-count").get_text().split()[0])
    last = ceil(total / LISTING_PAGE_SIZE)
    assert last > 40

    soup = fetch(client, url, {"page": 20})
    assert pagination_labels(soup) == ["1", "…", "19", "20", "21", "…", str(last)]
    assert current_page(soup) == 20
    assert soup.select_one("nav.pagination a[rel=prev]")["href"] == "?page=19"
    assert soup.select_one("nav.pagination a[rel=next]")["href"] == "?page=21"


# --- bad input -----------------------------------------------------------------------------------
LONG = "x" * 5000


@pytest.mark.parametrize("page", ["abc", "", "1.5", "9" * 5000, "\x00", "ٔ", "²", "%", "1e3"])
def test_unreadable_page_numbers_show_the_first_page(client, db, page):
    first = fetch(client, CONTEXT_URL)
    soup = fetch(client, CONTEXT_URL, {"page": page})
    assert item_urls(soup) == item_urls(first)
    assert current_page(soup) == 1


@pytest.mark.parametrize("page", ["99999", "-1", "0"])
def test_out_of_range_page_numbers_show_a_real_page(client, context_page, page):
    last = ceil(public_articles(context_page).count() / LISTING_PAGE_SIZE)
    soup = fetch(client, CONTEXT_URL, {"page": page})
    assert current_page(soup) in {1, last}
    assert listing_items(soup)
    if page == "99999":
        assert current_page(soup) == last


@pytest.mark.parametrize(
    "params",
    [
        {"region": "nonexistent"},
        {"type": "bogus"},
        {"topic": "zzz"},
        {"region": LONG},
        {"topic": LONG, "page": LONG},
        {"region": "Кавказ"},
        {"type": "новости"},
        {"topic": "énergie-🛢"},
        {"region": "\x00"},
        {"type": "news\x00"},
        {"topic": "a\x00b", "page": "\x00"},
    ],
    ids=lambda params: "&".join(f"{k}={v[:12]!r}" for k, v in params.items()),
)
def test_unknown_filter_values_show_a_message_and_no_articles(client, db, params):
    soup = fetch(client, CONTEXT_URL, params)
    assert listing_items(soup) == []
    assert NO_MATCH in soup.select_one(".empty-state").get_text()
    assert "0 articles" in soup.select_one(".result-count").get_text()


def test_null_bytes_in_a_raw_query_string_do_not_break_the_page(client, demo):
    region = demo["regions"][0].slug
    response = client.get(f"{CONTEXT_URL}?region={region}%00&page=%00&topic=%00%00")
    assert response.status_code == 200
    assert NO_MATCH in html(response).get_text()


def test_unknown_filter_on_a_section_shows_the_message(client, demo):
    soup = fetch(client, demo["sections"][ArticleKind.REVIEW].url, {"region": "nowhere"})
    assert listing_items(soup) == []
    assert NO_MATCH in soup.get_text()


def test_new_section_under_context_joins_the_listing(client, context_page, demo):
    reports = ArticleIndexPageFactory(parent=context_page, title="Field reports", kind=ArticleKind.NEWS)
    article = ArticlePageFactory(parent=reports, title="Border crossing reopens at dawn", publish=True)
    assert item_urls(fetch(client, CONTEXT_URL))[0] == article.url
    assert item_urls(fetch(client, reports.url)) == [article.url]
