"""What a page tells search engines and sharing cards: description, canonical address, robots rule,
OpenGraph and Twitter tags, JSON-LD (read back with json.loads), robots.txt and the favicon."""

import io
import json
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale

from core.page_head import SITE_DESCRIPTION
from experts.models import ExpertPage
from forum.models import ForumIndexPage, ForumTopicPage
from pages.models import ArticleIndexPage, ArticleKind, ArticlePage, EventIndexPage, SectionPage
from shop.models import ProductPage, ShopIndexPage
from tests.factories import ArticlePageFactory, EventPageFactory, ProductPageFactory, StandardPageFactory
from tests.html import fetch

BASE = settings.SITE_BASE_URL.rstrip("/")
SITE_NAMES = {"en": "European Geopolitical Forum", "ru": "Европейский геополитический форум"}


# --- reading a head --------------------------------------------------------------------------------
def meta(soup, name):
    """The content of <meta name=…> or <meta property=…>; fails unless there is exactly one."""
    tags = soup.select(f'head meta[name="{name}"]') + soup.select(f'head meta[property="{name}"]')
    assert len(tags) == 1, (name, tags)
    return tags[0]["content"]


def metas(soup, name):
    return [tag["content"] for tag in soup.select(f'head meta[property="{name}"]')]


def canonical(soup):
    links = soup.select('head link[rel="canonical"]')
    assert len(links) == 1
    return links[0]["href"]


def graph(soup):
    """The JSON-LD nodes of the page, parsed as a consumer would."""
    scripts = soup.select('head script[type="application/ld+json"]')
    assert len(scripts) == 1
    document = json.loads(scripts[0].string)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def node(soup, schema_type):
    found = [item for item in graph(soup) if item["@type"] == schema_type]
    assert len(found) == 1, (schema_type, [item["@type"] for item in graph(soup)])
    return found[0]


def breadcrumb_names(soup):
    return [item["name"] for item in node(soup, "BreadcrumbList")["itemListElement"]]


def absolute(url):
    return BASE + url


# --- the pages of the demo site --------------------------------------------------------------------
def english(model, **filters):
    return model.objects.live().filter(locale=Locale.get_default(), **filters).order_by("pk").first()


def article_of(kind, **filters):
    return english(ArticlePage, kind=kind, **filters)


def page_urls(demo):
    """One URL of every kind of page a reader meets, both languages."""
    home = demo["home"]
    return {
        "home": "/en/",
        "russian home": "/ru/",
        "section": english(SectionPage).url,
        "context": "/en/context/",
        "news section": demo["sections"][ArticleKind.NEWS].url,
        "news": article_of(ArticleKind.NEWS).url,
        "publication": article_of(ArticleKind.PUBLICATION).url,
        "review": article_of(ArticleKind.REVIEW).url,
        "expert": english(ExpertPage).url,
        "events": english(EventIndexPage).url,
        "standard page": home.terms_page.url,
        "shop": english(ShopIndexPage).url,
        "product": english(ProductPage).url,
        "forum": english(ForumIndexPage).url,
        "debate": english(ForumTopicPage).url,
        "russian context": "/ru/context/",
        "russian article": ArticlePage.objects.live()
        .filter(locale__language_code="ru", kind=ArticleKind.NEWS)
        .order_by("pk")
        .first()
        .url,
        "search": "/en/search/?q=energy",
        "feeds": "/en/feeds/",
    }


@pytest.mark.django_db
def test_every_page_has_a_description_a_canonical_address_cards_and_a_trail(client, demo):
    for name, url in page_urls(demo).items():
        soup = fetch(client, url)
        description = meta(soup, "description")
        assert description.strip(), name
        assert len(description) <= 200, name
        assert meta(soup, "og:description") == description == meta(soup, "twitter:description")
        assert canonical(soup).startswith(BASE + "/"), name
        assert meta(soup, "og:url") == canonical(soup)
        assert meta(soup, "og:title") == meta(soup, "twitter:title") != ""
        language = url.split("/")[1]
        assert meta(soup, "og:site_name") == SITE_NAMES[language], name
        assert meta(soup, "twitter:card") == "summary_large_image"
        image = meta(soup, "og:image")
        assert image.startswith(BASE + "/") and meta(soup, "twitter:image") == image, name
        assert int(meta(soup, "og:image:width")) > 0 and int(meta(soup, "og:image:height")) > 0
        assert meta(soup, "og:locale") == {"en": "en_GB", "ru": "ru_RU"}[language], name
        trail = node(soup, "BreadcrumbList")["itemListElement"]
        assert [item["position"] for item in trail] == list(range(1, len(trail) + 1)), name
        assert trail[0]["item"] == absolute(f"/{language}/"), name
        assert all(item["item"].startswith(BASE + "/") for item in trail), name
        assert soup.select_one('head link[rel="icon"][href="/favicon.ico"]') is not None
        assert soup.select_one('head link[rel="apple-touch-icon"]') is not None


