"""A reader in a real browser (Debian's Chromium through Playwright): menu, filter, paging."""

import re

import pytest
from faker import Faker

from tests.conftest import reseed_after_flush


@pytest.fixture
def browser_page(chromium):
    return chromium.new_page(viewport={"width": 1280, "height": 900})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_browses_context_filters_by_region_and_pages_forward(live_server, browser_page, rng, tmp_path):
    from demo.articles import create_articles
    from demo.tree import existing_tree
    from pages.models import ArticleKind

    reseed_after_flush()
    demo = existing_tree()
    create_articles(demo["sections"][ArticleKind.NEWS], 150, rng, dict(demo, faker=Faker()))

    page = browser_page
    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").first.inner_text() == "European Geopolitical Forum"

    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="Context", exact=True).hover()
    menu.get_by_role("link", name="News", exact=True).click()
    page.wait_for_url(re.compile(r"/en/context/news/$"))
    menu.get_by_role("link", name="Context", exact=True).click()
    page.wait_for_url(re.compile(r"/en/context/$"))

    region = demo["regions"][0]
    page.get_by_label("Choose region").select_option(region.slug)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(rf"region={region.slug}"))
    first_page_titles = page.locator(".listing-title").all_inner_texts()
    assert first_page_titles

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert f"region={region.slug}" in page.url
    assert page.get_by_label("Choose region").input_value() == region.slug
    second_page_titles = page.locator(".listing-title").all_inner_texts()
    assert second_page_titles and set(second_page_titles).isdisjoint(first_page_titles)

    screenshot = tmp_path / "context-page-2.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_switches_an_article_to_russian(live_server, browser_page):
    from wagtail.models import Locale

    from pages.models import ArticlePage

    reseed_after_flush()
    russian = ArticlePage.objects.filter(locale__language_code="ru", kind="news").first()
    english = russian.get_translation(Locale.get_default())

    page = browser_page
    page.goto(f"{live_server.url}{english.url}")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русская версия").click()
    page.wait_for_url(re.compile(re.escape(russian.url) + "$"))
    assert page.locator("h1").first.inner_text() == russian.title
    assert page.locator("html").get_attribute("lang") == "ru"
    assert (
        page.get_by_role("navigation", name="Главное меню")
        .get_by_role("link", name="Контекст", exact=True)
        .is_visible()
    )
