"""What a reader finds on an article besides its text: reading time, tag links, share links,
footnotes, galleries, related analysis and a print stylesheet; featured articles on the home page;
every article of an expert on their profile."""

import json
import re
import uuid
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Locale

from core.absolute_urls import absolute_url
from experts.models import EXPERT_ARTICLES_PAGE_SIZE, ExpertIndexPage, ExpertPage
from home.models import HOME_LATEST_ARTICLES, FeaturedArticle, HomePage
from pages.models import ArticleAuthor, ArticleIndexPage, ArticleKind, ArticlePage, Region, Topic
from tests.conftest import warm_query_count
from tests.factories import ArticlePageFactory
from tests.html import fetch, text
from tests.search_support import refresh_engine


def body(*blocks):
    return json.dumps([{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks])


def words(count, word="pipeline"):
    return " ".join([word] * count)


@pytest.fixture
def english_terms(demo):
    locale = Locale.get_default()
    return {
        "topic": Topic.objects.filter(locale=locale).order_by("pk").first(),
        "region": Region.objects.filter(locale=locale).order_by("pk").first(),
    }


# --- reading time, tags, share links, print -------------------------------------------------------
@pytest.mark.django_db
def test_reading_time_counts_the_words_at_two_hundred_a_minute(client, demo):
    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        summary=words(10),
        body=body(("paragraph", f"<p>{words(1190)}</p>")),
    )
    assert text(fetch(client, article.url).select_one("main .reading-time")) == "6 min read"


@pytest.mark.django_db
def test_reading_time_in_russian_uses_russian_plural_forms(client, demo):
    section = ArticleIndexPage.objects.get(locale__language_code="ru", kind=ArticleKind.NEWS)
    one = ArticlePageFactory(parent=section, summary="Кратко.", body=body(("paragraph", "<p>Газ.</p>")))
    five = ArticlePageFactory(
        parent=section, summary="Кратко.", body=body(("paragraph", f"<p>{words(900, 'газ')}</p>"))
    )
    assert text(fetch(client, one.url).select_one("main .reading-time")) == "1 минута чтения"
    assert text(fetch(client, five.url).select_one("main .reading-time")) == "5 минут чтения"


@pytest.mark.django_db
def test_tags_lead_to_the_context_listing_filtered_by_them(client, demo, english_terms):
    topic, region = english_terms["topic"], english_terms["region"]
    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS], title="Tagged article", regions=[region], topics=[topic]
    )
    links = {text(a): a["href"] for a in fetch(client, article.url).select("main .tags a")}
    assert links == {
        region.name: f"/en/context/?region={region.slug}",
        topic.name: f"/en/context/?topic={topic.slug}",
    }
    listing = fetch(client, links[topic.name])
    assert "Tagged article" in [text(h) for h in listing.select("main .listing-title")]


@pytest.mark.django_db
def test_share_links_are_plain_addresses_with_the_article_encoded(client, demo):
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], title="Gas & power: Q&A")
    soup = fetch(client, article.url)
    links = {text(a): a["href"] for a in soup.select("main .share-links a")}
    assert list(links) == ["E-mail", "X", "LinkedIn", "Facebook", "Telegram", "VK"]
    address = absolute_url(article.url)  # the canonical address on SITE_BASE_URL, as the citation uses
    expected_hosts = {
        "X": ("x.com", "url"),
        "LinkedIn": ("www.linkedin.com", "url"),
        "Facebook": ("www.facebook.com", "u"),
        "Telegram": ("t.me", "url"),
        "VK": ("vk.com", "url"),
    }
    for name, (host, param) in expected_hosts.items():
        parts = urlsplit(links[name])
        assert (parts.scheme, parts.netloc) == ("https", host)
        assert parse_qs(parts.query)[param] == [address]
    assert parse_qs(urlsplit(links["X"]).query)["text"] == ["Gas & power: Q&A"]
    mail = urlsplit(links["E-mail"])
    assert mail.scheme == "mailto" and parse_qs(mail.query) == {
        "subject": ["Gas & power: Q&A"],
        "body": [address],
    }
    # Nothing of theirs is loaded: every script is the site's own.
    assert all(script["src"].startswith("/static/") for script in soup.select("script[src]"))


@pytest.mark.django_db
def test_print_stylesheet_hides_navigation_and_prints_link_addresses(client, demo):
    article = ArticlePage.objects.live().public().filter(locale=Locale.get_default()).first()
    soup = fetch(client, article.url)
    print_css = soup.select_one("link[rel=stylesheet][media=print]")
    assert print_css["href"].endswith("css/print.css")
    with open(finders.find("css/print.css"), encoding="utf-8") as stylesheet:
        rules = stylesheet.read()
    for hidden in ("header.site-header", "footer.site-footer", "nav", ".share-links"):
        assert hidden in rules
    assert 'content: " (" attr(href) ")"' in rules


