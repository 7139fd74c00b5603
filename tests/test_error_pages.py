"""Error pages and refused input as readers meet them over HTTP.

The 400 page and the CSRF failure in the site's layout and the reader's language (the refused form
comes back with what was typed, ready to send again); form data that is not valid UTF-8 refused;
control characters never shown back by the search page or the Context listing; allauth's e-mails
naming the site and its public address, never the Host a request came in on or a username.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils import translation
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from pages.models import ContactPage
from tests.factories import VerifiedMemberFactory
from tests.html import field_for, form_of, html, shown_value, text

CONTACT_URL = "/en/about/contact-us/"
ORIGIN = "http://testserver"  # what a browser sends with a form of the site's own pages
TYPED = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Subject": "Pipeline <politics>",
    "Message": "Could you send me the Black Sea report?\nThank you & goodbye.",
}
PASSWORD = "Caspian-route-2026"
INTERNAL_HOST = "127.0.0.1:8131"  # an app server's own address, allowed but never public
NO_MATCH = "No articles match the chosen filters."

User = get_user_model()


@pytest.fixture
def contact_page(demo):
    return ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")


@pytest.fixture
def russian_contact_page(contact_page):
    return contact_page.get_translation(Locale.objects.get(language_code="ru"))


def field_names(client, url, labels):
    """{label: the name of its field} on the form at url, as a reader's browser would send them."""
    form = form_of(html(client.get(url)))
    return {label: field_for(form, label)["name"] for label in labels}


def typed_data(client, url, values):
    names = field_names(client, url, values)
    return {names[label]: value for label, value in values.items()}


def site_layout_is_shown(soup):
    """The header (name, menu), the main content and the footer that every page of the site has."""
    assert soup.select_one("header .brand-name") is not None
    assert soup.select(".main-menu a"), "the main menu"
    assert soup.select_one("main h1") is not None
    assert "© 2001–" in text(soup.select_one("footer.site-footer"))


def resend_form(soup):
    return soup.select_one("main form[method=post]")