@pytest.mark.django_db
def test_the_type_of_each_page_in_its_card(client, demo):
    types = {name: meta(fetch(client, url), "og:type") for name, url in page_urls(demo).items()}
    assert {name for name, og_type in types.items() if og_type == "article"} == {
        "news",
        "publication",
        "review",
        "russian article",
    }
    assert types["expert"] == "profile"
    assert types["product"] == "book"
    assert types["home"] == types["context"] == types["standard page"] == types["search"] == "website"


# --- descriptions ----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_editors_seo_description_comes_first_then_the_summary(client, demo):
    section = demo["sections"][ArticleKind.NEWS]
    plain = ArticlePageFactory(parent=section, summary="What the talks in Baku agreed.", publish=True)
    promoted = ArticlePageFactory(
        parent=section, summary="The summary.", search_description="Written for search engines.", publish=True
    )
    assert meta(fetch(client, plain.url), "description") == "What the talks in Baku agreed."
    assert meta(fetch(client, promoted.url), "description") == "Written for search engines."


@pytest.mark.django_db
def test_a_text_page_without_introduction_is_described_by_its_first_paragraph(client, demo):
    body = json.dumps([{"type": "paragraph", "value": "<p>Our <b>mission</b> &amp; our members.</p>"}])
    page = StandardPageFactory(parent=demo["home"], title="Mission", body=body, publish=True)
    empty = StandardPageFactory(parent=demo["home"], title="Empty", publish=True)
    assert meta(fetch(client, page.url), "description") == "Our mission & our members."
    assert meta(fetch(client, empty.url), "description") == str(SITE_DESCRIPTION)


@pytest.mark.django_db
def test_a_long_summary_is_cut_to_two_hundred_characters(client, demo):
    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS], summary="word " * 100, publish=True
    )
    description = meta(fetch(client, article.url), "description")
    assert len(description) == 200 and description.endswith("…")


# --- JSON-LD of each page type ---------------------------------------------------------------------
@pytest.mark.django_db
def test_the_home_page_describes_the_forum_and_its_search(client, demo):
    soup = fetch(client, "/en/")
    organization = node(soup, "Organization")
    assert organization["name"] == "European Geopolitical Forum"
    assert organization["url"] == absolute("/en/")
    logo = organization["logo"]["url"]
    assert logo.startswith(BASE + "/static/") and finders.find(logo.removeprefix(BASE + "/static/"))
    website = node(soup, "WebSite")
    assert website["publisher"]["@id"] == organization["@id"]
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    search_url = action["target"]["urlTemplate"].replace("{search_term_string}", "gas")
    assert search_url == absolute("/en/search/?q=gas")
    assert "gas" in fetch(client, search_url.removeprefix(BASE)).select_one("main input[name=q]")["value"]
    assert breadcrumb_names(soup) == [demo["home"].title]


@pytest.mark.django_db
def test_a_news_article_names_its_authors_dates_image_and_publisher(client, demo):
    article = article_of(ArticleKind.NEWS, main_image__isnull=False, authors__isnull=False)
    soup = fetch(client, article.url)
    news = node(soup, "NewsArticle")
    assert news["headline"] == article.title
    assert news["url"] == news["mainEntityOfPage"] == absolute(article.url)
    assert news["datePublished"] == article.date.isoformat()
    assert news["dateModified"][:10] >= news["datePublished"]
    assert news["inLanguage"] == "en"
    assert news["description"] == meta(soup, "description") == article.summary[:200].strip()
    experts = [link.expert for link in article.authors.all()]
    people = [author for author in news["author"] if "url" in author]
    assert [(p["@type"], p["name"], p["url"]) for p in people] == [
        ("Person", expert.title, absolute(expert.url)) for expert in experts
    ]
    assert fetch(client, experts[0].url).select_one("h1").get_text(strip=True).startswith(experts[0].title)
    assert news["publisher"]["name"] == "European Geopolitical Forum"
    assert news["publisher"]["logo"]["url"].endswith("/static/img/logo.png")
    assert news["image"] == [meta(soup, "og:image")]
    assert "fill-1200x630" in news["image"][0]
    width, height = int(meta(soup, "og:image:width")), int(meta(soup, "og:image:height"))
    assert abs(width / height - 1200 / 630) < 0.01
    assert metas(soup, "article:published_time") == [article.date.isoformat()]
    assert metas(soup, "article:author") == [absolute(expert.url) for expert in experts]
    assert breadcrumb_names(soup)[-3:] == ["Context", article.get_parent().title, article.title]


