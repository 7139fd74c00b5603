"""An editor in a real browser (Debian's Chromium through Playwright), signed in with two-factor:
Publish clicked while an autosave is on its way publishes the page, and the side panel's preview
shows the page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import reseed_after_flush
from tests.sign_in import admin_tab

TITLE = "Grain corridors after the winter"
SUMMARY = "Ports reopen and insurers return."


@pytest.fixture
def editor(chromium, live_server):
    """A browser tab signed in to the admin as a superuser (password and two-factor code accepted)."""
    reseed_after_flush()
    context, tab = admin_tab(chromium, live_server, {"width": 1400, "height": 1000})
    yield tab
    context.close()


def is_autosave(request):
    return request.method == "POST" and "application/json" in (request.headers.get("accept") or "")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_publish_clicked_while_the_first_autosave_is_on_its_way_publishes_the_page(live_server, editor):
    """The Publish waits for the autosave that creates the page, then is sent to the page's edit
    address as a Publish, not as the save a disabled button would leave."""
    from demo.tree import existing_tree
    from pages.models import ArticleKind, ArticlePage

    news = existing_tree()["sections"][ArticleKind.NEWS]
    held = []

    def hold_the_first_autosave(route, request):
        # The server saves the page; its answer is held back until the editor has clicked Publish.
        if is_autosave(request) and not held:
            held.append((route, route.fetch()))
        else:
            route.continue_()

    editor.route(re.compile(r"/admin/pages/"), hold_the_first_autosave)
    editor.goto(live_server.url + reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk]))
    # The editor notices changes from two seconds after the page has loaded, as a person types.
    editor.wait_for_timeout(2500)
    editor.locator("input[name=title]").fill(TITLE)
    editor.locator("textarea[name=summary]").fill(SUMMARY)
    editor.locator("input[name=date]").fill("2025-01-15")
    editor.locator("textarea[name=summary]").click()
    for _attempt in range(100):
        if held:
            break
        editor.wait_for_timeout(100)
    assert held, "the editor autosaves the new page"

    publish = editor.get_by_role("button", name="Publish")
    if not publish.is_visible():
        editor.get_by_role("button", name="More actions").click()
    publish.click()
    route, answer = held[0]
    route.fulfill(response=answer)
    message = editor.locator(".messages", has_text=TITLE)
    message.wait_for()

    assert f"Page '{TITLE}' has been published." in message.inner_text()
    [article] = ArticlePage.objects.filter(title=TITLE)
    reader = editor.context.browser.new_page()
    answer = reader.goto(live_server.url + article.url)
    assert answer.status == 200
    assert SUMMARY in reader.locator("main").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_side_panel_preview_shows_the_page_at_every_size(live_server, editor):
    from pages.models import ArticleKind, ArticlePage

    article = ArticlePage.objects.filter(kind=ArticleKind.NEWS, live=True).first()
    editor.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[article.pk]))
    editor.locator("[data-side-panel-toggle=preview]").click()
    frame = editor.frame_locator("#w-preview-iframe")
    for size in ["mobile", "tablet", "desktop"]:
        editor.get_by_role("radio", name=f"Preview in {size} size").check()
        expect(frame.locator("h1")).to_have_text(article.title)
        assert article.summary in frame.locator("main").inner_text(), size


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_article_goes_into_a_section_picked_from_a_list_and_its_gallery_has_two_slots(
    live_server, editor
):
    from demo.tree import existing_tree
    from pages.models import ArticleKind

    news = existing_tree()["sections"][ArticleKind.NEWS]
    editor.goto(live_server.url + reverse("articles:index"))
    editor.get_by_role("link", name="Add Article").click()
    editor.get_by_label("Context › News").check()
    editor.get_by_role("button", name="Create a new Article").click()
    editor.wait_for_url(re.compile(reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk])))

    body = editor.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name=re.compile("^Gallery")).click()
    expect(body.get_by_role("button", name="Choose an image")).to_have_count(2)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_translation_editor_opens_without_the_side_panel_covering_its_edit_buttons(live_server, editor):
    from wagtail.models import Locale

    from pages.models import ArticleKind, ArticlePage

    russian = ArticlePage.objects.filter(kind=ArticleKind.NEWS, locale__language_code="ru").first()
    english = russian.get_translation(Locale.get_default())
    status_panel = editor.locator("[data-side-panel=status]").first

    editor.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[english.pk]))
    editor.locator("[data-side-panel-toggle=status]").click()
    expect(status_panel).to_be_visible()

    editor.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[russian.pk]))
    # Wagtail reopens a remembered panel once the page has loaded, then drops this class.
    expect(editor.locator("[data-form-side]").first).not_to_have_class(re.compile("form-side--initial"))
    edit = editor.get_by_role("button", name="Edit", exact=True).first
    edit.wait_for()
    covered = edit.evaluate(
        """button => {
            const box = button.getBoundingClientRect();
            return !button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
        }"""
    )
    assert not covered, "the side panel covers the segment's Edit button"
    assert status_panel.is_hidden()

    # The page editor still reopens the panel the editor left open there.
    editor.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[english.pk]))
    expect(status_panel).to_be_visible()