# --- CSRF failure ------------------------------------------------------------------------------------
def test_a_refused_form_comes_back_with_the_typed_text_ready_to_send(browser, contact_page):
    data = typed_data(browser, CONTACT_URL, TYPED)
    before = FormSubmission.objects.filter(page=contact_page).count()

    response = browser.post(CONTACT_URL, data, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    soup = html(response)
    site_layout_is_shown(soup)
    assert text(soup.select_one("main h1")) == "The form could not be sent"
    assert "security token" in text(soup.select_one("main")) and "cookies" in text(soup.select_one("main"))
    form = resend_form(soup)
    assert form["action"] == CONTACT_URL
    message = field_for(form, "Message")
    assert message.name == "textarea" and shown_value(message) == TYPED["Message"]
    assert shown_value(field_for(form, "Subject")) == "Pipeline <politics>"  # escaped, shown as typed
    assert "<politics>" not in response.content.decode()
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert token is not None and token["value"]
    assert soup.find("a", string="Back to the form")["href"] == CONTACT_URL
    assert FormSubmission.objects.filter(page=contact_page).count() == before

    # One click on "Send again" sends what the page holds, with its fresh token.
    resent = {field["name"]: shown_value(field) for field in form.select("input, textarea")}
    response = browser.post(form["action"], resent, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200 and "Thank you" in html(response).get_text()
    stored = FormSubmission.objects.filter(page=contact_page).latest("submit_time").get_data()
    assert TYPED["Message"] in stored.values()


def test_a_refused_form_on_a_russian_page_is_explained_in_russian(browser, russian_contact_page):
    url = russian_contact_page.url
    form = form_of(html(browser.get(url)))
    labels = [label.get_text(strip=True) for label in form.select("label")]
    message_label = next(label for label in labels if field_for(form, label).name == "textarea")
    data = {field_for(form, message_label)["name"]: "Пришлите, пожалуйста, доклад."}

    response = browser.post(url, data, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 403
    soup = html(response)
    site_layout_is_shown(soup)
    assert soup.html["lang"] == "ru"
    assert text(soup.select_one("main h1")) == "Форму не удалось отправить"
    assert text(soup.select_one(".brand-name")) == "Европейский геополитический форум"
    again = resend_form(soup)
    assert again["action"] == url
    assert shown_value(field_for(again, message_label)) == "Пришлите, пожалуйста, доклад."
    assert again.find("button", string="Отправить ещё раз") is not None


def test_a_refused_login_never_shows_the_password_back(browser, demo):
    url = "/en/accounts/login/"
    browser.get(url)
    response = browser.post(url, {"login": "ada@example.org", "password": PASSWORD}, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 403
    body = response.content.decode()
    assert PASSWORD not in body
    form = resend_form(html(response))
    assert form.find(attrs={"name": "password"}) is None
    assert form.find("input", attrs={"name": "login"})["value"] == "ada@example.org"


def test_a_form_posted_from_another_site_is_not_offered_again(browser, contact_page):
    data = typed_data(browser, CONTACT_URL, TYPED)

    response = browser.post(CONTACT_URL, data, HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403
    soup = html(response)
    site_layout_is_shown(soup)
    assert resend_form(soup) is None
    assert "Black Sea report" not in response.content.decode()
    assert soup.find("a", string="Back to the form")["href"] == CONTACT_URL


def test_a_form_without_origin_is_offered_again_when_its_referer_is_ours(browser, contact_page):
    data = typed_data(browser, CONTACT_URL, TYPED)

    response = browser.post(CONTACT_URL, data, HTTP_REFERER=ORIGIN + CONTACT_URL)

    assert response.status_code == 403
    assert shown_value(field_for(resend_form(html(response)), "Message")) == TYPED["Message"]


# --- 400 -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url, heading",
    [("/en/", "The request could not be handled"), ("/ru/", "Запрос не удалось обработать")],
)
def test_a_foreign_host_gets_the_site_400_page(client, demo, url, heading):
    response = client.get(url, HTTP_HOST="evil.example")

    assert response.status_code == 400
    soup = html(response)
    assert text(soup.select_one("main h1")) == heading
    assert soup.select_one("header .brand-name") is not None
    assert soup.select_one("footer.site-footer") is not None
    assert soup.select_one("main a")["href"] == url  # the way back: that language's home page
    assert "evil.example" not in response.content.decode()


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=5)
def test_too_many_fields_get_the_site_400_page(client, contact_page):
    response = client.post(CONTACT_URL, {f"field{number}": "x" for number in range(10)})

    assert response.status_code == 400
    soup = html(response)
    site_layout_is_shown(soup)
    assert text(soup.select_one("main h1")) == "The request could not be handled"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_suspicious_request_gets_the_site_400_page_even_without_the_database(
    client, contact_page, monkeypatch
):
    def database_down(request):
        raise OperationalError("the database is gone")

    monkeypatch.setattr("core.templatetags.site_tags.site_menus", database_down)
    response = client.post(CONTACT_URL, {"message": "x" * 5000})  # RequestDataTooBig

    assert response.status_code == 400
    soup = html(response)
    assert text(soup.select_one("main h1")) == "The request could not be handled"
    assert soup.select_one("header .brand-name") is not None


def test_the_400_page_renders_without_a_request_or_database():
    with translation.override("ru"):
        page = render_to_string("400.html", {"language": "ru"})
    assert "Запрос не удалось обработать" in page and "Европейский геополитический форум" in page


# --- form data that is not UTF-8 ----------------------------------------------------------------------
def post_raw(client, body):
    return client.generic("POST", CONTACT_URL, body, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("bad", [b"%ff%fe", b"\xff\xfe", b"Ada%C3"], ids=["percent-encoded", "raw", "cut"])
def test_form_data_that_is_not_utf8_is_refused_and_nothing_stored(client, contact_page, bad):
    names = field_names(client, CONTACT_URL, TYPED)
    before = FormSubmission.objects.filter(page=contact_page).count()
    pairs = [
        (names["Your name"], bad),
        (names["Your e-mail"], b"ada%40example.org"),
        (names["Subject"], b"Hi"),
        (names["Message"], b"Hello"),
    ]
    body = b"&".join(name.encode() + b"=" + value for name, value in pairs)

    response = post_raw(client, body)

    assert response.status_code == 400
    soup = html(response)
    site_layout_is_shown(soup)
    assert "The form data could not be read" in text(soup.select_one("main"))
    assert FormSubmission.objects.filter(page=contact_page).count() == before


def test_percent_encoded_utf8_form_data_is_still_taken(client, contact_page):
    names = field_names(client, CONTACT_URL, TYPED)
    body = (
        f"{names['Your name']}=%D0%90%D0%BD%D0%B0&{names['Your e-mail']}=ana%40example.org&"
        f"{names['Subject']}=Hi&{names['Message']}=%D0%94%D0%BE%D0%BA%D0%BB%D0%B0%D0%B4"
    ).encode()

    response = post_raw(client, body)

    assert response.status_code == 200
    stored = FormSubmission.objects.filter(page=contact_page).latest("submit_time").get_data()
    assert stored[names["Your name"]] == "Ана" and stored[names["Message"]] == "Доклад"


BOUNDARY = "----egf-form-boundary"


def multipart(parts, files=()):
    """A multipart body as a browser sends it: (name, raw bytes) fields, then (name, file name, bytes) files."""
    chunks = []
    for name, value in parts:
        chunks.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value
        )
    for name, file_name, content in files:
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
        chunks.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + content)
    return b"\r\n".join(chunks) + f"\r\n--{BOUNDARY}--\r\n".encode()


def post_multipart(client, parts, files=()):
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    return client.generic("POST", CONTACT_URL, multipart(parts, files), content_type=content_type)


def contact_parts(names, name_value):
    return [
        (names["Your name"], name_value),
        (names["Your e-mail"], b"ada@example.org"),
        (names["Subject"], b"Hi"),
        (names["Message"], b"Hello"),
    ]


def assert_refused(response, page, before, reason):
    assert response.status_code == 400
    soup = html(response)
    site_layout_is_shown(soup)
    assert reason in text(soup.select_one("main"))
    assert "\x00" not in response.content.decode()
    assert FormSubmission.objects.filter(page=page).count() == before


@pytest.mark.parametrize("bad", [b"\xff\xfe", b"Ada\xc3", b"\xed\xa0\x80"], ids=["raw", "cut", "surrogate"])
def test_multipart_form_data_that_is_not_utf8_is_refused_and_nothing_stored(client, contact_page, bad):
    names = field_names(client, CONTACT_URL, TYPED)
    before = FormSubmission.objects.filter(page=contact_page).count()

    response = post_multipart(client, contact_parts(names, bad))

    assert_refused(response, contact_page, before, "The form data could not be read")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_large_upload_with_a_garbled_field_is_refused_too(client, contact_page):
    names = field_names(client, CONTACT_URL, TYPED)
    before = FormSubmission.objects.filter(page=contact_page).count()

    response = post_multipart(
        client, contact_parts(names, b"\xff"), files=[("report", "report.pdf", b"%" * 5000)]
    )

    assert_refused(response, contact_page, before, "The form data could not be read")


def test_a_replacement_character_the_reader_really_sent_is_kept(client, contact_page):
    names = field_names(client, CONTACT_URL, TYPED)

    response = post_multipart(client, contact_parts(names, "Ada \ufffd Lovelace".encode()))

    assert response.status_code == 200 and "Thank you" in html(response).get_text()
    stored = FormSubmission.objects.filter(page=contact_page).latest("submit_time").get_data()
    assert stored[names["Your name"]] == "Ada \ufffd Lovelace"


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_form_with_a_nul_is_refused_and_never_echoed(client, contact_page, encoding):
    names = field_names(client, CONTACT_URL, TYPED)
    before = FormSubmission.objects.filter(page=contact_page).count()
    # The e-mail is wrong too: without the refusal the form would come back filled in, NUL included.
    parts = [(names["Your name"], b"Ada\x00Lovelace"), (names["Your e-mail"], b"not-an-address")]

    if encoding == "multipart":
        response = post_multipart(client, parts)
    else:
        response = post_raw(
            client, b"&".join(name.encode() + b"=" + value.replace(b"\x00", b"%00") for name, value in parts)
        )

    assert_refused(response, contact_page, before, "a control character that is never part of typed text")


# --- control characters in query values -----------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    ["q=a&topic=%00", "q=a&region=at%00lantis", "q=a&date_from=%00&date_to=20%0024", "q=a%00b&expert=%01%7f"],
)
def test_search_never_shows_control_characters_back(client, db, query):
    response = client.get(f"/en/search/?{query}")

    assert response.status_code == 200
    body = response.content.decode()
    assert "\x00" not in body and "\x01" not in body and "\x7f" not in body
    assert text(html(response).find("h1")) == "Advanced Search"


def test_an_unknown_choice_is_explained_without_control_characters(client, db):
    soup = html(client.get("/en/search/?q=a&region=at%00lantis"))
    # The NUL becomes a space, as control characters in the words do; the rest is named back.
    message = "Region: Select a valid choice. at lantis is not one of the available choices."
    assert message in text(soup.select_one("main"))


@pytest.mark.parametrize("query", ["topic=%00", "region=%00&type=news%00", "topic=a%00b&page=%00"])
def test_the_context_listing_never_shows_control_characters_back(client, demo, query):
    response = client.get(f"/en/context/?{query}")

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()
    assert NO_MATCH in text(html(response).select_one(".empty-state"))


# --- allauth's e-mails ----------------------------------------------------------------------------------
def signup(client, language="en", email="marta.kowalska@egf.example", **fields):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, **fields}
    return client.post(f"/{language}/accounts/signup/", data, HTTP_HOST=INTERNAL_HOST)


