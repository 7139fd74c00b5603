"""Signing in, attacked from outside: failed logins are limited on the site and in the admin, staff
need a second factor, and Django's own admin is gone."""

import time
from base64 import b32decode
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from accounts import two_factor_links
from tests.factories import PASSWORD, MemberFactory, UserFactory, VerifiedMemberFactory
from tests.html import fetch, html, text
from tests.sign_in import authenticator_code, mailed_setup_link

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
def test_staff_set_up_an_authenticator_from_a_mailed_link_then_need_its_code(client, editor):
    response = admin_login(client, "editor", PASSWORD)
    assert response.status_code == 302
    setup = client.get("/admin/pages/")
    assert setup.status_code == 302 and setup["Location"].startswith("/admin/two-factor/")
    page = fetch(client, setup["Location"])
    # The password alone shows nothing to scan: the way on is a link sent to the staff member.
    assert page.select_one(".two-factor-qr") is None and page.select_one("[data-secret]") is None
    assert "We have sent you an e-mail" in text(page.select_one(".messages"))
    assert "open the link we e-mailed to e•••@egf.example" in text(page)
    message = mail.outbox[-1]
    assert message.to == ["editor@egf.example"]
    assert message.subject == "[EGF] Set up two-factor sign-in"
    assert "within 3 days" in message.body and "tell the site's administrator" in message.body

    page = html(client.get(mailed_setup_link("editor@egf.example"), follow=True))
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


def test_without_the_link_the_password_binds_no_authenticator(client, editor):
    admin_login(client, "editor", PASSWORD)

    page = fetch(client, "/admin/two-factor/")
    assert page.select_one("[data-secret]") is None and page.find("input", attrs={"name": "code"}) is None
    client.post("/admin/two-factor/", {"code": "123456"})
    forged = html(client.get("/admin/two-factor/setup/made-up-token/", follow=True))

    assert "This link has expired or has already been used" in text(forged.select_one(".messages"))
    assert forged.select_one("[data-secret]") is None
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert client.get("/admin/").status_code == 302


def test_a_set_up_link_works_once(editor):
    first, second = Client(), Client()
    admin_login(first, "editor", PASSWORD)
    first.get("/admin/", follow=True)  # on to the two-factor page, which mails the link
    link = mailed_setup_link("editor@egf.example")
    assert html(first.get(link, follow=True)).select_one("[data-secret]") is not None

    # Whoever else has the password and a copy of the link gets nothing to scan.
    admin_login(second, "editor", PASSWORD)
    page = html(second.get(link, follow=True))
    assert "This link has expired or has already been used" in text(page.select_one(".messages"))
    assert page.select_one("[data-secret]") is None

    # The browser that opened it still has its code to scan, on a reload too.
    key = shown_key(html(first.get(link, follow=True)))
    first.post("/admin/two-factor/", {"code": authenticator_code(key)})
    assert first.get("/admin/").status_code == 200
    assert list(TOTPDevice.objects.filter(user=editor).values_list("confirmed", flat=True)) == [True]


def test_a_set_up_link_expires(client, editor, monkeypatch):
    now = time.time()
    with monkeypatch.context() as clock:
        clock.setattr(time, "time", lambda: now - two_factor_links.VALID_DAYS * 24 * 3600 - 60)
        old_link = two_factor_links.setup_path(editor)
    admin_login(client, "editor", PASSWORD)

    page = html(client.get(old_link, follow=True))

    assert "This link has expired or has already been used" in text(page.select_one(".messages"))
    assert page.select_one("[data-secret]") is None
    # The page offers a new one, which works.
    client.post("/admin/two-factor/", {"send_link": "1"})
    assert html(client.get(mailed_setup_link("editor@egf.example"), follow=True)).select_one("[data-secret]")


def test_another_staff_member_s_link_does_not_work(client, editor):
    colleague = UserFactory(username="colleague", is_superuser=True)
    admin_login(client, "editor", PASSWORD)

    page = html(client.get(two_factor_links.setup_path(colleague), follow=True))

    assert "This link was sent to another staff member" in text(page.select_one(".messages"))
    assert page.select_one("[data-secret]") is None
    assert not TOTPDevice.objects.exists()


def test_a_link_opened_signed_out_asks_for_the_password_first(client, editor):
    output = StringIO()
    call_command("two_factor_link", "editor", stdout=output)  # an operator hands it over
    link = urlsplit(output.getvalue().strip()).path

    response = client.get(link)
    assert response.status_code == 302 and urlsplit(response["Location"]).path == ADMIN_LOGIN
    signed_in = client.post(response["Location"], {"username": "editor", "password": PASSWORD})
    assert signed_in["Location"] == link
    assert html(client.get(link, follow=True)).select_one(".two-factor-qr svg") is not None


def test_a_password_change_ends_the_links_sent_before(client, editor):
    link = two_factor_links.setup_path(editor)
    editor.set_password("A-new-password-42")
    editor.save()
    admin_login(client, "editor", "A-new-password-42")

    page = html(client.get(link, follow=True))
    assert "This link has expired or has already been used" in text(page.select_one(".messages"))


def test_links_on_request_are_limited_per_hour(client, editor):
    admin_login(client, "editor", PASSWORD)
    client.get("/admin/two-factor/")  # the first link, sent unasked
    answers = [
        text(html(client.post("/admin/two-factor/", {"send_link": "1"}, follow=True)).select_one(".messages"))
        for _ in range(3)
    ]

    assert all("We have sent you an e-mail" in answer for answer in answers[:2])
    assert "no new one was sent" in answers[2]
    assert len([message for message in mail.outbox if message.to == ["editor@egf.example"]]) == 3


@pytest.mark.parametrize(
    "language, subject, phrase, page_heading",
    [
        ("en", "[EGF] Set up two-factor sign-in", "To set up the app, open this link:", "Two-factor sign-in"),
        (
            "ru",
            "[EGF] Настройте двухфакторный вход",
            "Чтобы настроить приложение, откройте ссылку:",
            "Двухфакторный вход",
        ),
    ],
)
def test_the_link_is_mailed_in_the_staff_member_s_language(
    client, editor, language, subject, phrase, page_heading
):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    admin_login(client, "editor", PASSWORD)

    page = fetch(client, "/admin/two-factor/")

    assert text(page.select_one("h1")) == page_heading
    message = mail.outbox[-1]
    assert message.subject == subject
    assert phrase in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/two-factor/setup/" in message.body


def test_staff_without_an_address_are_told_to_ask_an_administrator(client, editor):
    editor.email = ""
    editor.save()
    admin_login(client, "editor", PASSWORD)

    page = fetch(client, "/admin/two-factor/")

    assert "Ask an administrator to add your address, or to give you a set-up link" in text(page)
    assert mail.outbox == []


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
