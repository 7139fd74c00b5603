"""The production shape, as `make stack` runs it: two app servers (two gunicorn instances), the
task worker, the scheduler, Redis, PostgreSQL, the search engine, the S3 server and Varnish.

Changes are made by a third process with the stack's settings (`manage.py shell`), as an editor's
request on any app server would make them; both app servers and Varnish must then agree. These
tests read the stack's addresses from var/stack/stack.env and skip without a running stack
(they fail in CI, where .ci/run starts it).
"""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.conftest import require_service

STACK_ENV = Path(settings.BASE_DIR) / "var" / "stack" / "stack.env"
MAIL_LOG = STACK_ENV.parent / "mail.log"


def read_stack_env():
    if not STACK_ENV.exists():
        return None
    return dict(line.split("=", 1) for line in STACK_ENV.read_text().splitlines() if "=" in line)


def answers(url):
    try:
        urllib.request.urlopen(url, timeout=3)
        return True
    except OSError:
        return False


def running_stack():
    """The running stack's environment; the test skips (fails in CI) without one."""
    env = read_stack_env()
    running = env is not None and all(
        answers(url + "/healthz/") for url in [env["STACK_FRONT_URL"], *env["STACK_APP_URLS"].split(",")]
    )
    require_service(running, "the production stack is not running (make stack)")
    return env


@pytest.fixture(scope="module")
def stack():
    return running_stack()


