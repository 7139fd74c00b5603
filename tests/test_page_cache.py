"""The page cache: which responses Django lets a shared cache keep, what a change purges, and a
real Varnish (deploy/varnish/) in front of the live server and in front of small echo backends.

Varnish tests need varnishd (Debian's ``varnish`` package) and skip without it, failing under CI.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from wagtail.models import Locale, Page

from core import cache_headers, cache_purge, cache_requests
from forum.models import ForumTopicPage
from forum.moderation import moderate
from forum.posts import ForumPost, PostStatus
from pages.models import CONTEXT_KINDS, ArticleIndexPage, ArticleKind, ArticlePage, ContactPage
from shop.models import ProductPage
from tests.conftest import require_service, reseed_after_flush
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, MemberFactory
from tests.varnish_support import VARNISHD, EchoBackend, RecordingBackend, Varnish, varnishd_available

RECORDING = {"recording": {"BACKEND": "tests.varnish_support.RecordingBackend"}}
PURGE_DEADLINE = 1.0  # seconds from publish until Varnish serves the new page
MEMBERS_URL = "/en/context/members-area/"


def newest_context_article(home):
    """The article at the top of Context, the home page and its section (and its authors' profiles)."""
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(kind__in=CONTEXT_KINDS, authors__isnull=False)
        .order_by("-date", "-pk")
        .first()
    )


def newest_members_article():
    return ArticlePage.objects.live().filter(kind=ArticleKind.MEMBERS, locale=Locale.get_default()).first()


def paths(urls):
    return {urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "") for url in urls}


def shared(response):
    cache_control = response["Cache-Control"]
    return "public" in cache_control and "private" not in cache_control


# --- Cache headers (Django's test client) ----------------------------------------------------------
def test_an_anonymous_article_may_be_shared(client, demo):
    article = newest_context_article(demo["home"])
    for response in (client.get(article.url), client.head(article.url)):
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
        assert not response.cookies
        assert "accept-language" not in response.get("Vary", "").lower()
    assert b"csrfmiddlewaretoken" not in client.get(article.url).content


@override_settings(CACHE_CONTROL_MAX_AGE=7, CACHE_CONTROL_S_MAXAGE=123)
def test_the_lifetimes_come_from_the_settings(client, demo):
    assert client.get("/en/context/")["Cache-Control"] == "public, max-age=7, s-maxage=123"


def test_listings_home_and_sitemap_may_be_shared(client, demo):
    for url in ["/en/", "/ru/", "/en/context/", "/en/context/news/?page=2", "/en/experts/", "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert shared(response), url
        assert "accept-language" not in response.get("Vary", "").lower(), url


def test_a_debate_may_be_shared_with_anonymous_readers_but_not_with_members(client, demo, member):
    debate = ForumTopicPage.objects.live().filter(locale=Locale.get_default()).first()
    assert shared(client.get(debate.url))
    client.force_login(member)
    response = client.get(debate.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/ru/accounts/login/",
        "/en/search/?q=energy",
        "/en/search/suggest/?q=ener",
        "/en/no-such-page/",
        "/admin/",
        "/admin/login/",
        "/healthz/",
        "/",
    ],
)
def test_accounts_search_admin_errors_and_redirects_are_never_shared(client, demo, url):
    response = client.get(url)
    assert "public" not in response["Cache-Control"], (url, response["Cache-Control"])
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"], url


def test_pages_with_a_form_are_not_shared(client, demo):
    contact = ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")
    product = ProductPage.objects.live().filter(locale=Locale.get_default(), in_stock=True).first()
    for url in [contact.url, product.url]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"csrfmiddlewaretoken" in response.content, url
        assert response["Cache-Control"] == "private, no-cache", url


def test_a_form_sent_is_not_shared(client, demo):
    contact = ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")
    assert client.post(contact.url, {})["Cache-Control"].startswith("private")


