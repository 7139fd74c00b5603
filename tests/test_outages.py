"""A shared service down, as readers meet it over HTTP: the site's own 503 with ``Retry-After``,
never a 500, and a form being sent comes back with what the reader typed.

The database is taken away with Django's execute_wrapper (every query refused as a lost server
refuses it), the media storage by pointing it at a loopback port nothing listens on: a real
refused connection, no mock.
"""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from pages.models import ContactPage, MapIndexPage, MapPage
from tests.html import field_for, form_of, html, shown_value, text
from tests.ports import free_port

CONTACT_URL = "/en/about/contact-us/"
LOGIN_URL = "/en/accounts/login/"
ORIGIN = "http://testserver"
HEADING = "The site is not available just now"
TYPED = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Subject": "Pipeline <politics>",
    "Message": "Could you send me the Black Sea report?\nThank you & goodbye.",
}


def database_gone(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@pytest.fixture
def reader():
    """A reader's browser: CSRF checked as on the site, errors answered as in production."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.fixture
def contact_page(demo):
    return ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")


def assert_site_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    soup = html(response)
    assert text(soup.select_one("main h1")) == HEADING
    return soup


# --- the database --------------------------------------------------------------------------------
def test_a_form_sent_while_the_database_is_down_comes_back_filled_in(reader, contact_page):
    form = form_of(html(reader.get(CONTACT_URL)))
    data = {field_for(form, label)["name"]: value for label, value in TYPED.items()}
    data["csrfmiddlewaretoken"] = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    before = FormSubmission.objects.filter(page=contact_page).count()

    with connection.execute_wrapper(database_gone):
        response = reader.post(CONTACT_URL, data, HTTP_ORIGIN=ORIGIN)

    soup = assert_site_503(response)
    main = text(soup.select_one("main"))
    assert "What you typed is kept below" in main
    again = form_of(soup)
    assert again["action"] == CONTACT_URL
    # The database cannot give the editor's labels: the fields' own names stand in for them.
    message = field_for(again, "Message")
    assert message.name == "textarea" and shown_value(message) == TYPED["Message"]
    assert shown_value(field_for(again, "Your name")) == "Ada Lovelace"
    assert shown_value(field_for(again, "Subject")) == "Pipeline <politics>"
    assert "<politics>" not in response.content.decode()
    assert again.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert FormSubmission.objects.filter(page=contact_page).count() == before

    # The database is back: one click on "Send again" delivers the message.
    resent = {field["name"]: shown_value(field) for field in again.select("input, textarea")}
    response = reader.post(again["action"], resent, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200 and "Thank you" in html(response).get_text()
    stored = FormSubmission.objects.filter(page=contact_page).latest("submit_time").get_data()
    assert TYPED["Message"] in stored.values() and TYPED["Your e-mail"] in stored.values()


def test_a_sign_in_sent_while_the_database_is_down_never_shows_the_password(reader, demo):
    token = form_of(html(reader.get(LOGIN_URL))).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    data = {"login": "ada@example.org", "password": "Caspian-route-2026", "csrfmiddlewaretoken": token}

    with connection.execute_wrapper(database_gone):
        response = reader.post(LOGIN_URL, data, HTTP_ORIGIN=ORIGIN)

    soup = assert_site_503(response)
    assert "Caspian-route-2026" not in response.content.decode()
    assert form_of(soup).find("input", attrs={"name": "login"})["value"] == "ada@example.org"
    assert form_of(soup).find(attrs={"name": "password"}) is None


def test_a_form_from_another_site_is_not_offered_again_on_the_503_page(reader, contact_page):
    with connection.execute_wrapper(database_gone):
        response = Client(raise_request_exception=False).post(
            CONTACT_URL, {"message": "Send me everything"}, HTTP_ORIGIN="https://evil.example"
        )

    soup = assert_site_503(response)
    assert form_of(soup) is None and "Send me everything" not in response.content.decode()


# --- the media storage ---------------------------------------------------------------------------
@pytest.fixture
def storage_down(settings):
    """The site's media in a bucket whose server is gone: nothing listens on its port."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "core.media.MediaStorage"}}
    settings.AWS_STORAGE_BUCKET_NAME = "egf-media"
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{free_port()}"
    settings.AWS_ACCESS_KEY_ID = "egf-local"
    settings.AWS_SECRET_ACCESS_KEY = "egf-local-secret"
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ADDRESSING_STYLE = "path"


def stored_image(name):
    """An image whose file was uploaded to the bucket before its server went away."""
    return get_image_model().objects.create(
        title="Caspian pipelines", file=f"original_images/{name}", width=1200, height=800, file_size=4096
    )


def test_a_document_with_the_storage_down_answers_the_site_503(reader, demo, storage_down):
    document = get_document_model().objects.create(
        title="Gas balance Q3",
        file="documents/gas-balance-q3.txt",
        file_size=37,
        collection=Collection.objects.get(name="Reports"),
    )

    assert_site_503(reader.get(document.url))


def test_a_rendition_with_the_storage_down_answers_the_site_503(reader, demo, storage_down):
    assert_site_503(reader.get("/media/images/caspian.width-960.png"))


def test_a_page_whose_picture_is_not_yet_resized_answers_the_site_503(reader, demo, storage_down):
    maps = MapIndexPage.objects.descendant_of(demo["home"]).first()
    page = maps.add_child(instance=MapPage(title="Caspian pipelines", map_image=stored_image("caspian.png")))
    page.save_revision().publish()

    assert_site_503(reader.get(page.url))
