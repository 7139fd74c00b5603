"""Staff in a real browser (Debian's Chromium through Playwright), signed in with two-factor: a
translator's new translation stays a draft until published (a page, and a region, which stays out
of the Russian filters meanwhile), the Translations report shows what an English edit left out of
date, an editor's choosers offer the page's language only, and the dashboard counts what waits."""

import re

import pytest

from tests.conftest import reseed_after_flush
from tests.sign_in import admin_tab

TITLE = "Tbilisi hosts the corridor round table"


@pytest.fixture
def staff_browser(chromium, live_server):
    """A browser tab signed in to the admin as a superuser (password and two-factor code accepted)."""
    reseed_after_flush()
    context, tab = admin_tab(chromium, live_server, {"width": 1280, "height": 900})
    yield tab
    context.close()


def visitor_sees(chromium, url, words):
    visitor = chromium.new_page()
    visitor.goto(url)
    seen = words in visitor.locator("body").inner_text()
    visitor.close()
    return seen


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_translation_is_a_draft_until_the_translator_publishes_it(
    live_server, chromium, staff_browser, tmp_path
):
    from wagtail.models import Locale

    from demo.tree import existing_tree
    from pages.models import ArticleKind
    from tests.factories import ArticlePageFactory

    news = existing_tree()["sections"][ArticleKind.NEWS]
    english = ArticlePageFactory(parent=news, title=TITLE, publish=True)
    page = staff_browser

    page.goto(f"{live_server.url}/admin/localize/submit/page/{english.pk}/")
    page.get_by_label("Русский").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()

    russian = english.get_translation(Locale.objects.get(language_code="ru"))
    assert not russian.live
    assert not visitor_sees(chromium, f"{live_server.url}/ru/context/", TITLE)
    assert not visitor_sees(chromium, f"{live_server.url}/ru/", TITLE)

    page.goto(f"{live_server.url}/admin/pages/{russian.pk}/edit/")
    page.get_by_role("button", name=re.compile(r"^Publish in")).click()
    page.wait_for_url(re.compile(rf"/admin/pages/{russian.pk}/edit/$"))
    page.wait_for_load_state()
    page.screenshot(path=str(tmp_path / "translation-published.png"), full_page=True)

    assert visitor_sees(chromium, f"{live_server.url}/ru/context/", TITLE)


