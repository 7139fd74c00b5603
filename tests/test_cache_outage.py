"""Redis going away, with a real redis-server stopped in the middle of each test: pages are served
uncached, a message sent meanwhile is stored and thanked for, sign-in is refused with a message
(the password unchecked), sign-up goes on, and when Redis returns with what it held before, a
change made in between is what readers see."""

import logging

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from pages.models import ArticlePage, ContactPage
from tests.factories import PASSWORD, UserFactory, VerifiedMemberFactory
from tests.html import form_of, html
from tests.redis_server import running_redis, site_cache_on
from tests.test_contact_form import CONTACT_URL, VALID, filled_in
from tests.test_sign_in_limits import PasswordChecks

UNAVAILABLE = "Signing in is unavailable for a moment. Please try again shortly."
PAGES = ["/en/", "/en/context/", "/en/context/news/", "/en/experts/", "/en/search/?q=pipeline"]


@pytest.fixture
def redis_server(tmp_path):
    with running_redis(tmp_path) as server:
        yield server


@pytest.fixture
def site_cache(redis_server):
    with site_cache_on(redis_server):
        yield redis_server


@pytest.fixture
def article(demo):
    return ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk").first()


@pytest.fixture
def password_checks():
    checks = PasswordChecks()
    yield checks
    checks.close()


def test_pages_are_served_uncached_while_redis_is_down_and_one_warning_is_logged(
    client, demo, article, site_cache, caplog
):
    for url in [*PAGES, article.url]:
        assert client.get(url).status_code == 200, url  # warm: parts of each page are kept in Redis
    site_cache.stop()
    with caplog.at_level(logging.WARNING, logger="core.redis_cache"):
        for url in [*PAGES, article.url]:
            response = client.get(url)
            assert response.status_code == 200, url
        assert article.title in html(client.get(article.url)).get_text()
    warnings = [record for record in caplog.records if record.name == "core.redis_cache"]
    assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()


def test_pages_are_served_while_redis_hangs(client, demo, redis_server):
    # A Redis that accepts connections but never answers (a stopped process, a broken network path):
    # without timeouts these requests would wait for ever.
    with site_cache_on(redis_server, retry_seconds=60):
        assert client.get("/en/").status_code == 200
        redis_server.freeze()
        try:
            statuses = [client.get(url).status_code for url in PAGES]
        finally:
            redis_server.thaw()
    assert statuses == [200] * len(PAGES)


def test_a_message_sent_while_redis_is_down_is_stored_mailed_and_thanked_for(browser, demo, site_cache):
    contact_page = ContactPage.objects.get(url_path__endswith="/contact-us/", locale__language_code="en")
    before = FormSubmission.objects.filter(page=contact_page).count()
    form = form_of(html(browser.get(CONTACT_URL)))
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    site_cache.stop()

    response = browser.post(form["action"], {**filled_in(form, VALID), "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Thank you" in html(response).get_text()
    assert FormSubmission.objects.filter(page=contact_page).count() == before + 1
    assert len(mail.outbox) == 1 and VALID["Message"] in mail.outbox[0].body


def test_sign_in_is_refused_with_a_message_while_redis_is_down_and_works_when_it_returns(
    client, demo, site_cache, password_checks
):
    member = VerifiedMemberFactory(email="owner@egf.example")
    site_cache.stop()

    refused = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert UNAVAILABLE in html(refused).get_text()
    assert client.get("/en/accounts/").status_code == 302  # not signed in
    assert (password_checks.failed, password_checks.succeeded) == (0, 0)

    site_cache.start()
    signed_in = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/en/accounts/").status_code == 200


def test_the_admin_login_is_refused_with_a_message_while_redis_is_down(
    client, db, site_cache, password_checks
):
    UserFactory(username="editor", is_superuser=True)
    site_cache.stop()
    refused = client.post("/admin/login/", {"username": "editor", "password": PASSWORD, "otp_token": ""})
    assert UNAVAILABLE in html(refused).get_text()
    assert client.get("/admin/").status_code == 302
    assert (password_checks.failed, password_checks.succeeded) == (0, 0)


def test_sign_up_goes_on_while_redis_is_down(client, demo, site_cache):
    site_cache.stop()
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "new.reader@egf.example",
            "password1": "Caspian-route-2026",
            "password2": "Caspian-route-2026",
        },
    )
    assert response.status_code == 302
    assert "confirm" in html(client.get(response["Location"])).get_text().lower()
    assert mail.outbox[-1].to == ["new.reader@egf.example"]


def test_a_change_made_while_redis_was_down_is_served_after_it_returns_with_its_old_data(
    client, demo, article, site_cache
):
    old_title, new_title = article.title, "Harbour tariffs reconsidered during the outage"
    assert old_title in html(client.get(article.url)).get_text()  # the article's parts now kept in Redis
    generation_before = site_cache.client().get(":1:site-menus:generation")

    site_cache.stop(keep_data=True)
    article.title = new_title
    article.save_revision().publish()  # its cache invalidation cannot reach Redis
    assert new_title in html(client.get(article.url)).get_text()

    site_cache.start()
    # Redis is back with what it held before the change, the article's old parts included.
    assert site_cache.client().get(":1:site-menus:generation") == generation_before
    for url in (article.url, article.get_parent().url):
        page = html(client.get(url)).get_text()
        assert old_title not in page and new_title in page, url