def assert_names_the_site(message, user=None):
    """The site's name and public address; neither the Host the request came in on nor a username."""
    whole = f"{message.subject}\n{message.body}"
    assert INTERNAL_HOST not in whole
    assert settings.SITE_BASE_URL in message.body
    if user is not None:
        assert user.username not in whole


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def test_the_signup_mail_greets_by_first_name_from_the_public_site(client, demo):
    assert signup(client, first_name="Nino").status_code == 302

    message = mail.outbox[-1]
    user = User.objects.get(email="marta.kowalska@egf.example")
    assert_names_the_site(message, user)
    assert "European Geopolitical Forum" in message.body
    assert message.body.startswith("Dear Nino,")
    assert message.subject == "[EGF] Please confirm your registration"
    confirm = [link for link in links_in(message) if "/accounts/confirm-email/" in link]
    assert confirm and confirm[0].startswith(settings.SITE_BASE_URL + "/en/accounts/confirm-email/")


def test_the_signup_mail_without_a_name_greets_nobody_by_name(client, demo):
    assert signup(client).status_code == 302

    message = mail.outbox[-1]
    assert_names_the_site(message, User.objects.get(email="marta.kowalska@egf.example"))
    assert message.body.startswith("Hello,")


def test_a_russian_signup_gets_a_russian_mail_from_the_public_site(client, demo):
    assert signup(client, language="ru", first_name="Нино").status_code == 302

    message = mail.outbox[-1]
    assert_names_the_site(message, User.objects.get(email="marta.kowalska@egf.example"))
    assert message.body.startswith("Здравствуйте, Нино!")
    assert "Европейский геополитический форум" in message.body
    assert message.subject == "[EGF] Подтвердите регистрацию"
    assert f"{settings.SITE_BASE_URL}/ru/accounts/confirm-email/" in message.body


