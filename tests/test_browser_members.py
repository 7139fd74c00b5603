"""A new member in a real browser: sign up, confirm the e-mail, log in, reply in a debate; a
moderator approves the reply in the admin and readers then see it."""

import re

import pytest
from django.conf import settings
from django.core import mail

from tests.conftest import reseed_after_flush
from tests.factories import ModeratorFactory
from tests.sign_in import authenticator_code, mailed_setup_link

PASSWORD = "Danube-delta-2026"
MODERATOR_PASSWORD = "Moderate-calmly-9"
MODERATOR_EMAIL = "moderator@egf.example"  # the factory's address for username "moderator"
REPLY = "The corridor depends on ports as much as on pipelines.\n\nSee https://example.org/ports for figures."


def confirmation_link(address):
    """The path of the link in the last e-mail sent to the address (the live server shares this
    process's outbox); mails link the public site, SITE_BASE_URL."""
    message = [message for message in mail.outbox if message.to == [address]][-1]
    return re.search(re.escape(settings.SITE_BASE_URL) + r"(/\S+)", message.body).group(1)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_new_member_signs_up_replies_and_a_moderator_approves(live_server, chromium, tmp_path):
    from forum.models import ForumTopicPage

    reseed_after_flush()
    topic = ForumTopicPage.objects.live().filter(locale__language_code="en", status="open").first()
    ModeratorFactory(username="moderator", password=MODERATOR_PASSWORD)
    address = "irina.moldovan@egf.example"

    reader = chromium.new_page(viewport={"width": 1280, "height": 900})
    reader.goto(f"{live_server.url}/en/")
    reader.get_by_role("navigation", name="Account").get_by_role("link", name="Registration").click()
    reader.wait_for_url(re.compile(r"/en/accounts/signup/$"))
    reader.get_by_label("Email").fill(address)
    reader.get_by_label("First name").fill("Irina")
    reader.get_by_label("Last name").fill("Moldovan")
    reader.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    reader.get_by_label("Password (again)").fill(PASSWORD)
    reader.get_by_role("button", name="Sign Up").click()
    reader.wait_for_url(re.compile(r"/en/accounts/confirm-email/$"))
    assert "verification" in reader.locator("main").inner_text().lower()

    reader.goto(live_server.url + confirmation_link(address))
    reader.get_by_role("button", name="Confirm").click()
    reader.wait_for_load_state()
    # Confirming logs the reader in; log out and in again the way a returning member does.
    reader.get_by_role("navigation", name="Account").get_by_role("button", name="Logout").click()
    reader.wait_for_load_state()
    reader.get_by_role("navigation", name="Account").get_by_role("link", name="Login").click()
    reader.get_by_label("Email").fill(address)
    reader.get_by_label("Password").fill(PASSWORD)
    reader.get_by_role("button", name="Sign In").click()
    reader.wait_for_load_state()
    assert (
        reader.get_by_role("navigation", name="Account")
        .get_by_role("link", name="Irina Moldovan")
        .is_visible()
    )

    reader.goto(f"{live_server.url}/en/forum/")
    reader.get_by_role("link", name=topic.title).first.click()
    reader.wait_for_url(re.compile(re.escape(topic.url) + "$"))
    reader.get_by_label("Your reply").fill(REPLY)
    reader.get_by_role("button", name="Send reply").click()
    reader.wait_for_load_state()
    mine = reader.locator(".forum-post.pending").filter(has_text="The corridor depends on ports")
    assert mine.locator(".moderation-status").inner_text() == "awaiting moderation"

    moderator = chromium.new_page(viewport={"width": 1280, "height": 900})
    moderator.goto(f"{live_server.url}/admin/login/")
    moderator.get_by_label("Username").fill("moderator")
    moderator.get_by_label("Password").fill(MODERATOR_PASSWORD)
    moderator.get_by_role("button", name="Sign in").click()
    # First sign-in of a staff member: the admin asks them to set up an authenticator app first,
    # from the link it mails them.
    moderator.wait_for_url(re.compile(r"/admin/two-factor/"))
    assert "We have sent you an e-mail" in moderator.locator(".messages").inner_text()
    moderator.goto(live_server.url + mailed_setup_link(MODERATOR_EMAIL))
    key = moderator.locator("[data-secret]").inner_text()
    moderator.get_by_label("Code from your authenticator app").fill(authenticator_code(key))
    moderator.get_by_role("button", name="Turn on two-factor sign-in").click()
    moderator.wait_for_url(re.compile(r"/admin/$"))
    assert "Two-factor sign-in is on" in moderator.locator(".messages").inner_text()
    moderator.goto(f"{live_server.url}/admin/forum/forumpost/?status=pending")
    row = moderator.locator("tr").filter(has_text="The corridor depends on ports")
    row.get_by_role("checkbox").check()
    moderator.get_by_role("button", name="Approve").click()
    moderator.wait_for_load_state()
    assert "1 post approved" in moderator.locator(".messages").inner_text()

    visitor = chromium.new_page(viewport={"width": 1280, "height": 900})
    visitor.goto(f"{live_server.url}{topic.url}")
    post = visitor.locator(".forum-post").filter(has_text="The corridor depends on ports")
    assert post.locator(".post-author").inner_text() == "Irina Moldovan"
    assert post.get_by_role("link", name="https://example.org/ports").get_attribute("rel") == "nofollow ugc"
    screenshot = tmp_path / "debate-with-reply.png"
    visitor.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