def test_anything_for_a_signed_in_reader_is_private(client, demo, member):
    client.force_login(member)
    article = newest_context_article(demo["home"])
    briefing = newest_members_article()
    for url in [article.url, "/en/", briefing.url, MEMBERS_URL]:
        response = client.get(url)
        assert response.status_code == 200, url
        # (Wagtail's own never_cache headers on restricted pages are kept: as strict, and more.)
        assert {"private", "no-store"} <= set(re.split(r",\s*", response["Cache-Control"])), url


def test_a_reader_with_a_session_but_no_account_is_private_too(client, demo):
    client.cookies["sessionid"] = "an-anonymous-session"
    assert client.get("/en/context/")["Cache-Control"] == "private, no-store"


def test_members_only_pages_are_never_shared(client, demo):
    briefing = newest_members_article()
    response = client.get(briefing.url)
    assert response.status_code == 302  # to the login page
    assert not shared(response)
    # Served (to a member, or by any other way round the login): members only, never public.
    request = RequestFactory().get(briefing.url)
    request.page_cache_page = briefing
    response = HttpResponse("<p>briefing</p>", content_type="text/html; charset=utf-8")
    assert cache_headers.cache_decision(request, response) == (cache_headers.PERSONAL, "members only")


def test_a_views_own_stricter_header_is_kept(demo):
    request = RequestFactory().get("/en/")
    response = HttpResponse("<p>x</p>", content_type="text/html")
    response["Cache-Control"] = "no-store"
    assert cache_headers.set_cache_headers(request, response)["Cache-Control"] == "no-store"
    response = HttpResponse("<p>x</p>", content_type="text/html")
    response.set_cookie("messages", "x")
    assert cache_headers.set_cache_headers(request, response)["Cache-Control"] == "private, no-cache"


def test_previews_are_private(demo):
    request = RequestFactory().get("/en/")
    request.is_preview = True
    response = HttpResponse("<p>x</p>", content_type="text/html")
    assert cache_headers.cache_decision(request, response)[0] == cache_headers.PERSONAL


# --- What a change purges (a recording backend) -----------------------------------------------------
@pytest.fixture
def recording(settings):
    settings.WAGTAILFRONTENDCACHE = RECORDING
    RecordingBackend.reset()
    cache_purge.pending.batch = None
    yield RecordingBackend
    RecordingBackend.reset()


def purged_paths():
    return paths(RecordingBackend.purged)


def everything_dropped():
    return paths(RecordingBackend.subtrees) == {"/"}


def test_publishing_an_article_purges_it_in_both_languages_and_every_listing(
    demo, recording, django_capture_on_commit_callbacks
):
    article = newest_context_article(demo["home"])
    russian = article.get_translation(Locale.objects.get(language_code="ru"))
    experts = [link.expert for link in article.authors.all()]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A new title"
        article.save_revision().publish()
    section = article.get_parent()
    expected = {
        article.url,
        russian.url,
        section.url,
        section.get_parent().url,  # Context
        russian.get_parent().url,
        russian.get_parent().get_parent().url,
        "/en/",
        "/ru/",
        "/sitemap.xml",
        *(expert.url for expert in experts),
        *(link.expert.url for link in ArticlePage.objects.get(pk=russian.pk).authors.all()),
    }
    assert expected <= purged_paths()
    assert not RecordingBackend.subtrees  # nothing dropped wholesale for one article