@pytest.mark.django_db
def test_publications_are_reports_and_reviews_are_articles(client, demo):
    assert node(fetch(client, article_of(ArticleKind.PUBLICATION).url), "Report")["headline"]
    assert node(fetch(client, article_of(ArticleKind.REVIEW).url), "Article")["headline"]


@pytest.mark.django_db
def test_byline_people_are_authors_and_the_forum_stands_in_for_none(client, demo):
    section = demo["sections"][ArticleKind.NEWS]
    bylined = ArticlePageFactory(
        parent=section, byline="Jane Smith, University of Vienna; Ivan Petrov", publish=True
    )
    anonymous = ArticlePageFactory(parent=section, publish=True)
    authors = node(fetch(client, bylined.url), "NewsArticle")["author"]
    assert authors == [{"@type": "Person", "name": "Jane Smith"}, {"@type": "Person", "name": "Ivan Petrov"}]
    forum = node(fetch(client, anonymous.url), "NewsArticle")["author"]
    assert [(a["@type"], a["name"]) for a in forum] == [("Organization", "European Geopolitical Forum")]


@pytest.mark.django_db
def test_an_article_without_picture_shares_the_sites_picture(client, demo):
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], publish=True)
    soup = fetch(client, article.url)
    assert meta(soup, "og:image") == absolute("/static/img/social-default.png")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    with Image.open(finders.find("img/social-default.png")) as picture:
        assert picture.size == (1200, 630)


@pytest.mark.django_db
def test_json_ld_survives_a_title_that_tries_to_close_the_script(client, demo):
    title = 'Tricky </script><script>alert("x")</script> & <!-- title'
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], title=title, publish=True)
    page = client.get(article.url).content.decode()
    script = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and ">" not in script
    assert node(fetch(client, article.url), "NewsArticle")["headline"] == title


@pytest.mark.django_db
def test_an_expert_page_describes_a_person(client, demo):
    expert = english(ExpertPage, job_title__gt="")
    soup = fetch(client, expert.url)
    profile = node(soup, "ProfilePage")
    person = profile["mainEntity"]
    assert person["@type"] == "Person"
    assert (person["name"], person["jobTitle"], person["url"]) == (
        expert.title,
        expert.job_title,
        absolute(expert.url),
    )
    assert person["familyName"] == expert.last_name
    assert meta(soup, "og:type") == "profile"


@pytest.mark.django_db
def test_an_event_gives_its_dates_place_and_status(client, demo):
    start = timezone.now().replace(microsecond=0) + timedelta(days=20)
    event = EventPageFactory(
        parent=english(EventIndexPage),
        title="Caspian round table",
        start=start,
        end=start + timedelta(hours=3),
    )
    event.save_revision().publish()
    described = node(fetch(client, event.url), "Event")
    assert described["name"] == "Caspian round table"
    assert described["startDate"] == timezone.localtime(start).isoformat()
    assert described["endDate"] == timezone.localtime(start + timedelta(hours=3)).isoformat()
    assert described["location"] == {
        "@type": "Place",
        "name": "Residence Palace, Brussels",
        "address": "Residence Palace, Brussels",
    }
    assert described["eventStatus"] == "https://schema.org/EventScheduled"
    assert described["organizer"]["name"] == "European Geopolitical Forum"


@pytest.mark.django_db
def test_a_publication_for_sale_is_a_book_with_its_offer(client, shop):
    product = ProductPageFactory(parent=shop, title="Pipelines and power", in_stock=False, publish=True)
    book = node(fetch(client, product.url), ["Book", "Product"])
    assert (book["name"], book["isbn"], book["numberOfPages"]) == ("Pipelines and power", "9783161484100", 40)
    assert book["offers"]["price"] == "9.50" and book["offers"]["priceCurrency"] == "EUR"
    assert book["offers"]["availability"] == "https://schema.org/OutOfStock"


@pytest.mark.django_db
def test_the_russian_site_speaks_russian(client, demo):
    article = ArticlePage.objects.live().filter(locale__language_code="ru", kind=ArticleKind.NEWS).first()
    soup = fetch(client, article.url)
    assert meta(soup, "og:locale") == "ru_RU"
    assert metas(soup, "og:locale:alternate") == ["en_GB"]
    news = node(soup, "NewsArticle")
    assert news["inLanguage"] == "ru"
    assert news["headline"] == article.title
    assert meta(soup, "description") == article.summary[:200].strip()
    assert news["articleSection"] == "Новости"
    home = fetch(client, "/ru/")
    assert node(home, "WebSite")["potentialAction"]["target"]["urlTemplate"].startswith(
        absolute("/ru/search/")
    )
    assert node(home, "Organization")["name"] == "Европейский геополитический форум"


@pytest.mark.django_db
def test_an_untranslated_page_names_no_alternate_locale(client, demo):
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], publish=True)
    assert metas(fetch(client, article.url), "og:locale:alternate") == []


