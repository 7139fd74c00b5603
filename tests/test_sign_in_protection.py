"""Signing in, attacked from outside: failed logins are limited on the site and in the admin, staff
need a second factor, and Django's own admin is gone."""

import time
from base64 import b32decode

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, MemberFactory, UserFactory, VerifiedMemberFactory
from tests.html import fetch, html
from tests.sign_in import authenticator_code

ADMIN_LOGIN = "/admin/login/"
SITE_LOGIN = "/en/accounts/login/"
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.20"
WRONG = "didn't match"
THROTTLED = "Too many failed sign-in attempts"


def admin_login(client, username, password, code="", ip=OWNER):
    return client.post(
        ADMIN_LOGIN, {"username": username, "password": password, "otp_token": code}, REMOTE_ADDR=ip
    )


def shown_key(page):
    return page.select_one("[data-secret]").get_text()


def next_code(key, steps_ahead=1):
    """A code of a later time step: the app's next code, as django-otp refuses one used before."""
    return f"{totp(b32decode(key.replace(' ', '')), drift=steps_ahead):06d}"


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_superuser=True)


# --- failed logins ----------------------------------------------------------------------------------
def test_the_admin_login_stops_a_password_guesser(client, editor):
    answers = [html(admin_login(client, "editor", f"guess-{n}", ip=ATTACKER)).get_text() for n in range(6)]
    assert all(WRONG in answer for answer in answers[:5])
    assert THROTTLED in answers[5]
    # Even the right password is refused from the guesser's address while the window lasts.
    response = admin_login(client, "editor", PASSWORD, ip=ATTACKER)
    assert THROTTLED in html(response).get_text()
    assert client.get("/admin/").status_code == 302


def test_a_guesser_elsewhere_does_not_lock_the_staff_member_out(client, editor):
    for n in range(6):
        admin_login(client, "editor", f"guess-{n}", ip=ATTACKER)
    response = admin_login(client, "editor", PASSWORD, ip=OWNER)
    assert response.status_code == 302  # on to setting up the second factor


def test_one_address_trying_many_accounts_is_stopped(client, db):
    answers = [html(admin_login(client, f"staff{n}", "guess", ip=ATTACKER)).get_text() for n in range(21)]
    assert all(WRONG in answer for answer in answers[:20])
    assert THROTTLED in answers[20]


def test_the_site_login_does_not_lock_the_owner_out_from_elsewhere(client, db):
    member = VerifiedMemberFactory(email="owner@egf.example")
    for _ in range(6):
        client.post(SITE_LOGIN, {"login": member.email, "password": "guess"}, REMOTE_ADDR=ATTACKER)
    blocked = client.post(SITE_LOGIN, {"login": member.email, "password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert "Too many failed login attempts" in html(blocked).get_text()
    response = client.post(SITE_LOGIN, {"login": member.email, "password": PASSWORD}, REMOTE_ADDR=OWNER)
    assert response.status_code == 302
    assert client.get("/en/accounts/").status_code == 200


def test_django_admin_is_not_served(client, editor):
    assert client.get("/django-admin/", follow=True).status_code == 404
    response = client.post("/django-admin/login/", {"username": "editor", "password": PASSWORD}, follow=True)
    assert response.status_code == 404
    assert client.get("/admin/").status_code == 302  # nobody was signed in


# --- two-factor sign-in for staff -------------------------------------------------------------------
def test_staff_set_up_an_authenticator_before_the_admin_opens_then_need_its_code(client, editor):
    response = admin_login(client, "editor", PASSWORD)
    assert response.status_code == 302
    setup = client.get("/admin/pages/")
    assert setup.status_code == 302 and setup["Location"].startswith("/admin/two-factor/")
    page = fetch(client, setup["Location"])
    assert "Scan this code" in page.get_text() and page.select_one(".two-factor-qr svg") is not None
    key = shown_key(page)

    wrong = client.post("/admin/two-factor/", {"code": "000000", "next": "/admin/pages/"})
    assert "didn't match" in html(wrong).get_text()
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp makes a device wait a second after a wrong code

    done = client.post("/admin/two-factor/", {"code": authenticator_code(key), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200

    # Next time the code is part of the sign-in; without it the answer is the wrong-password one.
    client.logout()
    without_code = admin_login(client, "editor", PASSWORD)
    assert WRONG in html(without_code).get_text()
    assert client.get("/admin/").status_code == 302
    with_code = admin_login(client, "editor", PASSWORD, code=next_code(key))
    assert with_code.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_signed_in_on_the_site_still_enter_their_code_for_the_admin(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)  # as the site's login leaves them: password only
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/")
    page = fetch(client, response["Location"])
    assert "Enter the 6-digit code" in page.get_text() and page.select_one("[data-secret]") is None
    assert client.post("/admin/two-factor/", {"code": f"{totp(device.bin_key):06d}"}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_members_are_never_asked_for_a_second_factor(client, db):
    member = MemberFactory()
    client.force_login(member)
    assert client.get("/en/accounts/").status_code == 200
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert client.get("/admin/two-factor/").status_code == 302  # no admin access: not for them


def test_an_operator_can_remove_a_lost_authenticator(editor):
    TOTPDevice.objects.create(user=editor, name="lost phone", confirmed=True)
    call_command("reset_two_factor", "editor", stdout=open("/dev/null", "w"))
    assert not TOTPDevice.objects.filter(user=editor).exists()