def test_purges_wait_for_the_commit(demo, recording, django_capture_on_commit_callbacks):
    article = newest_context_article(demo["home"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.title = "Still in a transaction"
        article.save_revision().publish()
        # Wagtail's own handler purges the page itself at once; the listings wait for the commit.
        assert "/en/context/" not in purged_paths()
    for callback in callbacks:
        callback()
    assert "/en/context/" in purged_paths()


def test_a_rolled_back_change_purges_nothing(demo, recording, django_capture_on_commit_callbacks):
    home = demo["home"]
    articles = list(ArticlePage.objects.live().public().descendant_of(home).filter(kind=ArticleKind.NEWS)[:2])
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            cache_purge.page_changed(articles[0])
            raise RuntimeError("the editor's save failed")
        cache_purge.page_changed(articles[1])
    assert articles[1].url in purged_paths()
    assert articles[0].url not in purged_paths()


def test_approving_a_reply_purges_the_debate_in_both_languages(
    demo, recording, member, moderator, django_capture_on_commit_callbacks
):
    english = ForumTopicPage.objects.live().filter(locale__language_code="en", posts__isnull=False).first()
    russian = english.get_translation(Locale.objects.get(language_code="ru"))
    ForumPost.objects.create(topic=english, author=member, body="A reply waiting for a moderator.")
    RecordingBackend.reset()
    with django_capture_on_commit_callbacks(execute=True):
        approved = moderate(
            ForumPost.objects.filter(status=PostStatus.PENDING), PostStatus.APPROVED, moderator
        )
    assert approved >= 1
    assert {english.url, russian.url} <= set(purged_paths())


def test_an_author_taken_off_an_article_has_their_profile_purged(
    demo, recording, django_capture_on_commit_callbacks
):
    article = newest_context_article(demo["home"])
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()  # a published revision to compare with
    removed = article.authors.first().expert
    RecordingBackend.reset()
    with django_capture_on_commit_callbacks(execute=True):
        article.authors = [link for link in article.authors.all() if link.expert_id != removed.pk]
        article.save_revision().publish()
    assert removed.url in purged_paths()


def test_a_menu_page_renamed_drops_everything_but_a_text_change_does_not(
    demo, recording, django_capture_on_commit_callbacks
):
    about = Page.objects.get(url_path=demo["home"].url_path + "about/").specific
    assert about.show_in_menus
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()  # a published revision to compare with
    RecordingBackend.reset()
    with django_capture_on_commit_callbacks(execute=True):
        about.intro = "A new introduction."
        about.save_revision().publish()
    assert not RecordingBackend.subtrees
    assert about.url in purged_paths()
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About the forum"
        about.save_revision().publish()
    assert everything_dropped()


def test_unpublishing_a_menu_page_drops_everything(demo, recording, django_capture_on_commit_callbacks):
    events = Page.objects.get(url_path=demo["home"].url_path + "context/events/")
    assert events.show_in_menus
    with django_capture_on_commit_callbacks(execute=True):
        events.unpublish()
    assert everything_dropped()


def test_a_moved_article_is_dropped_at_its_old_address(demo, recording, django_capture_on_commit_callbacks):
    article = newest_context_article(demo["home"])
    old_url, old_section = article.url, article.get_parent()
    target = demo["sections"][ArticleKind.REVIEW if article.kind != ArticleKind.REVIEW else ArticleKind.NEWS]
    with django_capture_on_commit_callbacks(execute=True):
        article.move(target, pos="last-child")
    article.refresh_from_db()
    assert paths(RecordingBackend.subtrees) == {old_url}
    assert {article.url, target.url, old_section.url, "/en/context/", "/en/"} <= purged_paths()


def test_a_new_slug_drops_the_old_address_and_everything_below_it(
    demo, recording, django_capture_on_commit_callbacks
):
    context = Page.objects.get(url_path=demo["home"].url_path + "context/")
    with django_capture_on_commit_callbacks(execute=True):
        section = ArticleIndexPageFactory(
            parent=context, title="Working papers", show_in_menus=False, publish=True
        )
    old_url = section.url
    RecordingBackend.reset()
    with django_capture_on_commit_callbacks(execute=True):
        section.slug = "papers"
        section.save_revision().publish()
    assert paths(RecordingBackend.subtrees) == {old_url}
    assert {"/en/context/papers/", "/en/context/"} <= purged_paths()


def test_a_deleted_section_is_dropped_with_one_ban(demo, recording, django_capture_on_commit_callbacks):
    context = Page.objects.get(url_path=demo["home"].url_path + "context/")
    # (Drafts: deleting live pages inside a test transaction currently leaves a search entry behind.)
    section = ArticleIndexPageFactory(parent=context, title="Working papers", show_in_menus=False, live=False)
    articles = [ArticlePageFactory(parent=section, experts=demo["experts"][:1], live=False) for _ in range(3)]
    collected = []
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=section.pk).delete()
        collected = sorted(cache_purge.pending.batch.pages.urls)
    assert paths(RecordingBackend.subtrees) == {section.url}
    assert {"/en/context/", "/en/", demo["experts"][0].url} <= purged_paths()
    assert not {article.url for article in articles} & paths(
        collected
    )  # under the ban: not listed one by one


def test_a_change_too_large_to_list_drops_everything(
    demo, recording, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(cache_purge, "MAX_PURGE_URLS", 20)
    articles = ArticlePage.objects.live().descendant_of(demo["home"])[:10]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for article in articles:
            cache_purge.page_changed(article)
    assert everything_dropped()


def test_a_failure_to_work_out_the_purge_drops_everything_and_keeps_the_publish(
    demo, recording, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(page):
        raise RuntimeError("cannot read the links")

    monkeypatch.setattr(cache_purge, "linked_page_ids", broken)
    article = newest_context_article(demo["home"])
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Published all the same"
        article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).title == "Published all the same"
    assert everything_dropped()


def test_without_a_cache_configured_nothing_is_collected(demo, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    cache_purge.pending.batch = None
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        newest_context_article(demo["home"]).save_revision().publish()
    assert cache_purge.pending.batch is None
    assert cache_purge.flush not in callbacks


def test_the_frontend_cache_settings_follow_the_environment():
    env = {
        **os.environ,
        "FRONTEND_CACHE_PURGE_URL": "http://10.0.0.5:6081, http://10.0.0.6:6081",
        "CLOUDFLARE_ZONE_ID": "zone",
        "CLOUDFLARE_API_TOKEN": "token",
        "CLOUDFRONT_DISTRIBUTION_ID": "E123",
    }
    code = "import json, config.settings.base as s; print(json.dumps(s.WAGTAILFRONTENDCACHE))"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    configured = json.loads(result.stdout)
    assert configured["varnish1"]["LOCATION"] == "http://10.0.0.5:6081"
    assert configured["varnish2"]["LOCATION"] == "http://10.0.0.6:6081"
    assert (
        configured["cloudflare"]["ZONEID"] == "zone" and configured["cloudflare"]["BEARER_TOKEN"] == "token"
    )
    assert configured["cloudfront"]["DISTRIBUTION_ID"] == "E123"


def test_a_varnish_that_does_not_answer_never_holds_up_a_publish(
    demo, settings, django_capture_on_commit_callbacks, caplog
):
    from tests.varnish_support import free_port

    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",  # nothing listens there
        }
    }
    cache_purge.pending.batch = None
    article = newest_context_article(demo["home"])
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Published while Varnish is down"
        article.save_revision().publish()
    assert time.monotonic() - started < 5
    assert ArticlePage.objects.get(pk=article.pk).title == "Published while Varnish is down"
    refusals = [
        r for r in caplog.records if r.name == "core.cache_requests" and "does not answer" in r.message
    ]
    assert len(refusals) == 1  # logged once, the other addresses skipped


def test_subtrees_and_everything_reach_each_kind_of_cache(settings, monkeypatch):
    from wagtail.contrib.frontend_cache.backends import CloudfrontBackend

    invalidated, posted = [], []
    monkeypatch.setattr(
        CloudfrontBackend, "_create_invalidation", lambda self, dist, paths: invalidated.append(paths)
    )

    class Answer:
        def raise_for_status(self):
            pass

    monkeypatch.setattr(
        cache_requests.requests, "post", lambda url, **kwargs: posted.append((url, kwargs)) or Answer()
    )
    settings.WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "E123",
        },
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone",
            "BEARER_TOKEN": "token",
        },
    }
    cache_requests.purge_subtrees.call(["http://localhost/"])
    assert invalidated == [["/*"]]
    assert posted[0][0].endswith("/zones/zone/purge_cache")
    assert posted[0][1]["json"] == {"purge_everything": True}
    assert posted[0][1]["headers"] == {"Authorization": "Bearer token"}