# --- footnotes and gallery ------------------------------------------------------------------------
@pytest.mark.django_db
def test_footnotes_link_from_the_text_to_the_notes_and_back(client, demo):
    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.PUBLICATION],
        body=body(
            ("paragraph", "<p>Reserves cover a winter [1] but not two [2]; see also [1] and [7].</p>"),
            ("footnotes", {"notes": ["<p>Operators' figures.</p>", "<p>Working-group estimate.</p>"]}),
        ),
    )
    soup = fetch(client, article.url)
    citations = [(sup["id"], sup.a["href"], text(sup)) for sup in soup.select("main sup.footnote-ref")]
    assert citations == [("cite-1", "#note-1", "1"), ("cite-2", "#note-2", "2"), ("cite-1-2", "#note-1", "1")]
    assert "[7]" in text(soup.select_one("main .rich-text"))  # no note 7: left as typed
    notes = soup.select("main .footnotes ol > li")
    assert [(li["id"], text(li.select_one(".rich-text"))) for li in notes] == [
        ("note-1", "Operators' figures."),
        ("note-2", "Working-group estimate."),
    ]
    assert [li.select_one("a.footnote-back")["href"] for li in notes] == ["#cite-1", "#cite-2"]
    assert text(soup.select_one("main .footnotes h2")) == "Notes"


@pytest.mark.django_db
def test_gallery_shows_each_picture_with_its_caption(client, demo):
    images = demo["images"][:3]
    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        body=body(
            (
                "gallery",
                {
                    "title": "Sites visited",
                    "images": [
                        {
                            "image": image.pk,
                            "caption": f"Site {number}",
                            "alt_text": f"Domes at site {number}",
                        }
                        for number, image in enumerate(images, start=1)
                    ],
                },
            )
        ),
    )
    gallery = fetch(client, article.url).select_one("main .block-gallery")
    assert text(gallery.h2) == "Sites visited"
    figures = gallery.select("figure")
    assert [(fig.img["alt"], text(fig.figcaption)) for fig in figures] == [
        (f"Domes at site {n}", f"Site {n}") for n in (1, 2, 3)
    ]
    assert all(fig.select_one("source[type='image/webp']") for fig in figures)


# --- related analysis -----------------------------------------------------------------------------
@pytest.fixture
def related_corpus(demo, english_terms, search_backend_name):
    """An article about desalination, four more on it (one sharing its expert), a members briefing
    on the same subject, a Russian one, and an unrelated article."""
    news = demo["sections"][ArticleKind.NEWS]
    # An expert of their own, so that no demo article shares them.
    expert = ExpertIndexPage.objects.get(locale=Locale.get_default()).add_child(
        instance=ExpertPage(title="Mira Saltwater", last_name="Saltwater")
    )
    topic = english_terms["topic"]
    shared = {"topics": [topic], "summary": "Desalination plants, brine and the coastal water grid."}
    subject = ArticlePageFactory(
        parent=news, title="Desalination on the Caspian shore", experts=[expert], publish=True, **shared
    )
    related = [
        ArticlePageFactory(parent=news, title=f"Desalination and brine, part {n}", publish=True, **shared)
        for n in range(1, 4)
    ]
    related.append(
        ArticlePageFactory(
            parent=news,
            title="Desalination costs by the same author",
            experts=[expert],
            publish=True,
            **shared,
        )
    )
    members = ArticleIndexPage.objects.get(kind=ArticleKind.MEMBERS, locale=Locale.get_default())
    private = ArticlePageFactory(
        parent=members, title="Desalination briefing for members", experts=[expert], publish=True, **shared
    )
    russian = ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(locale__language_code="ru", kind=ArticleKind.NEWS),
        title="Опреснение воды и рассол",
        summary="Desalination plants, brine and the coastal water grid.",
        publish=True,
    )
    refresh_engine()
    yield {"subject": subject, "related": related, "private": private, "russian": russian}
    for page in [subject, *related, private, russian]:
        page.delete()
    refresh_engine()


def related_titles(client, article):
    return [text(h) for h in fetch(client, article.url).select("main .related-articles h3")]


@pytest.mark.django_db
def test_related_analysis_shows_similar_articles_in_the_same_language(client, related_corpus):
    shown = related_titles(client, related_corpus["subject"])
    assert 3 <= len(shown) <= 5
    assert {article.title for article in related_corpus["related"]} <= set(shown)
    assert related_corpus["russian"].title not in shown


@pytest.mark.django_db
def test_related_analysis_never_names_members_briefings(client, related_corpus, signed_in_member):
    # Not to members either: the page anonymous readers get from the cache must be the same page.
    assert related_corpus["private"].title not in related_titles(client, related_corpus["subject"])
    client.logout()
    assert related_corpus["private"].title not in related_titles(client, related_corpus["subject"])
    # A members briefing itself is given public analysis only.
    client.force_login(signed_in_member)
    shown = related_titles(client, related_corpus["private"])
    assert shown and all("members" not in title for title in shown)