# --- members-only pages ----------------------------------------------------------------------------
def members_article():
    index = ArticleIndexPage.objects.filter(kind=ArticleKind.MEMBERS, locale=Locale.get_default()).first()
    return ArticlePage.objects.live().child_of(index).order_by("pk").first()


@pytest.mark.django_db
def test_members_briefings_tell_nothing_in_their_head(client, demo, member):
    article = members_article()
    assert client.get(article.url).status_code == 302  # anonymous readers are sent to log in
    client.force_login(member)
    soup = fetch(client, article.url)
    head = str(soup.head)
    assert article.summary not in head
    assert meta(soup, "description") == str(SITE_DESCRIPTION)
    assert meta(soup, "robots") == "noindex, follow"
    assert meta(soup, "og:type") == "website"
    assert [item["@type"] for item in graph(soup)] == ["BreadcrumbList"]


@pytest.mark.django_db
def test_public_pages_never_mention_members_briefings_in_their_head(client, demo, signed_in_reader):
    article = members_article()
    assert article.summary not in client.get(article.url).content.decode()  # the "Members only" notice
    client.logout()
    for url in ["/en/", "/en/context/", article.get_parent().get_parent().url]:
        head = str(fetch(client, url).head)
        assert article.title not in head and article.summary not in head, url


# --- canonical addresses and robots rules ----------------------------------------------------------
@pytest.mark.django_db
def test_filtered_listings_point_to_the_whole_listing_and_are_not_indexed(client, demo):
    region = demo["regions"][0].slug
    filtered = fetch(client, "/en/context/", {"region": region, "type": "news", "page": "2"})
    assert canonical(filtered) == absolute("/en/context/")
    assert meta(filtered, "robots") == "noindex, follow"
    letters = fetch(client, english(ExpertPage).get_parent().url, {"letter": "A"})
    assert meta(letters, "robots") == "noindex, follow"


@pytest.mark.django_db
def test_later_pages_of_a_listing_are_their_own_canonical_and_indexed(client, demo):
    second = fetch(client, "/en/context/", {"page": "2"})
    assert canonical(second) == absolute("/en/context/?page=2")
    assert not second.select('head meta[name="robots"]')
    first = fetch(client, "/en/context/", {"page": "1"})
    assert canonical(first) == absolute("/en/context/")
    assert canonical(fetch(client, "/en/context/", {"page": "x"})) == absolute("/en/context/")


@pytest.mark.django_db
def test_search_pages_are_not_indexed(client, demo):
    for params in [{}, {"q": "energy"}]:
        soup = fetch(client, "/en/search/", params)
        assert meta(soup, "robots") == "noindex, follow"
        assert canonical(soup) == absolute("/en/search/")
        assert breadcrumb_names(soup)[-1] == "Search"


@pytest.mark.django_db
def test_an_article_is_indexed_under_its_own_address(client, demo):
    article = article_of(ArticleKind.NEWS)
    for params in [{}, {"utm_source": "newsletter", "fbclid": "x1"}]:
        soup = fetch(client, article.url, params)
        assert canonical(soup) == absolute(article.url)
        assert not soup.select('head meta[name="robots"]')


# --- robots.txt and icons --------------------------------------------------------------------------
@pytest.mark.django_db
def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /en/search/", "Disallow: /ru/search/"} <= set(lines)
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert response["Cache-Control"].startswith("public")
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db
def test_the_favicon_answers_and_may_be_cached(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"].startswith("public")
    with Image.open(io.BytesIO(response.content)) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
def test_the_touch_icons_named_in_the_head_exist_in_their_sizes(client, demo):
    soup = fetch(client, "/en/")
    icons = soup.select('head link[rel="apple-touch-icon"], head link[rel="icon"][type="image/png"]')
    assert len(icons) == 2
    for link in icons:
        edge = int(link["sizes"].split("x")[0])
        with Image.open(finders.find(link["href"].removeprefix(settings.STATIC_URL))) as picture:
            assert picture.size == (edge, edge) and picture.format == "PNG"


@pytest.mark.django_db
def test_pages_with_their_head_are_still_shared_by_the_page_cache(client, demo):
    for url in ["/en/", "/en/context/", article_of(ArticleKind.NEWS).url, "/en/context/?page=2"]:
        assert client.get(url)["Cache-Control"].startswith("public"), url


def test_date_modified_is_never_before_date_published():
    from pages.structured_data import modified

    class Published:
        last_published_at = timezone.now()
        latest_revision_created_at = None

    later = (date.today() + timedelta(days=3)).isoformat()
    assert modified(Published(), later) == later
    assert modified(Published(), "2001-01-01").startswith(timezone.localdate().isoformat())