# --- Varnish alone, in front of two echo backends ---------------------------------------------------
def varnish_folder():
    """A working folder the varnish user can read (pytest's tmp_path is private to root)."""
    folder = tempfile.mkdtemp(prefix="egf-varnish-")
    os.chmod(folder, 0o755)
    return folder


@pytest.fixture(scope="module")
def echo_varnish():
    require_service(varnishd_available(), f"varnishd not found at {VARNISHD} (apt-get install varnish)")
    backends = [EchoBackend("one").start(), EchoBackend("two").start()]
    folder = varnish_folder()
    varnish = Varnish(folder, [backend.address for backend in backends]).start()
    yield varnish, backends
    varnish.stop()
    for backend in backends:
        backend.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def echo(echo_varnish):
    varnish, backends = echo_varnish
    varnish.ban_everything()
    for backend in backends:
        backend.requests.clear()
    return varnish


def test_a_public_response_is_cached_and_marked(echo):
    assert echo.get("/en/page/").cache == "MISS"
    second = echo.get("/en/page/")
    assert second.cache == "HIT"
    assert "x-url-path" not in second.headers


def test_a_response_that_sets_a_cookie_is_never_stored(echo):
    for _ in range(3):
        response = echo.get("/set-cookie/page/")
        assert response.cache == "MISS"
        assert response.headers["Set-Cookie"].startswith("sessionid=someone-else")
    assert "Set-Cookie" not in echo.get("/en/page/").headers


