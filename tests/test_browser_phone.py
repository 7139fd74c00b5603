"""The header on a phone and on a desktop, in Chromium: the page's title comes first on a phone,
nothing scrolls sideways, the menu opens from its button, drop-downs open by keyboard."""

import pytest

from tests.conftest import reseed_after_flush

PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
MIN_TARGET_PX = 24

# Everything a reader can tap in the header, the menu and the footer.
TARGETS = ".site-header a, .site-header button, .site-header input, .site-footer a, .site-footer button"


def page_type_urls():
    """One address per kind of page a reader meets, in both languages (path, what it is)."""
    from wagtail.models import Locale

    from experts.models import ExpertPage
    from forum.models import ForumTopicPage
    from pages.models import ArticlePage, EventPage, SectionPage, StandardPage
    from shop.models import ProductPage, ShopIndexPage

    russian = Locale.objects.get(language_code="ru")
    article = ArticlePage.objects.live().public().filter(locale=russian).first()
    english_article = article.get_translation(Locale.get_default())
    urls = {
        "home": "/en/",
        "section": SectionPage.objects.live().filter(locale__language_code="en").first().url,
        "Context listing": "/en/context/",
        "article": english_article.url,
        "expert": ExpertPage.objects.live().filter(locale__language_code="en").first().url,
        "event": EventPage.objects.live().filter(locale__language_code="en").first().url,
        "forum debate": ForumTopicPage.objects.live().filter(locale__language_code="en").first().url,
        "shop": ShopIndexPage.objects.live().filter(locale__language_code="en").first().url,
        "product": ProductPage.objects.live().filter(locale__language_code="en").first().url,
        "search": "/en/search/?q=energy",
        "standard page": StandardPage.objects.live().filter(locale__language_code="en").first().url,
        "Russian home": "/ru/",
        "Russian Context listing": "/ru/context/",
        "Russian article": article.url,
        "Russian expert": ExpertPage.objects.live().filter(locale=russian).first().url,
        "Russian search": "/ru/search/?q=энергия",
    }
    return urls


SMALL_TARGETS_JS = """([selector, minimum]) => Array.from(document.querySelectorAll(selector))
    .map(element => [element, element.getBoundingClientRect()])
    .filter(([element, box]) => box.width > 0 && box.height > 0)
    .filter(([element, box]) => box.width < minimum || box.height < minimum)
    .map(([element, box]) => `${element.textContent.trim() || element.outerHTML.slice(0, 60)}: `
        + `${Math.round(box.width)}x${Math.round(box.height)}`)"""


def title_box(page):
    return page.locator("main h1").first.bounding_box()


def small_targets(page):
    """Visible header and footer controls smaller than 24 x 24 px, with their sizes."""
    return page.evaluate(SMALL_TARGETS_JS, [TARGETS, MIN_TARGET_PX])


def sideways_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_title_comes_first_and_nothing_scrolls_sideways(live_server, chromium):
    reseed_after_flush()
    phone = chromium.new_page(viewport=PHONE)
    narrow = chromium.new_page(viewport=NARROWEST)
    title_tops = {}
    for kind, url in page_type_urls().items():
        phone.goto(live_server.url + url)
        box = title_box(phone)
        title_tops[kind] = round(box["y"])
        assert box["y"] + box["height"] <= PHONE["height"], (
            f"{kind} ({url}): title ends at {box['y'] + box['height']}"
        )
        assert phone.locator(".menu-button").is_visible(), kind
        assert phone.locator(".main-menu").is_hidden(), kind
        assert phone.locator(".site-header [role=search] input[type=search]").is_visible(), kind
        assert small_targets(phone) == [], kind

        narrow.goto(live_server.url + url)
        assert sideways_overflow(narrow) == 0, f"{kind} ({url}) scrolls sideways at 320 px"
        narrow.locator(".menu-button").click()
        for toggle in narrow.locator(".submenu-toggle").all():
            toggle.click()
        assert sideways_overflow(narrow) == 0, f"{kind} ({url}) with the menu open scrolls sideways at 320 px"
        assert small_targets(narrow) == [], kind
    print("title's distance from the top at 390x844:", title_tops)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_menu_button_and_drop_downs_open_and_close_by_keyboard(live_server, chromium):
    reseed_after_flush()
    page = chromium.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/en/")
    button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Main menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()

    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Context", exact=True).is_visible()
    news = menu.get_by_role("link", name="News", exact=True)
    assert news.is_hidden()
    context_pages = menu.get_by_role("button", name="Pages in Context")
    context_pages.click()
    assert context_pages.get_attribute("aria-expanded") == "true"
    assert news.is_visible()
    context_pages.click()
    assert context_pages.get_attribute("aria-expanded") == "false"
    assert news.is_hidden()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()

    # On a desktop the drop-down opens from its button by keyboard and Escape closes it again.
    desktop = chromium.new_page(viewport=DESKTOP)
    desktop.goto(f"{live_server.url}/en/")
    desktop.mouse.move(0, DESKTOP["height"] - 1)
    assert desktop.get_by_role("button", name="Menu").is_hidden()
    menu = desktop.get_by_role("navigation", name="Main menu")
    about = menu.get_by_role("link", name="About", exact=True)
    about.focus()
    about_pages = menu.get_by_role("button", name="Pages in About")
    who_we_are = menu.get_by_role("link", name="Who we are")
    assert who_we_are.is_hidden()
    desktop.keyboard.press("Tab")
    assert about_pages.evaluate("button => button === document.activeElement")
    desktop.keyboard.press("Enter")
    assert about_pages.get_attribute("aria-expanded") == "true"
    desktop.keyboard.press("Tab")
    assert who_we_are.evaluate("link => link === document.activeElement")
    assert who_we_are.is_visible()
    desktop.keyboard.press("Escape")
    assert about_pages.get_attribute("aria-expanded") == "false"
    assert who_we_are.is_hidden()
    assert about_pages.evaluate("button => button === document.activeElement")
    desktop.keyboard.press("Space")
    assert who_we_are.is_visible()
    # Leaving the drop-down with the keyboard closes it.
    desktop.keyboard.press("Shift+Tab")
    desktop.keyboard.press("Shift+Tab")
    assert about_pages.get_attribute("aria-expanded") == "false"
    assert who_we_are.is_hidden()

    # Without JavaScript a phone shows the sections as a plain list of links (each lists its pages).
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    menu = page.get_by_role("navigation", name="Main menu")
    assert page.locator(".menu-button").is_hidden()
    for section in ("About", "Forum", "Experts", "Context", "EGF Shop"):
        assert menu.get_by_role("link", name=section, exact=True).is_visible()
    assert menu.get_by_role("link", name="News", exact=True).is_hidden()
    assert title_box(page)["y"] < PHONE["height"] / 2
    context.close()