def test_reset_and_duplicate_signup_mails_link_to_the_public_site(client, demo):
    member = VerifiedMemberFactory(
        username="member7", email="member7@egf.example", password=PASSWORD, first_name="Ana"
    )
    client.post("/en/accounts/password/reset/", {"email": member.email}, HTTP_HOST=INTERNAL_HOST)
    reset = mail.outbox[-1]
    assert_names_the_site(reset, member)
    assert reset.body.startswith("Dear Ana,")
    assert any(
        link.startswith(f"{settings.SITE_BASE_URL}/en/accounts/password/reset/key/")
        for link in links_in(reset)
    )

    signup(client, email=member.email)
    existing = mail.outbox[-1]
    assert existing.to == [member.email] and existing.subject == "[EGF] You already have an account"
    assert_names_the_site(existing, member)

    client.post("/en/accounts/password/reset/", {"email": "nobody@egf.example"}, HTTP_HOST=INTERNAL_HOST)
    unknown = mail.outbox[-1]
    assert unknown.to == ["nobody@egf.example"]
    assert_names_the_site(unknown)
    assert f"{settings.SITE_BASE_URL}/en/accounts/signup/" in unknown.body


def test_a_signup_over_http_still_follows_its_mailed_link(demo):
    """The mailed link, opened on the public site, confirms the address."""
    client = Client()
    signup(client, first_name="Nino")
    link = next(link for link in links_in(mail.outbox[-1]) if "/accounts/confirm-email/" in link)
    path = link.removeprefix(settings.SITE_BASE_URL)
    assert client.post(path).status_code == 302
    assert User.objects.get(email="marta.kowalska@egf.example").emailaddress_set.get().verified