def test_private_responses_and_posts_always_reach_the_app(echo, echo_varnish):
    for _ in range(2):
        assert echo.get("/private/page/").cache == "MISS"
        assert echo.request("POST", "/en/page/", body=b"x=1").cache == "MISS"
    backends = echo_varnish[1]
    assert sum(1 for b in backends for r in b.requests if r["method"] == "POST") == 2


@pytest.mark.parametrize(
    "path", ["/admin/pages/", "/admin/login/", "/en/accounts/login/", "/ru/accounts/", "/en/search/?q=x"]
)
def test_admin_accounts_and_search_pass_even_if_the_app_said_public(echo, path):
    assert [echo.get(path).cache for _ in range(2)] == ["MISS", "MISS"]


def test_djangos_cookies_pass_and_others_are_dropped(echo, echo_varnish):
    analytics = {"Cookie": "_ga=GA1.2.3; _gid=GA1.4.5"}
    assert echo.get("/en/cookies/", analytics).cache == "MISS"
    assert echo.get("/en/cookies/", analytics).cache == "HIT"
    seen = [r for b in echo_varnish[1] for r in b.requests if r["path"] == "/en/cookies/"]
    assert len(seen) == 1 and "Cookie" not in seen[0]
    for cookie in ["sessionid=abc", "_ga=1; csrftoken=abc", "messages=abc", "django_language=ru"]:
        response = echo.get("/en/cookies/", {"Cookie": cookie})
        assert response.cache == "MISS", cookie
        assert response.json()["Cookie"] == cookie


def test_campaign_parameters_do_not_split_the_cache(echo):
    response = echo.get("/en/page/?utm_source=news&id=3&fbclid=xyz")
    assert response.json()["path"] == "/en/page/?id=3"
    assert echo.get("/en/page/?id=3").cache == "HIT"


def test_x_forwarded_for_gets_the_readers_address_appended(echo):
    assert echo.get("/private/xff/").json()["X-Forwarded-For"] == "127.0.0.1"
    sent = echo.get("/private/xff/", {"X-Forwarded-For": "203.0.113.9"})
    assert sent.json()["X-Forwarded-For"] == "203.0.113.9, 127.0.0.1"
    proxied = echo.proxy_request("198.51.100.7", "GET", "/private/xff/")
    assert proxied.json()["X-Forwarded-For"] == "198.51.100.7"


def test_purge_drops_a_page_with_all_its_query_strings(echo):
    for path in ["/en/context/", "/en/context/?page=2", "/en/context/news/"]:
        echo.get(path)
    assert echo.request("PURGE", "/en/context/").status == 200
    assert echo.get("/en/context/").cache == "MISS"
    assert echo.get("/en/context/?page=2").cache == "MISS"
    assert echo.get("/en/context/news/").cache == "HIT"