def on_stack(stack, code):
    """Runs Python in a fresh process with the stack's settings and returns what it printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity=0", "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, **stack},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def get(url, opener=None):
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def text_of(url):
    status, _headers, body = get(url)
    assert status == 200, f"{url} answered {status}"
    return body.decode()


def eventually(check, seconds, what):
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return time.monotonic()
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what}")
        time.sleep(0.2)


def app_urls(stack):
    return stack["STACK_APP_URLS"].split(",")


def every_server(stack):
    return [*app_urls(stack), stack["STACK_FRONT_URL"]]


ARTICLE_IN_SECTION = """
from pages.models import ArticleIndexPage, ArticlePage, ArticleKind
section = ArticleIndexPage.objects.filter(kind=ArticleKind.REVIEW, locale__language_code="en").first()
article = ArticlePage.objects.live().child_of(section).order_by("-date", "-pk").first()
print(section.pk, article.pk, article.url)
"""


def test_a_section_restricted_elsewhere_vanishes_from_both_app_servers(stack):
    section_id, article_id, article_url = on_stack(stack, ARTICLE_IN_SECTION).split()
    title = on_stack(
        stack, f"from wagtail.models import Page; print(Page.objects.get(pk={article_id}).title)"
    )
    word = max(re.findall(r"\w+", title), key=len)
    places = ["/en/", "/en/context/?type=review", "/sitemap.xml"]
    for base in app_urls(stack):  # each server has read (and cached) the public section first
        assert any(title in text_of(base + place) or article_url in text_of(base + place) for place in places)
    on_stack(
        stack,
        "from django.contrib.auth.models import Group; from wagtail.models import Page, PageViewRestriction\n"
        f"restriction = PageViewRestriction.objects.create(page=Page.objects.get(pk={section_id}),"
        " restriction_type=PageViewRestriction.GROUPS)\n"
        "restriction.groups.add(Group.objects.get(name='Members'))",
    )
    try:
        for base in app_urls(stack):
            for place in places:
                page = text_of(base + place)
                assert title not in page and article_url not in page, f"{base}{place} still shows it"

            def not_found(base=base):
                search = text_of(f"{base}/en/search/?q={urllib.parse.quote(word)}")
                suggest = text_of(f"{base}/en/search/suggest/?q={urllib.parse.quote(title[:12])}")
                return title not in search and title not in json.dumps(
                    json.loads(suggest), ensure_ascii=False
                )

            eventually(not_found, 15, f"search on {base} forgets the restricted article")
    finally:
        on_stack(
            stack,
            f"from wagtail.models import PageViewRestriction; "
            f"PageViewRestriction.objects.filter(page_id={section_id}).delete()",
        )


PUBLISH_NEW_TITLE = """
from pages.models import ArticlePage, ArticleKind
news = ArticlePage.objects.live().filter(kind=ArticleKind.NEWS, locale__language_code="en")
article = news.order_by("-date", "-pk").first()
article.title = "{title}"
article.save_revision().publish()
print(article.url)
"""


def test_a_page_published_elsewhere_shows_on_both_servers_and_through_varnish_within_a_second(stack):
    front = stack["STACK_FRONT_URL"]
    url = on_stack(stack, PUBLISH_NEW_TITLE.replace("{title}", "Harbour tariffs reconsidered"))
    get(front + url)
    assert get(front + url)[1].get("X-Cache") == "HIT", "the article is served from the cache"
    url = on_stack(stack, PUBLISH_NEW_TITLE.replace("{title}", "Harbour tariffs reconsidered again"))
    eventually(
        lambda: "Harbour tariffs reconsidered again" in text_of(front + url),
        1,
        "Varnish shows the new title within a second of the publish",
    )
    for base in every_server(stack):
        assert "Harbour tariffs reconsidered again" in text_of(base + url)
        assert "Harbour tariffs reconsidered again" in text_of(base + "/en/context/")


UPLOAD_IMAGE = """
import io
from PIL import Image as PILImage
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
buffer = io.BytesIO()
PILImage.new("RGB", (320, 200), (40, 90, 160)).save(buffer, "PNG")
image = get_image_model().objects.create(title="Stack test image", file=ImageFile(buffer, name="stack-test.png"))
print(image.pk, image.get_rendition("fill-160x100").url)
"""


def test_an_image_stored_by_one_process_renders_on_both_servers(stack):
    image_id, rendition_url = on_stack(stack, UPLOAD_IMAGE).split()
    try:
        for base in every_server(stack):
            url = rendition_url if rendition_url.startswith("http") else base + rendition_url
            status, headers, body = get(url)
            assert status == 200, f"{url} answered {status}"
            assert headers["Content-Type"].startswith("image/")
            assert body[:4] == b"\x89PNG"
    finally:
        on_stack(
            stack,
            f"from wagtail.images import get_image_model; get_image_model().objects.filter(pk={image_id}).delete()",
        )


def order_form(base, opener, product_url):
    _status, _headers, body = get(base + product_url, opener)
    token = BeautifulSoup(body, "html.parser").select_one("input[name=csrfmiddlewaretoken]")["value"]
    return {
        "csrfmiddlewaretoken": token,
        "name": "Ilse Brandt",
        "email": "ilse@example.org",
        "address": "Hafenstraße 5, 20457 Hamburg",
        "quantity": "1",
        "note": "",
    }


def post(url, data, opener):
    request = urllib.request.Request(url, urllib.parse.urlencode(data).encode(), headers={"Referer": url})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_shop_rate_limit_counts_across_both_app_servers_and_the_worker_sends_the_mail(stack):
    from shop.models import ORDERS_PER_ADDRESS

    on_stack(stack, "from django.core.cache import cache; cache.clear()")
    product_url = on_stack(
        stack,
        "from shop.models import ProductPage; "
        "print(ProductPage.objects.live().filter(in_stock=True, locale__language_code='en').first().url)",
    )
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    servers = app_urls(stack)
    data = order_form(servers[0], opener, product_url)
    statuses = [post(servers[n % 2] + product_url, data, opener) for n in range(ORDERS_PER_ADDRESS + 1)]
    assert (
        statuses[:ORDERS_PER_ADDRESS] == [200] * ORDERS_PER_ADDRESS
    )  # the thank-you page, after the redirect
    assert statuses[-1] == 429
    eventually(
        lambda: MAIL_LOG.exists() and "ilse@example.org" in MAIL_LOG.read_text(errors="replace"),
        30,
        "the worker delivers the buyer's confirmation to the mail server",
    )


@pytest.mark.parametrize("path", ["/en/", "/en/context/", "/admin/login/"])
def test_responses_name_no_server_software_and_carry_the_policies(stack, path):
    for base in every_server(stack):
        status, headers, _body = get(base + path)
        assert status == 200, base + path
        assert "Server" not in headers and "Via" not in headers and "X-Varnish" not in headers, base
        assert "object-src 'none'" in headers["Content-Security-Policy"]
        assert "camera=()" in headers["Permissions-Policy"]


def test_failed_admin_logins_count_across_both_app_servers(stack):
    on_stack(stack, "from django.core.cache import cache; cache.clear()")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    servers = app_urls(stack)
    _status, _headers, body = get(servers[0] + "/admin/login/", opener)
    token = BeautifulSoup(body, "html.parser").select_one("input[name=csrfmiddlewaretoken]")["value"]
    answers = []
    for attempt in range(6):  # alternately on each server, as a load balancer would spread them
        url = servers[attempt % 2] + "/admin/login/"
        data = {"csrfmiddlewaretoken": token, "username": "guessed-editor", "password": f"guess-{attempt}"}
        request = urllib.request.Request(url, urllib.parse.urlencode(data).encode(), headers={"Referer": url})
        with opener.open(request, timeout=20) as response:
            answers.append(BeautifulSoup(response.read(), "html.parser").get_text())
    assert all("didn't match" in answer for answer in answers[:5])
    assert "Too many failed sign-in attempts" in answers[5]


SCHEDULE = """
from datetime import date, timedelta
from django.utils import timezone
from pages.models import ArticleIndexPage, ArticleKind, ArticlePage
section = ArticleIndexPage.objects.filter(kind=ArticleKind.NEWS, locale__language_code="en").first()
article = ArticlePage(title="Scheduled note on river treaties {stamp}", date=date.today(), summary="A note.",
                      live=False, go_live_at=timezone.now() + timedelta(seconds=3))
