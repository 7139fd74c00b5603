"""Every public form caps what a reader may type, and Contact Us takes only a few messages in a row.

Posts are sent as an outsider sends them: through the seeded pages' own forms, with their CSRF
token, far past the caps too (a 1 MB message is well under Django's 2.5 MB upload limit, so only
the field caps stand in its way). Whatever is refused comes back with the error and the text the
reader typed, and nothing is stored or e-mailed.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from accounts.forms import NAME_MAX_LENGTH as MEMBER_NAME_MAX_LENGTH
from accounts.models import AFFILIATION_MAX_LENGTH, COUNTRY_MAX_LENGTH, MemberProfile
from forum.models import ForumTopicPage, TopicStatus
from forum.posts import POST_MAX_LENGTH, ForumPost
from pages.models import ContactPage
from pages.models.contact import CONTACT_LINE_MAX_LENGTH, CONTACT_TEXT_MAX_LENGTH, MESSAGES_PER_ADDRESS
from shop.forms import ADDRESS_MAX_LENGTH, NAME_MAX_LENGTH, NOTE_MAX_LENGTH
from shop.models import OrderRequest, ProductPage
from tests.factories import VerifiedMemberFactory
from tests.html import fetch, field_for, form_of, html, shown_value, text

CONTACT_URL = "/en/about/contact-us/"
RUSSIAN_CONTACT_URL = "/ru/about/contact-us/"
SIGNUP_URL = "/en/accounts/signup/"
ACCOUNT_URL = "/en/accounts/"
ONE_MEGABYTE = 1024 * 1024
PASSWORD = "Caspian-route-2026"

CONTACT = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Subject": "Pipeline politics",
    "Message": "Could you send me the Black Sea report?",
}
ORDER = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Postal address": "12 Analytical Row, London W1 2AB, United Kingdom",
    "Number of copies": "2",
    "Note (optional)": "Please send an invoice.",
}
MEMBER_DETAILS = {
    "first_name": "Nino",
    "last_name": "Beridze",
    "affiliation": "Tbilisi State University",
    "country": "Georgia",
}

User = get_user_model()


def too_long(limit, length):
    """Django's own message, which it translates into the reader's language."""
    return f"Ensure this value has at most {limit} characters (it has {length})."


def typed(length):
    """Text of exactly that length, ending in a full stop (forms strip trailing spaces)."""
    return ("Gas transit via Ukraine. " * (length // 25 + 1))[: length - 1] + "."


def error_under(form, label):
    return " ".join(
        text(error) for error in field_for(form, label).find_parent(class_="field").select(".error")
    )


def send_form(client, url, values, form_selector="main form[method=post]"):
    """Types each value into the field with that label on the page at url, and sends the form."""
    form = fetch(client, url).select_one(form_selector)
    data = {field_for(form, label)["name"]: value for label, value in values.items()}
    data["csrfmiddlewaretoken"] = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    return client.post(form["action"], data)


def shows_typed(form, values):
    """Every field still shows what the reader typed."""
    for label, value in values.items():
        assert shown_value(field_for(form, label)) == value, label


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture
def contact_page(demo):
    return ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")


def contact_submissions():
    return FormSubmission.objects.filter(page__in=ContactPage.objects.all())


@pytest.fixture
def author(browser, member):
    """The member, signed in on the CSRF-checking client."""
    browser.force_login(member)
    return member


@pytest.fixture
def topic(forum):
    return (
        ForumTopicPage.objects.child_of(forum)
        .filter(status=TopicStatus.OPEN, locale=Locale.get_default())
        .order_by("pk")
        .first()
    )


@pytest.fixture
def product(shop):
    return ProductPage.objects.child_of(shop).filter(in_stock=True).order_by("pk").first()


# --- Contact Us -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "label, limit, length",
    [
        ("Your name", CONTACT_LINE_MAX_LENGTH, CONTACT_LINE_MAX_LENGTH + 1),
        ("Subject", CONTACT_LINE_MAX_LENGTH, CONTACT_LINE_MAX_LENGTH + 1),
        ("Message", CONTACT_TEXT_MAX_LENGTH, CONTACT_TEXT_MAX_LENGTH + 1),
        ("Message", CONTACT_TEXT_MAX_LENGTH, ONE_MEGABYTE),
    ],
    ids=["long name", "long subject", "long message", "1 MB message"],
)
def test_contact_text_over_its_cap_comes_back_with_the_error(browser, contact_page, label, limit, length):
    before = contact_submissions().count()
    values = {**CONTACT, label: typed(length)}
    response = send_form(browser, CONTACT_URL, values)

    assert response.status_code == 200
    form = form_of(html(response))
    assert error_under(form, label) == too_long(limit, length)
    assert len(form.select(".error")) == 1
    shows_typed(form, values)
    assert contact_submissions().count() == before
    assert mail.outbox == []


def test_contact_texts_exactly_at_their_caps_are_stored_and_emailed(browser, contact_page):
    values = {
        **CONTACT,
        "Your name": typed(CONTACT_LINE_MAX_LENGTH),
        "Subject": typed(CONTACT_LINE_MAX_LENGTH),
        "Message": typed(CONTACT_TEXT_MAX_LENGTH),
    }
    response = send_form(browser, CONTACT_URL, values)

    assert response.status_code == 200
    assert "Thank you" in text(html(response))
    assert values["Message"] in contact_submissions().latest("submit_time").get_data().values()
    assert len(mail.outbox) == 1 and values["Message"] in mail.outbox[0].body


def test_a_burst_of_contact_messages_is_stopped_after_five(browser, contact_page):
    before = contact_submissions().count()
    for number in range(MESSAGES_PER_ADDRESS):
        response = send_form(browser, CONTACT_URL, {**CONTACT, "Subject": f"Question {number}"})
        assert "Thank you" in text(html(response))
    one_more = {**CONTACT, "Subject": "One question too many"}
    response = send_form(browser, CONTACT_URL, one_more)

    assert response.status_code == 429
    form = form_of(html(response))
    assert "You have sent several messages in a short time" in text(form.select_one(".form-errors"))
    shows_typed(form, one_more)
    assert contact_submissions().count() == before + MESSAGES_PER_ADDRESS
    assert len(mail.outbox) == MESSAGES_PER_ADDRESS
    # A reader at another address is not held up by the flood.
    response = send_form(Client(REMOTE_ADDR="192.0.2.7"), CONTACT_URL, CONTACT)
    assert "Thank you" in text(html(response))


def test_russian_contact_page_refuses_in_russian(client, contact_page):
    before = contact_submissions().count()
    russian = {"Ваше имя": "Анна", "Ваш адрес электронной почты": "anna@example.org", "Сообщение": "Вопрос"}
    response = send_form(client, RUSSIAN_CONTACT_URL, {**russian, "Сообщение": "я" * ONE_MEGABYTE})
    assert response.status_code == 200
    error = error_under(form_of(html(response)), "Сообщение")
    assert f"не более {CONTACT_TEXT_MAX_LENGTH}" in error and "Ensure" not in error

    for _message in range(MESSAGES_PER_ADDRESS):
        send_form(client, RUSSIAN_CONTACT_URL, russian)
    response = send_form(client, RUSSIAN_CONTACT_URL, russian)
    assert response.status_code == 429
    refusal = text(form_of(html(response)).select_one(".form-errors"))
    assert refusal.startswith("Вы отправили несколько сообщений за короткое время")
    assert contact_submissions().count() == before + MESSAGES_PER_ADDRESS


# --- forum replies --------------------------------------------------------------------------------
def reply_form(soup):
    return soup.select_one(".forum-reply form[method=post]")


def send_reply(client, topic, body):
    """Writes the body into the reply form under the debate and sends it."""
    form = reply_form(fetch(client, topic.url))
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    body_name = form.find("textarea")["name"]
    return client.post(form["action"], {body_name: body, "csrfmiddlewaretoken": token})


@pytest.mark.parametrize("length", [POST_MAX_LENGTH + 1, ONE_MEGABYTE], ids=["one too many", "1 MB"])
def test_forum_reply_over_the_cap_comes_back_with_the_error(browser, author, topic, length):
    body = typed(length)
    response = send_reply(browser, topic, body)

    assert response.status_code == 200
    form = reply_form(html(response))
    error = f"Your reply is too long: at most {POST_MAX_LENGTH} characters, you wrote {length}."
    assert text(form.find("textarea").find_parent(class_="field").select_one(".error")) == error
    assert shown_value(form.find("textarea")) == body
    assert not ForumPost.objects.filter(author=author).exists()
    assert mail.outbox == []


def test_forum_reply_exactly_at_the_cap_is_accepted(browser, author, topic):
    body = typed(POST_MAX_LENGTH)
    assert send_reply(browser, topic, body).status_code == 302
    assert ForumPost.objects.get(author=author).body == body


# --- shop order requests --------------------------------------------------------------------------
def orders():
    return OrderRequest.objects.all()


@pytest.mark.parametrize(
    "label, limit, length",
    [
        ("Your name", NAME_MAX_LENGTH, NAME_MAX_LENGTH + 1),
        ("Postal address", ADDRESS_MAX_LENGTH, ADDRESS_MAX_LENGTH + 1),
        ("Note (optional)", NOTE_MAX_LENGTH, NOTE_MAX_LENGTH + 1),
        ("Note (optional)", NOTE_MAX_LENGTH, ONE_MEGABYTE),
    ],
    ids=["long name", "long address", "long note", "1 MB note"],
)
def test_order_text_over_its_cap_comes_back_with_the_error(browser, product, label, limit, length):
    values = {**ORDER, label: typed(length)}
    response = send_form(browser, product.url, values)

    assert response.status_code == 200
    form = form_of(html(response))
    assert error_under(form, label) == too_long(limit, length)
    assert len(form.select(".error")) == 1
    shows_typed(form, values)
    assert not orders().exists() and mail.outbox == []


def test_order_texts_exactly_at_their_caps_are_accepted(browser, product):
    values = {
        **ORDER,
        "Your name": typed(NAME_MAX_LENGTH),
        "Postal address": typed(ADDRESS_MAX_LENGTH),
        "Note (optional)": typed(NOTE_MAX_LENGTH),
    }
    assert send_form(browser, product.url, values).status_code == 302
    order = orders().get()
    assert (order.name, order.address, order.note) == (
        values["Your name"],
        values["Postal address"],
        values["Note (optional)"],
    )


# --- sign-up and the account page -----------------------------------------------------------------
MEMBER_CAPS = [
    ("first_name", MEMBER_NAME_MAX_LENGTH),
    ("last_name", MEMBER_NAME_MAX_LENGTH),
    ("affiliation", AFFILIATION_MAX_LENGTH),
    ("country", COUNTRY_MAX_LENGTH),
]


def sign_up(client, email="new.reader@egf.example", **details):
    """Fills in the sign-up form (allauth's, with the site's details) and sends it."""
    form = form_of(fetch(client, SIGNUP_URL))
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, **MEMBER_DETAILS, **details}
    return client.post(form["action"], {**data, "csrfmiddlewaretoken": token})


@pytest.mark.parametrize(
    "name, limit, length",
    [(name, limit, limit + 1) for name, limit in MEMBER_CAPS]
    + [("affiliation", AFFILIATION_MAX_LENGTH, ONE_MEGABYTE)],
    ids=["long first name", "long last name", "long affiliation", "long country", "1 MB affiliation"],
)
def test_signup_detail_over_its_cap_comes_back_with_the_error(browser, demo, name, limit, length):
    value = typed(length)
    response = sign_up(browser, **{name: value})

    assert response.status_code == 200
    form = form_of(html(response))
    assert too_long(limit, length) in text(form)
    assert form.select_one(f"input[name={name}]")["value"] == value
    assert form.select_one("input[name=email]")["value"] == "new.reader@egf.example"
    assert not User.objects.filter(email="new.reader@egf.example").exists()
    assert mail.outbox == []


def test_signup_details_exactly_at_their_caps_are_kept(browser, demo):
    details = {name: typed(limit) for name, limit in MEMBER_CAPS}
    assert sign_up(browser, **details).status_code == 302
    user = User.objects.get(email="new.reader@egf.example")
    profile = MemberProfile.objects.get(user=user)
    assert (user.first_name, user.last_name, profile.affiliation, profile.country) == tuple(details.values())


def test_account_details_over_the_cap_come_back_with_the_error(browser, demo):
    member = VerifiedMemberFactory(first_name="Ana")
    browser.force_login(member)
    form = form_of(fetch(browser, ACCOUNT_URL))
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    affiliation = typed(ONE_MEGABYTE)
    response = browser.post(
        ACCOUNT_URL, {**MEMBER_DETAILS, "affiliation": affiliation, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 200
    form = form_of(html(response))
    assert too_long(AFFILIATION_MAX_LENGTH, ONE_MEGABYTE) in text(form)
    assert form.select_one("input[name=affiliation]")["value"] == affiliation
    member.refresh_from_db()
    assert member.last_name == "" and MemberProfile.objects.get(user=member).affiliation == ""