def test_ban_drops_a_subtree(echo):
    for path in ["/en/context/", "/en/context/news/a/", "/en/about/"]:
        echo.get(path)
    assert echo.request("BAN", "/en/context/").status == 200
    assert echo.get("/en/context/news/a/").cache == "MISS"
    assert echo.get("/en/context/").cache == "MISS"
    assert echo.get("/en/about/").cache == "HIT"


def test_purge_and_ban_only_from_the_app_servers(echo):
    echo.get("/en/context/")
    for method in ["PURGE", "BAN"]:
        assert echo.proxy_request("198.51.100.7", method, "/en/context/").status == 403
        # From an allowed address but through another proxy: refused too.
        assert echo.request(method, "/en/context/", {"X-Forwarded-For": "198.51.100.7"}).status == 403
    assert echo.get("/en/context/").cache == "HIT"
    assert echo.request("PURGE", '/en/context/"x').status == 400
    assert echo.proxy_request("127.0.0.1", "PURGE", "/en/context/").status == 200
    assert echo.get("/en/context/").cache == "MISS"


def test_two_app_servers_share_the_load_and_a_dead_one_is_left_out():
    require_service(varnishd_available(), f"varnishd not found at {VARNISHD} (apt-get install varnish)")
    one, two = EchoBackend("one").start(), EchoBackend("two").start()
    folder = varnish_folder()
    varnish = Varnish(folder, [one.address, two.address], probe_interval=1).start()
    try:
        assert varnish.run("start").stdout.startswith("varnish: already running")
        served_by = [varnish.get(f"/private/{n}/").headers["X-Backend"] for n in range(4)]
        assert sorted(served_by) == ["one", "one", "two", "two"]
        two.stop()
        deadline = time.monotonic() + 15
        while not re.search(r"app2\s+probe\s+\S+\s+sick", varnish.backend_health()):
            assert time.monotonic() < deadline, varnish.backend_health()
            time.sleep(0.5)
        answers = [varnish.get(f"/private/after/{n}/") for n in range(4)]
        assert [(a.status, a.headers["X-Backend"]) for a in answers] == [(200, "one")] * 4
    finally:
        varnish.stop()
        one.stop()
        shutil.rmtree(folder, ignore_errors=True)
    assert varnish.run("status").returncode == 3  # stopped


# --- Varnish in front of the site (live server) -----------------------------------------------------
@pytest.fixture(scope="module")
def site_varnish(live_server):
    require_service(varnishd_available(), f"varnishd not found at {VARNISHD} (apt-get install varnish)")
    folder = varnish_folder()
    varnish = Varnish(folder, [f"127.0.0.1:{urlsplit(live_server.url).port}"]).start()
    yield varnish
    varnish.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def front(site_varnish, transactional_db, settings):
    """Varnish in front of a freshly seeded live server; Wagtail purges it."""
    reseed_after_flush()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": site_varnish.url,
        }
    }
    cache_purge.pending.batch = None
    site_varnish.ban_everything()
    return site_varnish


def warm(front, url):
    first = front.get(url)
    assert first.status == 200, (url, first.status)
    second = front.get(url)
    assert second.cache == "HIT", (url, second.headers)
    return second


