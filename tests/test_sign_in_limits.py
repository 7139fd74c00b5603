"""The failed sign-in limit holds against guesses sent all at once.

The parallel guesses run in threads of this process, each a request of its own, against a real
Redis (the cache every app server shares in production); passwords checked are counted as Django
announces them (user_login_failed)."""

import threading

import pytest
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import connections
from django.test import Client

from tests.conftest import reseed_after_flush
from tests.factories import UserFactory, VerifiedMemberFactory
from tests.html import html
from tests.redis_server import running_redis, site_cache_on

ATTACKER = "203.0.113.9"
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