def region_names_offered(chromium, url):
    visitor = chromium.new_page()
    visitor.goto(url)
    names = visitor.locator("select[name=region] option").all_inner_texts()
    visitor.close()
    return names


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_translated_region_stays_out_of_the_russian_filters_until_published(
    live_server, chromium, staff_browser, tmp_path
):
    from wagtail.models import Locale

    from pages.models import Region

    sahel = Region.objects.create(name="Sahel", slug="sahel", locale=Locale.get_default())
    page = staff_browser

    page.goto(f"{live_server.url}/admin/localize/submit/snippet/pages/region/{sahel.pk}/")
    page.get_by_label("Русский").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    page.get_by_role("button", name=re.compile(r"^Publish in")).wait_for()

    assert "Sahel" not in region_names_offered(chromium, f"{live_server.url}/ru/context/")

    page.get_by_role("button", name="Translate", exact=True).click()
    page.locator("textarea").fill("Сахель")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Сахель", exact=True).wait_for()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Publish in")).click()
    page.screenshot(path=str(tmp_path / "region-translation-published.png"), full_page=True)

    offered = region_names_offered(chromium, f"{live_server.url}/ru/context/")
    assert "Сахель" in offered and "Sahel" not in offered


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_report_shows_a_translation_an_english_edit_left_behind(live_server, staff_browser, tmp_path):
    from wagtail.models import Locale

    from pages.models import ArticlePage

    russian = Locale.objects.get(language_code="ru")
    english = (
        ArticlePage.objects.filter(locale=Locale.get_default())
        .filter(translation_key__in=ArticlePage.objects.filter(locale=russian).values("translation_key"))
        .order_by("pk")
        .first()
    )
    page = staff_browser
    page.goto(f"{live_server.url}/admin/pages/{english.pk}/edit/")
    page.locator("input[name=title]").fill("Brussels rethinks the northern corridor")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    page.goto(f"{live_server.url}/admin/")  # the dashboard leads to what is out of date
    page.get_by_role("link", name="See what to sync").click()
    page.wait_for_url(re.compile(r"/admin/reports/translations/\?status=out_of_date$"))
    row = page.locator("tbody tr").filter(has_text="Brussels rethinks the northern corridor")
    assert "out of date: English changed" in row.inner_text()
    page.screenshot(path=str(tmp_path / "translations-report.png"), full_page=True)

    row.get_by_role("link", name="Sync").click()
    page.wait_for_load_state()
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/admin/reports/translations/"))
    assert page.locator("tbody tr").filter(has_text="Brussels rethinks the northern corridor").count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_chooses_regions_and_experts_of_the_pages_language(live_server, staff_browser, tmp_path):
    from wagtail.models import Locale

    from demo.tree import existing_tree
    from experts.models import ExpertPage
    from pages.models import ArticleKind, Region

    news = existing_tree()["sections"][ArticleKind.NEWS]
    russian_region = Region.objects.filter(locale__language_code="ru").first()
    english_region = Region.objects.filter(locale=Locale.get_default()).first()
    page = staff_browser

    page.goto(f"{live_server.url}/admin/pages/add/pages/articlepage/{news.pk}/")
    regions = page.locator("input[name=regions]")
    assert regions.count() == Region.objects.filter(locale=Locale.get_default()).count()
    assert page.get_by_role("checkbox", name=russian_region.name, exact=True).count() == 0
    page.get_by_role("checkbox", name=english_region.name, exact=True).check()

    page.get_by_role("button", name="Add expert author").click()
    page.get_by_role("button", name=re.compile(r"Choose a page")).last.click()
    modal = page.locator(".modal-content")
    modal.locator(".listing").wait_for()
    listed = modal.locator("a.choose-page").all_inner_texts()
    english_experts = set(
        ExpertPage.objects.filter(locale=Locale.get_default()).values_list("title", flat=True)
    )
    assert listed and set(listed) <= english_experts
    assert len(listed) == len(set(listed))  # each expert once
    page.screenshot(path=str(tmp_path / "expert-chooser.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_expert_choosers_search_offers_the_pages_language_only(live_server, staff_browser, tmp_path):
    from wagtail.models import Locale

    from demo.tree import existing_tree
    from experts.models import ExpertPage
    from pages.models import ArticleKind

    news = existing_tree()["sections"][ArticleKind.NEWS]
    english = ExpertPage.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    russian = english.get_translation(Locale.objects.get(language_code="ru"))
    assert russian.title == english.title  # the profiles share the name the editor types
    page = staff_browser

    page.goto(f"{live_server.url}/admin/pages/add/pages/articlepage/{news.pk}/")
    page.get_by_role("button", name="Add expert author").click()
    page.get_by_role("button", name=re.compile(r"Choose a page")).last.click()
    modal = page.locator(".modal-content")
    modal.locator(".listing").wait_for()
    modal.locator("input[name=q]").fill(english.title)
    modal.get_by_role("alert").filter(has_text=re.compile(r"\bmatch")).wait_for()
    found = modal.locator(".page-results a.choose-page")
    offered = [found.nth(number).get_attribute("data-url") for number in range(found.count())]
    page.screenshot(path=str(tmp_path / "expert-chooser-search.png"), full_page=True)

    assert offered == [english.url]
    found.first.click()
    assert page.locator("input[name=authors-0-expert]").input_value() == str(english.pk)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_counts_what_waits(live_server, staff_browser, tmp_path):
    from wagtail.models import Locale

    from forum.models import ForumTopicPage
    from forum.posts import ForumPost
    from tests.factories import UserFactory

    topic = ForumTopicPage.objects.filter(locale=Locale.get_default()).first()
    author = UserFactory()
    for body in ("First reply waiting.", "Second reply waiting."):
        ForumPost.objects.create(topic=topic, author=author, body=body)
    page = staff_browser

    page.goto(f"{live_server.url}/admin/")
    panel = page.locator("[data-dashboard-panel=dashboard-forum-replies]")
    assert panel.locator(".dashboard-count__number").inner_text() == str(
        ForumPost.objects.filter(status="pending").count()
    )
    for heading in (
        "New order requests",
        "Members awaiting approval",
        "Pages in moderation",
        "Scheduled pages",
        "Translations out of date",
    ):
        assert page.get_by_role("heading", name=heading).is_visible()
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    panel.get_by_role("link").click()
    page.wait_for_load_state()
    assert "Second reply waiting." in page.locator("main").inner_text()