def test_anonymous_readers_get_cached_pages_that_publishing_refreshes(front, settings):
    # Background work waits in a queue, as in production: Varnish must not depend on the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    home = Page.objects.get(url_path="/home/")
    article = ArticlePage.objects.get(pk=newest_context_article(home).pk)
    russian = article.get_translation(Locale.objects.get(language_code="ru"))
    expert = article.authors.first().expert
    listings = [article.get_parent().url, "/en/context/", "/en/"]
    others = [russian.url, "/en/context/?page=2", expert.url, "/sitemap.xml"]
    for url in [article.url, *listings, *others]:
        cached = warm(front, url)
        assert (
            "public" in cached.headers["Cache-Control"] and "s-maxage=600" in cached.headers["Cache-Control"]
        )
        assert cached.headers.get("Set-Cookie") is None, url
        assert "csrfmiddlewaretoken" not in cached.text, url

    new_title = "Pipeline politics: the revised account"
    article.title = new_title
    article.save_revision().publish()
    published = time.monotonic()

    for url in [article.url, *listings]:
        while new_title not in front.get(url).text:
            assert time.monotonic() - published < PURGE_DEADLINE, f"{url} still shows the old title"
            time.sleep(0.05)
    for url in others:
        assert front.get(url).cache == "MISS", f"{url} was not purged"
    assert new_title in front.get(expert.url).text
    assert front.get(article.url).cache == "HIT"  # and cached again


def test_signed_in_members_are_never_served_from_the_cache(front):
    home = Page.objects.get(url_path="/home/")
    article = newest_context_article(home)
    briefing = newest_members_article()
    member = MemberFactory(username="grace", first_name="Grace")
    client = Client()
    client.force_login(member)
    session = {"Cookie": f"_ga=GA1.2.3; sessionid={client.cookies['sessionid'].value}"}

    warm(front, article.url)
    for url in [article.url, briefing.url, MEMBERS_URL]:
        for _ in range(2):
            response = front.get(url, session)
            assert response.status == 200, url
            assert response.cache == "MISS", url
            assert "public" not in response.headers["Cache-Control"], url
            assert "Logout" in response.text, url
    anonymous = front.get(article.url, {"Cookie": "_ga=GA1.2.3"})
    assert anonymous.cache == "HIT"
    assert "Logout" not in anonymous.text and "grace" not in anonymous.text.lower()
    for _ in range(2):
        refused = front.get(briefing.url)
        assert refused.status == 302 and refused.cache == "MISS"  # to the login page, never stored


def test_forms_accounts_and_search_are_not_cached_and_purges_need_the_acl(front):
    contact = ContactPage.objects.filter(locale=Locale.get_default()).first()
    for _ in range(2):
        response = front.get(contact.url)
        assert response.status == 200
        assert response.cache == "MISS"
        assert response.headers["Cache-Control"] == "private, no-cache"
        assert "csrftoken=" in response.headers.get("Set-Cookie", "")
        assert "csrfmiddlewaretoken" in response.text
    for url in ["/en/accounts/login/", "/en/search/?q=energy", "/en/search/suggest/?q=ener"]:
        assert [front.get(url).cache for _ in range(2)] == ["MISS", "MISS"], url

    section = ArticleIndexPage.objects.filter(locale=Locale.get_default(), kind=ArticleKind.NEWS).first()
    warm(front, section.url)
    assert front.proxy_request("198.51.100.7", "PURGE", section.url).status == 403
    assert front.get(section.url).cache == "HIT"
    assert front.request("PURGE", section.url).status == 200
    assert front.get(section.url).cache == "MISS"


def test_a_section_restricted_in_the_admin_leaves_varnish_in_both_languages(front, admin_client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # no worker
    english, russian = (
        ArticleIndexPage.objects.get(kind=ArticleKind.REVIEW, locale__language_code=language)
        for language in ("en", "ru")
    )
    reviews = [
        ArticlePage.objects.child_of(section).live().order_by("-date").first()
        for section in (english, russian)
    ]
    pages = [english.url, russian.url, *(review.url for review in reviews)]
    listings = ["/sitemap.xml", "/en/feeds/rss/", "/ru/feeds/rss/"]
    for url in pages + listings:
        warm(front, url)

    response = admin_client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[english.pk]),
        {"restriction_type": "login", "password": "", "groups": []},
    )
    assert response.status_code == 200

    for url in pages:
        refused = front.get(url)
        assert refused.status == 302 and "/accounts/login/" in refused.headers["Location"], (
            url,
            refused.status,
        )
    for url in listings:
        listing = front.get(url)
        assert listing.cache == "MISS", url
        for review in reviews:
            assert review.title not in listing.text and review.url not in listing.text, (url, review.title)
