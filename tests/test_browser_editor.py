"""An editor in a real browser (Debian's Chromium through Playwright), signed in with two-factor:
Publish clicked while an autosave is on its way publishes the page, and the side panel's preview
shows the page."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import reseed_after_flush
from tests.sign_in import sign_in_staff

TITLE = "Grain corridors after the winter"
SUMMARY = "Ports reopen and insurers return."


@pytest.fixture
def editor(chromium, live_server):
    """A browser tab signed in to the admin as a superuser (password and two-factor code accepted)."""
    from tests.factories import UserFactory

    reseed_after_flush()
    user = UserFactory(username="editor", is_staff=True, is_superuser=True)
    client = Client()
    sign_in_staff(client, user)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    yield context.new_page()
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
