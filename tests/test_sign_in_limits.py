"""The failed sign-in limit holds against guesses sent all at once, and counts each guesser by the
address it connects from, whatever X-Forwarded-For it sends, unless the connection comes from one
of our proxies.

The parallel guesses run in threads of this process, each a request of its own, against a real
Redis (the cache every app server shares in production); passwords checked are counted as Django
announces them (user_login_failed)."""

import threading

import pytest
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import connections
from django.test import Client, override_settings

from tests.conftest import reseed_after_flush
from tests.factories import UserFactory, VerifiedMemberFactory
from tests.html import html
from tests.redis_server import running_redis, site_cache_on
from tests.test_production_settings import manage

ATTACKER = "203.0.113.9"
PROXY = "127.0.0.1"
GUESSES = 30
LIMIT = 5  # accounts.login_throttle: failures per address and account
SIGN_IN = {
    # form: (url, wrong-password answer, too-many-attempts answer)
    "site": ("/en/accounts/login/", "you specified are not correct", "Too many failed login attempts"),
    "admin": ("/admin/login/", "didn't match", "Too many failed sign-in attempts"),
}


class PasswordChecks:
    """Passwords checked, as Django announces each one, from any thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.failed = self.succeeded = 0
        user_login_failed.connect(self.on_failed, dispatch_uid=id(self))
        user_logged_in.connect(self.on_success, dispatch_uid=id(self))

    def on_failed(self, **kwargs):
        with self.lock:
            self.failed += 1

    def on_success(self, **kwargs):
        with self.lock:
            self.succeeded += 1

    def close(self):
        user_login_failed.disconnect(dispatch_uid=id(self))
        user_logged_in.disconnect(dispatch_uid=id(self))


@pytest.fixture
def password_checks():
    checks = PasswordChecks()
    yield checks
    checks.close()


def sign_in_data(form, account, password):
    if form == "site":
        return {"login": account.email, "password": password}
    return {"username": account.username, "password": password, "otp_token": ""}


def in_parallel(count, request):
    """``request(n)`` from ``count`` threads released at the same moment; their answers."""
    start = threading.Barrier(count)
    answers = [None] * count

    def run(n):
        try:
            start.wait()
            answers[n] = request(n)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)  # the threads' own connections see the account
@pytest.mark.parametrize("form", ["site", "admin"])
def test_thirty_parallel_wrong_passwords_check_at_most_five(form, tmp_path, password_checks):
    reseed_after_flush()
    account = (
        VerifiedMemberFactory(email="owner@egf.example")
        if form == "site"
        else UserFactory(username="editor", is_superuser=True)
    )
    url, wrong, throttled = SIGN_IN[form]
    with running_redis(tmp_path) as redis_server, site_cache_on(redis_server):

        def guess(n):
            response = Client().post(url, sign_in_data(form, account, f"guess-{n}"), REMOTE_ADDR=ATTACKER)
            return response.status_code, html(response).get_text()

        answers = in_parallel(GUESSES, guess)

    wrong_answers = sum(wrong in text for _status, text in answers)
    # Refused unchecked: by the failed sign-in limit, or by allauth's own limit on sign-in requests,
    # which also answers 429 when its cache lock stays taken by the others for a second.
    refused = sum(throttled in text or status == 429 for status, text in answers)
    assert password_checks.failed == wrong_answers <= LIMIT
    assert wrong_answers >= 1 and wrong_answers + refused == GUESSES


# --- who is counted ---------------------------------------------------------------------------------
def admin_guess(client, n, remote, forwarded_for):
    data = {"username": "editor", "password": f"guess-{n}", "otp_token": ""}
    response = client.post("/admin/login/", data, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)
    return html(response).get_text()


@override_settings(TRUSTED_PROXIES=[PROXY, "10.0.0.0/8"])
def test_a_guesser_connecting_directly_is_counted_by_its_address_whatever_it_forwards(client, db):
    UserFactory(username="editor", is_superuser=True)
    answers = [admin_guess(client, n, ATTACKER, f"198.51.100.{n}") for n in range(LIMIT + 1)]
    assert all(SIGN_IN["admin"][1] in answer for answer in answers[:LIMIT])
    assert SIGN_IN["admin"][2] in answers[LIMIT]


@override_settings(TRUSTED_PROXIES=[PROXY, "10.0.0.0/8"])
def test_behind_our_proxies_each_visitor_is_counted_by_the_address_they_forwarded(client, db):
    UserFactory(username="editor", is_superuser=True)
    # Through a load balancer (10.1.2.3) and Varnish (127.0.0.1): each appended the address it saw,
    # after whatever the guesser wrote itself.
    answers = [admin_guess(client, n, PROXY, f"192.0.2.{n}, {ATTACKER}, 10.1.2.3") for n in range(LIMIT + 1)]
    assert SIGN_IN["admin"][2] in answers[LIMIT]
    owner = admin_guess(client, 99, PROXY, f"{ATTACKER.replace('.9', '.10')}, 10.1.2.3")
    assert SIGN_IN["admin"][1] in owner  # another visitor behind the same proxies is not held back


def test_without_trusted_proxies_forwarded_addresses_are_ignored_by_allauths_limits_too(client, demo):
    # allauth's sign-up limit (5 per 10 minutes per address) sees the visitor as ours do.
    statuses = []
    for n in range(6):
        data = {
            "email": f"reader{n}@egf.example",
            "password1": "Caspian-route-2026",
            "password2": "Caspian-route-2026",
        }
        response = client.post(
            "/en/accounts/signup/", data, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        statuses.append(response.status_code)
        client.logout()
    assert statuses == [302] * 5 + [429]


def test_production_refuses_the_old_proxy_count_and_a_proxy_that_is_no_address():
    # TRUSTED_PROXY_COUNT left in place would now be ignored silently: every visitor behind the
    # proxy would share its one limit, so the site refuses to start and names the new setting.
    settings = {"SECRET_KEY": "p" * 60, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    old = manage("check", TRUSTED_PROXY_COUNT="1", **settings)
    assert old.returncode != 0 and "set TRUSTED_PROXIES" in old.stderr
    typo = manage("check", TRUSTED_PROXIES="127.0.0.1,varnish", **settings)
    assert typo.returncode != 0 and "'varnish' is neither an IP address nor a network" in typo.stderr
