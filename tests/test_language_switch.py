"""Readers switch language on any page and land on the same page, or are told why not."""

from datetime import date

import pytest
from django.utils import dateformat, timezone, translation
from wagtail.models import Locale, Page

from pages.models import CONTEXT_KINDS, ArticlePage, MenuLinkPage
from tests.html import fetch, text

RUSSIAN_MENU = ["О нас", "Форум", "Эксперты", "Контекст", "Магазин EGF"]


def russian_locale():
    return Locale.objects.get(language_code="ru")


def switch_link(page, code):
    return page.select_one(f'.language-switch li[lang="{code}"] a')


def translated_pages(demo):
    """Every live English page (one per page type) that has a Russian translation."""
    russian_keys = set(Page.objects.filter(locale=russian_locale()).values_list("translation_key", flat=True))
    chosen = {}
    for page in (
        Page.objects.live().descendant_of(demo["home"], inclusive=True).public().not_type(MenuLinkPage)
    ):
        if page.translation_key in russian_keys:
            chosen.setdefault(page.content_type_id, page)
    return list(chosen.values())


def test_root_sends_each_visitor_to_the_language_their_browser_asks_for(client, demo):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").url == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").url == "/en/"


def test_switch_lands_on_the_same_page_in_the_other_language_for_every_page_type(client, demo):
    pages = translated_pages(demo)
    assert len(pages) >= 15
    for english in pages:
        russian = english.get_translation(russian_locale())
        english_view = fetch(client, english.url)
        assert switch_link(english_view, "ru")["href"] == russian.url, english.url
        russian_view = fetch(client, russian.url)
        assert russian_view.find("html")["lang"] == "ru"
        assert switch_link(russian_view, "en")["href"] == english.url
        assert text(russian_view.find("h1")) == russian.title


def test_untranslated_page_offers_the_nearest_translated_section(client, demo):
    english = (
        ArticlePage.objects.descendant_of(demo["home"])
        .exclude(
            translation_key__in=ArticlePage.objects.filter(locale=russian_locale()).values("translation_key")
        )
        .first()
    )
    page = fetch(client, english.url)
    link = switch_link(page, "ru")
    section = english.get_parent().get_translation(russian_locale())
    assert link["href"] == section.url
    assert "not translated yet" in text(link.parent) and section.title in text(link.parent)
    assert client.get(link["href"]).status_code == 200
    hreflangs = {tag["hreflang"] for tag in page.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"en", "x-default"}


def test_translated_page_lists_both_languages_as_alternates(client, demo):
    page = fetch(client, "/en/context/")
    alternates = {tag["hreflang"]: tag["href"] for tag in page.select('link[rel="alternate"][hreflang]')}
    assert alternates["ru"].endswith("/ru/context/") and alternates["en"].endswith("/en/context/")
    assert alternates["x-default"] == alternates["en"]


def test_russian_menus_and_header_are_in_russian(client, demo):
    page = fetch(client, "/ru/")
    menu = [text(link) for link in page.select(".main-menu .menu-level-1 > li > a")]
    assert menu == RUSSIAN_MENU
    assert all(link["href"].startswith("/ru/") for link in page.select(".main-menu a"))
    footer = [text(link) for link in page.select(".site-footer a")]
    assert footer == ["Условия использования", "Политика конфиденциальности", "Связаться с нами", "RSS-ленты"]
    assert all(link["href"].startswith("/ru/") for link in page.select(".site-footer a"))
    with translation.override("ru"):
        today = dateformat.format(timezone.localdate(), "l, j E Y")
    assert text(page.select_one(".today")) == today[:1].lower() + today[1:]


def test_dates_are_written_in_the_reader_language(client, demo):
    article = (
        ArticlePage.objects.filter(locale=russian_locale(), kind__in=CONTEXT_KINDS).order_by("-date").first()
    )
    with translation.override("ru"):
        russian_date = dateformat.format(article.date, "j E Y")
    assert russian_date.split()[1] in {
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    }
    listing = fetch(client, "/ru/context/")
    assert russian_date in [text(tag) for tag in listing.select(".listing-meta time")]
    english = article.get_translation(Locale.get_default())
    assert english.date.strftime("%B") in text(fetch(client, english.url).select_one(".meta time"))
    assert dateformat.format(date(2025, 12, 14), "l j E Y") == "Sunday 14 December 2025"


def test_russian_context_lists_only_russian_articles(client, demo):
    russian_articles = (
        ArticlePage.objects.live().public().filter(locale=russian_locale(), kind__in=CONTEXT_KINDS)
    )
    page = fetch(client, "/ru/context/")
    assert f"{russian_articles.count()}" in text(page.select_one(".result-count"))
    urls = [link["href"] for link in page.select(".listing-title a")]
    assert urls and all(url.startswith("/ru/") for url in urls)
    english_titles = set(
        ArticlePage.objects.filter(locale=Locale.get_default()).values_list("title", flat=True)
    )
    assert not english_titles & {text(link) for link in page.select(".listing-title a")}


@pytest.mark.parametrize("region_slug", ["caucasus", "arctic"])
def test_region_filter_works_in_russian(client, demo, region_slug):
    page = fetch(client, "/ru/context/", {"region": region_slug})
    expected = (
        ArticlePage.objects.live()
        .public()
        .filter(locale=russian_locale(), kind__in=CONTEXT_KINDS, regions__slug=region_slug)
    )
    assert f"{expected.count()}" in text(page.select_one(".result-count"))
    options = {option["value"]: text(option) for option in page.select("#filter-region option")}
    assert options["caucasus"] == "Кавказ"


def test_russian_article_shows_russian_regions_and_authors(client, demo):
    article = ArticlePage.objects.filter(
        locale=russian_locale(), kind__in=CONTEXT_KINDS, authors__isnull=False
    ).first()
    page = fetch(client, article.url)
    assert article.regions.exists()
    for region in article.regions.all():
        assert region.locale_id == article.locale_id
    author_links = page.select(".authors a")
    assert author_links
    for link in author_links:
        assert link["href"].startswith("/ru/experts/")


def test_switch_keeps_the_listing_filters_and_page(client, demo):
    english = fetch(client, "/en/context/", {"region": "caucasus", "type": "news", "page": "2"})
    assert switch_link(english, "ru")["href"] == "/ru/context/?region=caucasus&type=news&page=2"
    russian = fetch(
        client, "/ru/context/news/", {"region": "arctic", "topic": "energy-security", "type": "news"}
    )
    assert switch_link(russian, "en")["href"] == "/en/context/news/?region=arctic&topic=energy-security"


def test_switch_drops_filter_values_the_other_language_does_not_know(client, demo):
    english = fetch(client, "/en/context/", {"region": "atlantis", "type": "members", "page": "x", "q": "y"})
    assert switch_link(english, "ru")["href"] == "/ru/context/"
    assert switch_link(fetch(client, "/en/context/", {"region": "caucasus"}), "ru")["href"] == (
        "/ru/context/?region=caucasus"
    )
