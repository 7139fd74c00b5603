"""Contact Us: labelled fields, stored and e-mailed messages, helpful errors that keep the input."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from pages.models import ContactPage
from tests.html import field_for, form_of, html, shown_value

CONTACT_URL = "/en/about/contact-us/"
LABELS = ["Your name", "Your e-mail", "Subject", "Message"]
VALID = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Subject": "Pipeline politics",
    "Message": "Could you send me the Black Sea report?\nThank you.",
}


def filled_in(form, values):
    """The data a reader sends after typing each value into the field with that label."""
    return {field_for(form, label)["name"]: value for label, value in values.items()}


def post_form(client, values):
    """Fills the form by its labels and sends it with its CSRF token."""
    form = form_of(html(client.get(CONTACT_URL)))
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    return client.post(form["action"], {**filled_in(form, values), "csrfmiddlewaretoken": token})


def submissions(page):
    return FormSubmission.objects.filter(page=page)


@pytest.fixture
def contact_page(demo):
    return ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")


def test_form_shows_a_labelled_field_for_each_question(browser, contact_page):
    form = form_of(html(browser.get(CONTACT_URL)))
    assert form["action"] == CONTACT_URL
    fields = [field_for(form, label) for label in LABELS]
    assert [field.name for field in fields] == ["input", "input", "input", "textarea"]
    assert fields[1]["type"] == "email"
    assert form.find("button", string="Send message") is not None


def test_valid_message_is_stored_and_emailed(browser, contact_page):
    before = submissions(contact_page).count()
    response = post_form(browser, VALID)

    assert response.status_code == 200
    assert "Thank you" in html(response).get_text()
    assert submissions(contact_page).count() == before + 1
    stored = submissions(contact_page).latest("submit_time").get_data()
    assert VALID["Message"] in stored.values() and VALID["Your e-mail"] in stored.values()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [contact_page.to_address]
    assert message.subject == contact_page.subject
    assert VALID["Message"] in message.body
    assert VALID["Your e-mail"] in message.body


@pytest.mark.parametrize(
    "email, error",
    [("", "This field is required."), ("ada-at-example", "Enter a valid email address.")],
    ids=["missing e-mail", "bad e-mail"],
)
def test_invalid_message_is_shown_again_with_the_error(browser, contact_page, email, error):
    before = submissions(contact_page).count()
    response = post_form(browser, {**VALID, "Your e-mail": email})

    assert response.status_code == 200
    form = form_of(html(response))
    email_field = field_for(form, "Your e-mail")
    assert email_field.find_parent(class_="field").select_one(".error").get_text(strip=True) == error
    assert len(form.select(".error")) == 1
    for label in ["Your name", "Subject", "Message"]:
        assert shown_value(field_for(form, label)).strip() == VALID[label].strip(), label
    assert shown_value(email_field) == email

    assert submissions(contact_page).count() == before
    assert mail.outbox == []


@pytest.mark.parametrize(
    "label, typed",
    [
        ("Your name", "Ada\r\nBcc: victim@example.org"),
        ("Subject", "Hello\nReply-To: victim@example.org"),
        ("Your e-mail", "ada@example.org\r\nBcc: victim@example.org"),
        ("Subject", "Hello\u2028Forged line"),
    ],
    ids=["name", "subject", "e-mail", "unicode line separator"],
)
def test_a_one_line_field_refuses_line_breaks_and_keeps_the_message(browser, contact_page, label, typed):
    """Each one-line answer is a line of the office's mail: a line break would let a sender forge lines."""
    before = submissions(contact_page).count()
    response = post_form(browser, {**VALID, label: typed})

    assert response.status_code == 200
    form = form_of(html(response))
    field = field_for(form, label)
    assert field.find_parent(class_="field").select_one(".error").get_text(strip=True) == (
        "Please write this on one line."
    )
    assert len(form.select(".error")) == 1
    for other in LABELS:
        if other != label:
            assert shown_value(field_for(form, other)).strip() == VALID[other].strip(), other
    assert submissions(contact_page).count() == before
    assert mail.outbox == []


def test_a_line_break_at_the_end_of_a_one_line_field_is_only_trimmed(browser, contact_page):
    response = post_form(browser, {**VALID, "Subject": "Pipeline politics\r\n"})

    assert "Thank you" in html(response).get_text()
    assert submissions(contact_page).latest("submit_time").get_data()["subject"] == "Pipeline politics"


def test_missing_message_is_reported_too(browser, contact_page):
    before = submissions(contact_page).count()
    response = post_form(browser, {**VALID, "Message": ""})
    assert response.status_code == 200
    assert submissions(contact_page).count() == before
    form = form_of(html(response))
    assert field_for(form, "Message").find_parent(class_="field").select_one(".error") is not None
    assert shown_value(field_for(form, "Your e-mail")) == VALID["Your e-mail"]
    assert mail.outbox == []


def test_post_without_csrf_token_is_refused(browser, contact_page):
    before = submissions(contact_page).count()
    form = form_of(html(browser.get(CONTACT_URL)))
    assert browser.post(CONTACT_URL, filled_in(form, VALID)).status_code == 403
    assert submissions(contact_page).count() == before
    assert mail.outbox == []


def test_filled_in_trap_field_is_refused_and_keeps_the_message(browser, contact_page):
    before = submissions(contact_page).count()
    form = form_of(html(browser.get(CONTACT_URL)))
    trap = form.select_one("input[name=website]")
    assert trap["tabindex"] == "-1" and trap.find_parent(class_="honeypot") is not None
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    data = {**filled_in(form, VALID), "website": "http://spam.example", "csrfmiddlewaretoken": token}
    response = browser.post(CONTACT_URL, data)

    assert response.status_code == 200
    page = form_of(html(response))
    assert "This form could not be sent." in page.select_one(".form-errors").get_text()
    assert shown_value(field_for(page, "Your name")) == VALID["Your name"]
    assert submissions(contact_page).count() == before
    assert mail.outbox == []


def test_stored_messages_hold_only_the_editor_s_questions(browser, contact_page):
    post_form(browser, VALID)
    stored = submissions(contact_page).latest("submit_time").get_data()
    assert "website" not in stored
