"""Accounts: sign-up with e-mail verification into the Members group, login, reset, profile, deletion."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from accounts import membership
from accounts.models import MemberProfile, MembershipSettings
from tests.factories import VerifiedMemberFactory
from tests.html import fetch, html, text

SIGNUP_URL = "/en/accounts/signup/"
LOGIN_URL = "/en/accounts/login/"
RESET_URL = "/en/accounts/password/reset/"
MEMBERS_URL = "/en/context/members-area/"
PASSWORD = "Caspian-route-2026"
# allauth's links point at the public site (accounts/mail_context.py), whatever the request's host.
LINK = re.compile(re.escape(settings.SITE_BASE_URL.rstrip("/")) + r"(/\S+)")

User = get_user_model()


def is_member(user):
    """Membership as the next request sees it (a user object keeps the groups it has read)."""
    return membership.is_member(User.objects.get(pk=user.pk))


def signup(client, email="new.reader@egf.example", **fields):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Nino",
        "last_name": "Beridze",
        "affiliation": "Tbilisi State University",
        "country": "Georgia",
        **fields,
    }
    return client.post(SIGNUP_URL, data)


def link_in(message):
    return LINK.search(message.body).group(1)


def confirm_from_mail(client):
    """Follows the link of the latest e-mail and confirms, as the reader would."""
    link = link_in(mail.outbox[-1])
    page = fetch(client, link)
    form = page.select_one("main form[method=post]")
    assert form is not None, "the confirmation page has a form to confirm"
    return client.post(link)


def login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password, **extra})


@pytest.fixture
def verified_member(db):
    return VerifiedMemberFactory(
        username="member2", email="member2@egf.example", password=PASSWORD, first_name="Ana"
    )


# --- sign-up, verification, Members Area ------------------------------------------------------------
def test_signup_verify_and_read_the_members_area(client, demo):
    page = fetch(client, SIGNUP_URL)
    for name in ["email", "password1", "password2", "first_name", "last_name", "affiliation", "country"]:
        assert page.select_one(f"main form input[name={name}]") is not None, name

    response = signup(client)
    assert response.status_code == 302
    assert "confirm" in fetch(client, response["Location"]).get_text().lower()
    user = User.objects.get(email="new.reader@egf.example")
    assert not is_member(user)
    assert user.member_profile.affiliation == "Tbilisi State University"
    assert user.get_full_name() == "Nino Beridze"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.reader@egf.example"]
    assert mail.outbox[0].subject.startswith("[EGF] ")

    # Until the address is confirmed the reader cannot log in.
    client.logout()
    assert client.get(MEMBERS_URL).status_code == 302
    login(client, "new.reader@egf.example")
    assert client.get(MEMBERS_URL).status_code == 302

    response = confirm_from_mail(client)
    assert response.status_code == 302
    assert is_member(user)
    members_area = fetch(client, MEMBERS_URL)
    assert members_area.h1.get_text(strip=True) == "Members Area"
    assert text(members_area.select_one(".account-links")).startswith("Nino Beridze")


def test_manual_approval_keeps_readers_waiting_until_staff_approve(client, admin_client, demo):
    settings_row = MembershipSettings.load()
    settings_row.approve_members_manually = True
    settings_row.save()

    signup(client)
    confirm_from_mail(client)
    user = User.objects.get(email="new.reader@egf.example")
    assert not is_member(user)
    staff_mail = mail.outbox[-1]
    assert "waits for membership approval" in staff_mail.subject
    assert "/admin/accounts/memberprofile/" in staff_mail.body

    # Signed in but not a member: an explanation with a way forward, not a login loop.
    response = client.get(MEMBERS_URL)
    assert response.status_code == 403
    page = html(response)
    assert page.h1.get_text(strip=True) == "Members only"
    assert page.select_one("main a[href='/en/accounts/']") is not None

    listing = fetch(admin_client, "/admin/accounts/memberprofile/", {"membership": "waiting"})
    assert "Nino Beridze" in listing.get_text()
    approve = listing.find("a", string=re.compile("Approve"))
    response = admin_client.post(approve["href"])
    assert response.status_code == 302
    assert "is now a member" in fetch(admin_client, response["Location"]).get_text()
    assert is_member(user)
    assert client.get(MEMBERS_URL).status_code == 200
    welcome = mail.outbox[-1]
    assert welcome.to == ["new.reader@egf.example"]
    assert welcome.subject == "[EGF] Your membership is active"
    assert "http://127.0.0.1:8000/en/accounts/" in welcome.body

    # Approving twice (a second tab, a double click) changes and sends nothing more.
    sent = len(mail.outbox)
    response = admin_client.post(approve["href"])
    assert "already a member" in fetch(admin_client, response["Location"]).get_text()
    assert len(mail.outbox) == sent


def test_approval_message_speaks_the_language_of_sign_up(client, admin_client, demo):
    settings_row = MembershipSettings.load()
    settings_row.approve_members_manually = True
    settings_row.save()
    client.post(
        "/ru/accounts/signup/",
        {"email": "ru.reader@egf.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    confirm_from_mail(client)
    profile = MemberProfile.objects.get(user__email="ru.reader@egf.example")
    approve_url = f"/admin/accounts/memberprofile/approve/{profile.pk}/"
    assert admin_client.post(approve_url).status_code == 302
    welcome = mail.outbox[-1]
    assert welcome.subject == "[EGF] Ваше членство активно"
    assert "/ru/accounts/" in welcome.body


def test_confirming_another_address_later_does_not_restore_a_removed_membership(client, verified_member):
    from django.contrib.auth.models import Group

    from accounts.membership import MEMBERS_GROUP

    verified_member.groups.remove(Group.objects.get(name=MEMBERS_GROUP))
    client.force_login(verified_member)
    client.post("/en/accounts/email/", {"email": "second@egf.example", "action_add": ""})
    assert mail.outbox[-1].to == ["second@egf.example"]
    confirm_from_mail(client)
    assert EmailAddress.objects.get(email="second@egf.example").verified
    assert not is_member(verified_member)


def test_members_listing_offers_no_add_button(admin_client, verified_member):
    listing = fetch(admin_client, "/admin/accounts/memberprofile/")
    assert "Ana" in listing.get_text()
    assert listing.find("a", href="/admin/accounts/memberprofile/new/") is None
    assert admin_client.get("/admin/accounts/memberprofile/new/").status_code == 302


def test_signup_errors_keep_what_was_typed(client, demo):
    response = signup(client, password1="password", password2="password")
    assert response.status_code == 200
    page = html(response)
    assert "too common" in page.get_text()
    assert page.select_one("input[name=email]")["value"] == "new.reader@egf.example"
    assert page.select_one("input[name=affiliation]")["value"] == "Tbilisi State University"
    assert not User.objects.filter(email="new.reader@egf.example").exists()

    response = signup(client, email="not-an-address")
    assert response.status_code == 200
    assert html(response).select_one("input[name=first_name]")["value"] == "Nino"


@pytest.mark.parametrize("field", ["first_name", "last_name", "affiliation", "country"])
def test_signup_details_are_kept_to_one_line(client, demo, field):
    """The name greets the member in mails and names them in the staff's notice: no forged lines."""
    response = signup(client, **{field: "Nino\r\nBcc: victim@example.org"})

    assert response.status_code == 200
    page = html(response)
    assert "Please write this on one line." in text(page.select_one("main"))
    assert page.select_one("input[name=email]")["value"] == "new.reader@egf.example"
    assert not User.objects.filter(email="new.reader@egf.example").exists()
    assert mail.outbox == []


