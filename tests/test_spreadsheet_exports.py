"""CSV and XLSX exports of what readers typed (Contact messages, shop order requests): a value that
a spreadsheet program would run as a formula arrives quoted, everything else as it was written.

Readers send the forms over HTTP; staff download the exports from the admin over HTTP.
"""

import csv
from datetime import datetime
from io import BytesIO, StringIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale

from core.spreadsheets import neutralise_formula
from demo.shop import PUBLICATIONS
from pages.models import ContactPage
from shop.models import ProductPage
from tests.factories import ShopStaffFactory, UserFactory
from tests.html import fetch, field_for, form_of
from tests.sign_in import sign_in_staff

CONTACT_URL = "/en/about/contact-us/"
ORDERS_URL = reverse("orderrequest:index")
HYPERLINK = '=HYPERLINK("http://x","y")'
HOSTILE_MESSAGE = {
    "Your name": HYPERLINK,
    "Your e-mail": "mallory@example.org",
    "Subject": "+1+1",
    "Message": "-2",
}
HARMLESS_MESSAGE = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Subject": "Prices fell by -2% = a trend?",
    "Message": "Please call me on +44 20 7946 0000 or write to ada@example.org.",
}
HOSTILE_ORDER = {
    "Your name": "@SUM(A1)",
    "Your e-mail": "mallory@example.org",
    "Postal address": HYPERLINK,
    "Number of copies": "2",
    "Note (optional)": "-2+3",
}
HARMLESS_ORDER = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Postal address": "12 Analytical Row, London",
    "Number of copies": "3",
    "Note (optional)": "Two copies at -10% would do = fine.",
}


def send(client, url, values):
    """Fills the page's form by its labels and sends it with its CSRF token."""
    form = form_of(fetch(client, url))
    data = {field_for(form, label)["name"]: value for label, value in values.items()}
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = client.post(form["action"], {**data, "csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302), response.status_code
    return response


def exported_rows(client, url, export_format):
    """The rows of an export as {heading: cell value}; XLSX values also say whether the cell is
    a formula."""
    response = client.get(url, {"export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        return list(csv.DictReader(StringIO(content.decode())))
    sheet = load_workbook(BytesIO(content)).active
    headings, *rows = sheet.iter_rows()
    assert all(cell.data_type != "f" for row in rows for cell in row)
    return [{heading.value: cell.value for heading, cell in zip(headings, row, strict=True)} for row in rows]


def row_of(rows, heading, value):
    matches = [row for row in rows if row[heading] == value]
    assert len(matches) == 1, (value, rows)
    return matches[0]


@pytest.fixture
def reader_client(db):
    """A reader signed in on a client that checks CSRF tokens like the real site."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="spreadsheet-reader"))
    return client


@pytest.fixture
def contact_page(demo):
    return ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")


@pytest.fixture
def product(shop):
    return ProductPage.objects.child_of(shop).get(title=PUBLICATIONS[0][0], locale=Locale.get_default())


@pytest.fixture
def shop_staff_client(db):
    client = Client()
    sign_in_staff(client, ShopStaffFactory(username="spreadsheet-clerk"))
    return client


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_contact_message_exports_quote_formulas_and_keep_other_text(
    reader_client, admin_client, contact_page, export_format
):
    send(reader_client, CONTACT_URL, HOSTILE_MESSAGE)
    send(reader_client, CONTACT_URL, HARMLESS_MESSAGE)

    url = reverse("wagtailforms:list_submissions", args=[contact_page.pk])
    rows = exported_rows(admin_client, url, export_format)
    hostile = row_of(rows, "Your e-mail", HOSTILE_MESSAGE["Your e-mail"])
    assert hostile["Your name"] == "'" + HYPERLINK
    assert hostile["Subject"] == "'+1+1"
    assert hostile["Message"] == "'-2"
    harmless = row_of(rows, "Your e-mail", HARMLESS_MESSAGE["Your e-mail"])
    assert {label: harmless[label] for label in HARMLESS_MESSAGE} == HARMLESS_MESSAGE


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_order_request_exports_quote_formulas_and_keep_other_values(
    reader_client, shop_staff_client, product, export_format
):
    send(reader_client, product.url, HOSTILE_ORDER)
    send(reader_client, product.url, HARMLESS_ORDER)

    rows = exported_rows(shop_staff_client, ORDERS_URL, export_format)
    hostile = row_of(rows, "E-Mail", HOSTILE_ORDER["Your e-mail"])
    assert hostile["Name"] == "'@SUM(A1)"
    assert hostile["Postal Address"] == "'" + HYPERLINK
    assert hostile["Note"] == "'-2+3"
    harmless = row_of(rows, "E-Mail", HARMLESS_ORDER["Your e-mail"])
    assert harmless["Name"] == "Ada Lovelace"
    assert harmless["Postal Address"] == "12 Analytical Row, London"
    assert harmless["Note"] == HARMLESS_ORDER["Note (optional)"]
    assert harmless["Product"] == product.title
    # Numbers stay numbers in XLSX (text in CSV, which has no types).
    assert harmless["Quantity"] == ("3" if export_format == "csv" else 3)


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("a = b - c", "a = b - c"),
        ("", ""),
        (-2, -2),
        (None, None),
        (datetime(2025, 1, 2, 3, 4), datetime(2025, 1, 2, 3, 4)),
    ],
)
def test_only_text_that_starts_a_formula_is_quoted(value, written):
    """Tab and carriage return cannot come through the forms (Django strips them), so they are
    checked here; numbers, dates and empty cells are not text and stay as they are."""
    assert neutralise_formula(value) == written