section.add_child(instance=article)
article.save_revision().publish()
print(article.get_url())
"""


def test_a_scheduled_page_goes_live_without_anyone_running_a_command(stack):
    stamp = str(int(time.time()))
    url = app_urls(stack)[1] + on_stack(stack, SCHEDULE.replace("{stamp}", stamp))
    assert get(url)[0] == 404, "not live before its time"
    interval = int(stack.get("SCHEDULER_INTERVAL", "30"))
    eventually(lambda: get(url)[0] == 200, interval + 15, "the scheduler publishes the page")


SHARED_CACHE_ROUND_TRIP = """
from django.core.cache import caches
cache = caches["default"]
cache.set("stack-test-shared-client", {"written": "by one process"}, 60)
same_client = cache._cache.get_client() is cache._cache.get_client(write=True)
print(type(cache).__name__, same_client, cache.get("stack-test-shared-client")["written"])
"""


def test_the_shared_cache_keeps_one_redis_client_and_another_process_reads_what_it_wrote(stack):
    # A new redis.Redis object per call cost more than the round trip itself (core/redis_cache.py).
    assert on_stack(stack, SHARED_CACHE_ROUND_TRIP) == "SharedRedisCache True by one process"
    read_back = 'from django.core.cache import cache; print(cache.get("stack-test-shared-client")["written"])'
    assert on_stack(stack, read_back) == "by one process"


RACE_ACCOUNTS = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
User = get_user_model()
member = User.objects.create_user("race-member-{stamp}", "race-member-{stamp}@egf.example", "Right-{stamp}")
EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
User.objects.create_user("race-editor-{stamp}", "race-editor-{stamp}@egf.example", "Right-{stamp}", is_superuser=True)
"""
SIGN_IN_FORMS = {
    # form: (path, fields of a guess, wrong-password answer, too-many-attempts answer)
    "site": (
        "/en/accounts/login/",
        lambda stamp, guess: {"login": f"race-member-{stamp}@egf.example", "password": guess},
        "you specified are not correct",
        "Too many failed login attempts",
    ),
    "admin": (
        "/admin/login/",
        lambda stamp, guess: {"username": f"race-editor-{stamp}", "password": guess, "otp_token": ""},
        "didn't match",
        "Too many failed sign-in attempts",
    ),
}


def post_answer(url, data, cookie):
    request = urllib.request.Request(
        url, urllib.parse.urlencode(data).encode(), headers={"Referer": url, "Cookie": cookie}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, BeautifulSoup(response.read(), "html.parser").get_text()
    except urllib.error.HTTPError as error:
        return error.code, BeautifulSoup(error.read(), "html.parser").get_text()


@pytest.mark.parametrize("form", ["site", "admin"])
def test_thirty_wrong_passwords_sent_at_once_to_both_app_servers_check_at_most_five(stack, form):
    """Both servers count in the one Redis, each guess before its password is checked."""
    from accounts.login_throttle import FAILED_LOGIN_LIMITS

    stamp = f"{int(time.time() * 1000)}"
    on_stack(stack, RACE_ACCOUNTS.replace("{stamp}", stamp))
    # The per-address limit counts every sign-in test that ran from this machine in the last minutes.
    on_stack(stack, 'from django.core.cache import cache; cache.delete("rate:login-failed:ip:127.0.0.1")')
    path, fields, wrong, throttled = SIGN_IN_FORMS[form]
    servers = app_urls(stack)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _status, _headers, body = get(servers[0] + path, opener)
    token = BeautifulSoup(body, "html.parser").select_one("input[name=csrfmiddlewaretoken]")["value"]
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    guesses = 30
    start = threading.Barrier(guesses)

    def guess(n):
        data = {"csrfmiddlewaretoken": token, **fields(stamp, f"guess-{n}")}
        start.wait()
        return post_answer(servers[n % 2] + path, data, cookie)

    try:
        with ThreadPoolExecutor(max_workers=guesses) as pool:
            answers = list(pool.map(guess, range(guesses)))
    finally:
        on_stack(
            stack,
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.filter(username__endswith='-{stamp}').delete()",
        )
    checked = sum(wrong in text for _status, text in answers)
    refused = sum(throttled in text or status == 429 for status, text in answers)
    limit = {scope: allowed for scope, allowed, _window in FAILED_LOGIN_LIMITS}["ip-address"]
    assert 1 <= checked <= limit, (checked, refused)
    assert checked + refused == guesses, [status for status, _text in answers]