def test_honeypot_signup_looks_successful_but_creates_nothing(client, demo):
    response = signup(client, website="http://spam.example")
    assert response.status_code == 302
    assert not User.objects.filter(email="new.reader@egf.example").exists()
    assert mail.outbox == []


def test_signup_page_hides_the_trap_field_from_people(client, demo):
    trap = fetch(client, SIGNUP_URL).select_one("input[name=website]")
    assert trap is not None and trap["tabindex"] == "-1" and "position: absolute" in trap["style"]


# --- no account enumeration -------------------------------------------------------------------------
def test_signup_with_a_taken_address_answers_like_a_new_one(client, verified_member):
    fresh = signup(client, email="someone.else@egf.example")
    client.logout()
    taken = signup(client, email=verified_member.email)
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email=verified_member.email).count() == 1
    # The owner of the address learns that someone tried; the visitor learns nothing.
    assert mail.outbox[-1].to == [verified_member.email]


def test_password_reset_answers_the_same_for_unknown_addresses(client, verified_member):
    known = client.post(RESET_URL, {"email": verified_member.email})
    unknown = client.post(RESET_URL, {"email": "nobody@egf.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert fetch(client, known["Location"]).h1 is not None


# --- password reset -----------------------------------------------------------------------------------
def test_password_reset_flow(client, verified_member):
    client.post(RESET_URL, {"email": verified_member.email})
    reset_mail = [message for message in mail.outbox if message.to == [verified_member.email]][-1]
    link = link_in(reset_mail)
    response = client.get(link)
    if response.status_code == 302:  # allauth moves the key out of the address before showing the form
        link = response["Location"]
    form_page = fetch(client, link)
    assert form_page.select_one("input[name=password1]") is not None

    new_password = "Black-Sea-ferries-77"
    response = client.post(link, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    client.logout()
    assert login(client, verified_member.email, PASSWORD).status_code == 200  # old password refused
    assert login(client, verified_member.email, new_password).status_code == 302
    assert client.get(MEMBERS_URL).status_code == 200


# --- rate limits ---------------------------------------------------------------------------------------
def test_repeated_failed_logins_are_slowed_down(client, verified_member):
    wrong = [html(login(client, verified_member.email, "wrong-password")).get_text() for _ in range(6)]
    assert all("not correct" in page for page in wrong[:5])
    assert "Too many failed login attempts" in wrong[5]
    # Even the right password waits until the window has passed.
    response = login(client, verified_member.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in html(response).get_text()
    assert client.get(MEMBERS_URL).status_code == 302


def test_signups_from_one_address_are_limited(client, demo):
    answers = []
    for number in range(7):
        client.logout()
        answers.append(signup(client, email=f"reader{number}@egf.example").status_code)
    assert answers[:5] == [302] * 5
    assert answers[-1] == 429


# --- the member's own account ------------------------------------------------------------------------
def test_account_page_updates_details(client, verified_member):
    client.force_login(verified_member)
    page = fetch(client, "/en/accounts/")
    assert "You are a member" in page.get_text()
    response = client.post(
        "/en/accounts/",
        {"first_name": "Ana", "last_name": "Kvaratskhelia", "affiliation": "EGF", "country": "Belgium"},
    )
    assert response.status_code == 302
    assert "Your details have been saved." in fetch(client, "/en/accounts/").get_text()
    verified_member.refresh_from_db()
    assert verified_member.last_name == "Kvaratskhelia"
    assert MemberProfile.objects.get(user=verified_member).country == "Belgium"


def test_account_page_links_to_password_email_and_deletion(client, verified_member):
    client.force_login(verified_member)
    page = fetch(client, "/en/accounts/")
    hrefs = {anchor["href"] for anchor in page.select("main a[href]")}
    assert {"/en/accounts/password/change/", "/en/accounts/email/", "/en/accounts/delete/"} <= hrefs
    for url in ["/en/accounts/password/change/", "/en/accounts/email/"]:
        assert fetch(client, url).select_one("main form") is not None


def test_account_pages_need_a_login(client, demo):
    for url in ["/en/accounts/", "/en/accounts/delete/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN_URL)


def test_deleting_the_account_needs_the_password(client, verified_member):
    client.force_login(verified_member)
    response = client.post("/en/accounts/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "This is not your current password." in html(response).get_text()
    assert User.objects.filter(pk=verified_member.pk).exists()

    response = client.post("/en/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=verified_member.pk).exists()
    home = fetch(client, response["Location"])
    assert "Your account has been deleted." in home.get_text()
    assert home.select_one(".account-links a[href='/en/accounts/login/']") is not None


# --- both languages ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url", ["/ru/accounts/signup/", "/ru/accounts/login/", "/ru/accounts/password/reset/"]
)
def test_account_pages_speak_russian(client, demo, url):
    page = fetch(client, url)
    assert page.html["lang"] == "ru"
    assert re.search("[а-яА-Я]", text(page.h1)), text(page.h1)
    assert page.select_one("main form") is not None


def test_russian_signup_sends_a_russian_message(client, demo):
    client.post(
        "/ru/accounts/signup/",
        {"email": "ru.reader@egf.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert re.search("[а-яА-Я]", mail.outbox[-1].body)
    assert "/ru/accounts/confirm-email/" in mail.outbox[-1].body


# --- bad input -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "method, url, data",
    [
        ("get", "/en/accounts/confirm-email/not-a-key/", {}),
        ("post", "/en/accounts/confirm-email/not-a-key/", {}),
        ("get", "/en/accounts/password/reset/key/1-not-a-token/", {}),
        ("post", "/en/accounts/password/reset/key/zz-bad/", {"password1": "x", "password2": "y"}),
        ("post", LOGIN_URL, {"login": "a\x00b@egf.example", "password": "\x00"}),
        ("post", LOGIN_URL, {"login": "x" * 10_000, "password": "y" * 10_000}),
        (
            "post",
            SIGNUP_URL,
            {"email": "<script>alert(1)</script>@egf.example", "password1": "a", "password2": "b"},
        ),
        ("post", SIGNUP_URL, {"email": "a@" + "b" * 300 + ".example", "first_name": "n" * 500}),
        ("post", RESET_URL, {"email": "' OR 1=1 --"}),
        ("get", LOGIN_URL, {"next": "https://evil.example/"}),
    ],
)
def test_bad_input_on_account_pages_gets_a_normal_answer(client, demo, method, url, data):
    response = getattr(client, method)(url, data)
    # 400: the site's page for form data that is not text (a NUL), nothing kept or shown back.
    assert response.status_code in {200, 302, 400, 404}
    assert "\x00" not in response.content.decode()
    if response.status_code in {200, 400}:
        page = html(response)
        assert page.select_one("header .brand") is not None  # the site's own page, not a bare error
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_login_never_sends_a_reader_to_another_site(client, verified_member):
    response = client.post(
        LOGIN_URL + "?next=https://evil.example/", {"login": verified_member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


def test_deleting_without_the_confirmation_box_keeps_the_account_and_says_why(client, verified_member):
    client.force_login(verified_member)
    response = client.post("/en/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "This field is required." in html(response).get_text()
    assert User.objects.filter(pk=verified_member.pk).exists()
