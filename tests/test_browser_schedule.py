"""An editor in a real browser creates a new article and schedules it in one go, while the first
autosave of the new page is still on its way: no "slug already in use", no orphan draft, one
article scheduled for the chosen date.

The server holds back the autosave's answer (the page is already created) until the editor has
clicked, which is the moment the race happens on a slow connection or a busy server."""

import re
import threading
from datetime import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from tests.conftest import reseed_after_flush
from tests.sign_in import sign_in_staff

TITLE = "Grain corridors after the winter"
GO_LIVE = "2030-01-15 09:00"


def signed_in_context(chromium, live_server):
    """A browser context signed in as an editor with two-factor sign-in done."""
    editor = get_user_model().objects.create_superuser("editor", "editor@egf.example", "Edit-carefully-7")
    client = Client()
    sign_in_staff(client, editor)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_article_is_scheduled_in_one_go_while_its_first_autosave_is_on_its_way(live_server, chromium):
    from demo.tree import existing_tree
    from pages.models import ArticleKind, ArticlePage

    reseed_after_flush()
    news = existing_tree()["sections"][ArticleKind.NEWS]
    editor = signed_in_context(chromium, live_server).new_page()

    autosave_created = threading.Event()
    answer_autosave = threading.Event()

    def hold_the_autosave_answer(request, page):
        # Wagtail's create view has added the page and its revision; the answer waits here.
        if "application/json" in request.headers.get("Accept", ""):
            autosave_created.set()
            answer_autosave.wait(timeout=60)

    problems = []
    editor.on("console", lambda message: message.type == "error" and problems.append(message.text))
    with hooks.register_temporarily("after_create_page", hold_the_autosave_answer):
        editor.goto(
            live_server.url + reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk])
        )
        # The editor notices changes from two seconds after the page has loaded, as a person types.
        editor.wait_for_timeout(2500)
        editor.locator("input[name=title]").fill(TITLE)
        editor.locator("textarea[name=summary]").fill("Ports reopen and insurers return.")
        editor.locator("input[name=date]").fill("2030-01-15")
        editor.locator("textarea[name=summary]").click()
        for _attempt in range(200):
            if autosave_created.is_set():
                break
            editor.wait_for_timeout(100)
        assert autosave_created.is_set(), f"the editor autosaves the new page {problems}"
        assert ArticlePage.objects.filter(title=TITLE).count() == 1

        # The schedule, chosen while the autosave's answer is still on its way.
        editor.locator("[data-side-panel-toggle=status]").click()
        editor.get_by_role("button", name="Set schedule").click()
        dialog = editor.locator("#schedule-publishing-dialog")
        dialog.locator("input[name=go_live_at]").fill(GO_LIVE)
        # From the keyboard: the date picker may still cover the button.
        dialog.get_by_role("button", name="Save schedule").press("Enter")
        editor.wait_for_timeout(500)
        answer_autosave.set()
        editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
        editor.locator(".messages").wait_for()
    assert "already in use" not in editor.locator("main").inner_text()
    assert ArticlePage.objects.filter(title=TITLE).count() == 1

    publish = editor.get_by_role("button", name="Schedule to publish")
    if not publish.is_visible():
        editor.get_by_role("button", name="More actions").click()
    publish.click()
    editor.wait_for_load_state()
    assert "scheduled for publishing" in editor.locator(".messages").inner_text()

    [article] = ArticlePage.objects.filter(title=TITLE)
    assert not article.live
    scheduled = article.revisions.filter(approved_go_live_at__isnull=False).get()
    expected = timezone.make_aware(datetime.strptime(GO_LIVE, "%Y-%m-%d %H:%M"))
    assert scheduled.approved_go_live_at == expected

    listing = editor.context.new_page()
    listing.goto(f"{live_server.url}{reverse('articles:index')}?q=winter")
    row = listing.locator("tr").filter(has_text=TITLE)
    assert row.count() == 1
    assert row.locator("td.field-status").inner_text().startswith("Scheduled for")