@pytest.mark.django_db
def test_related_analysis_takes_a_fixed_number_of_queries(client, related_corpus, demo, english_terms):
    before = warm_query_count(client, related_corpus["subject"].url)
    for number in range(30):
        ArticlePageFactory(
            parent=demo["sections"][ArticleKind.NEWS],
            title=f"More on desalination {number}",
            topics=[english_terms["topic"]],
            summary="Desalination plants, brine and the coastal water grid.",
            publish=True,
        )
    refresh_engine()
    assert warm_query_count(client, related_corpus["subject"].url) == before


# --- featured articles ----------------------------------------------------------------------------
def home_titles(client):
    latest = fetch(client, "/en/").select_one("main section[aria-labelledby=latest-heading]")
    return [text(h) for h in latest.select(".lead-article .listing-title, .listing-item .listing-title")]


@pytest.mark.django_db
def test_home_page_shows_the_editors_lead_and_featured_articles_first(client, demo):
    home = HomePage.objects.get(locale=Locale.get_default())
    FeaturedArticle.objects.filter(home=home).delete()
    newest = list(
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(kind=ArticleKind.NEWS)
        .order_by("-date", "-pk")
    )
    lead, second = newest[8], newest[5]
    members = ArticleIndexPage.objects.get(kind=ArticleKind.MEMBERS, locale=Locale.get_default())
    briefing = ArticlePage.objects.child_of(members).first()
    for order, article in enumerate([lead, briefing, second]):
        FeaturedArticle.objects.create(home=home, article=article, sort_order=order)

    shown = home_titles(client)
    assert len(shown) == HOME_LATEST_ARTICLES
    assert shown[:2] == [lead.title, second.title]  # the members briefing is left out
    assert briefing.title not in shown
    assert len(set(shown)) == len(shown)


@pytest.mark.django_db
def test_without_a_choice_the_home_page_shows_the_latest(client, demo):
    home = HomePage.objects.get(locale=Locale.get_default())
    FeaturedArticle.objects.filter(home=home).delete()
    latest = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(kind__in=[ArticleKind.NEWS, ArticleKind.PUBLICATION, ArticleKind.REVIEW])
        .order_by("-date", "-pk")[:HOME_LATEST_ARTICLES]
    )
    assert home_titles(client) == [article.title for article in latest]


@pytest.mark.django_db
def test_the_demo_home_page_leads_with_its_showcase_publication(client, demo):
    soup = fetch(client, "/en/")
    lead = soup.select_one("main .lead-article")
    assert text(lead.select_one(".listing-title")).startswith("Storing gas for two winters")
    assert lead.select_one("img")["alt"].startswith("A gas storage site seen from above")
    showcase = fetch(client, lead.select_one(".listing-title a")["href"])
    assert showcase.select("main sup.footnote-ref") and showcase.select("main .block-gallery figure")


# --- an expert's articles -------------------------------------------------------------------------
@pytest.mark.django_db
def test_expert_page_lists_every_article_a_page_at_a_time(client, demo):
    expert = ExpertPage.objects.filter(locale=Locale.get_default()).order_by("pk").last()
    for number in range(EXPERT_ARTICLES_PAGE_SIZE + 5):
        article = ArticlePageFactory(
            parent=demo["sections"][ArticleKind.NEWS], title=f"Expert's piece {number}", date=date(2001, 1, 1)
        )
        ArticleAuthor.objects.create(article=article, expert=expert, sort_order=0)
    total = ArticlePage.objects.live().public().filter(authors__expert=expert).count()

    first = fetch(client, expert.url)
    assert len(first.select("#expert-articles + ul a")) == EXPERT_ARTICLES_PAGE_SIZE
    next_link = first.select_one("main .pagination a[rel=next]")
    second = fetch(client, expert.url + next_link["href"])
    assert len(second.select("#expert-articles + ul a")) == total - EXPERT_ARTICLES_PAGE_SIZE
    assert warm_query_count(client, expert.url) == warm_query_count(client, expert.url + "?page=2")


@pytest.mark.django_db
def test_the_russian_showcase_reads_as_russian_throughout(client, demo):
    soup = fetch(client, "/ru/")
    showcase = fetch(client, soup.select_one("main .lead-article .listing-title a")["href"])
    main = showcase.select_one("main")
    notes = [text(note) for note in main.select(".footnotes li")]
    captions = [text(caption) for caption in main.select(".block-gallery figcaption")]
    pictures = [image["alt"] for image in main.select(".block-gallery img")]
    assert notes and captions and pictures
    for shown in [*notes, *captions, *pictures, text(main.select_one("h1"))]:
        assert re.search("[а-яё]", shown, re.IGNORECASE), shown
        assert not re.search(r"\b(the|of|and|a)\b", shown), shown
    # Each footnote marker of the text still leads to its note.
    assert len(main.select("sup.footnote-ref")) == 4
