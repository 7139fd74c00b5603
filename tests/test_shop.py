"""The EGF Shop as readers use it: the list of publications, one publication's page, and the
order request form with its e-mails, thank-you page, errors, trap field and rate limit."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from demo.shop import PUBLICATIONS, SOLD_OUT
from shop.isbn import is_valid_isbn
from shop.models import PRODUCTS_PAGE_SIZE, OrderRequest, OrderStatus, ProductAuthor, ProductPage
from tests.conftest import warm_query_count
from tests.factories import ProductPageFactory
from tests.html import fetch, field_for, form_of, html, shown_value, text

SHOP_URL = "/en/egf-shop/"
VALID = {
    "Your name": "Ada Lovelace",
    "Your e-mail": "ada@example.org",
    "Postal address": "12 Analytical Row\nLondon W1 2AB\nUnited Kingdom",
    "Number of copies": "3",
    "Note (optional)": "Please send an invoice for the institute.",
}
RUSSIAN_LABELS = {
    "Your name": "Ваше имя",
    "Your e-mail": "Ваш адрес электронной почты",
    "Postal address": "Почтовый адрес",
    "Number of copies": "Количество экземпляров",
    "Note (optional)": "Примечание (необязательно)",
}


# --- reading pages like a person ----------------------------------------------------------------
def error_under(form, label_text):
    errors = field_for(form, label_text).find_parent(class_="field").select(".error")
    return " ".join(text(error) for error in errors)


def post_order(client, url, values, labels=None, extra=None):
    """Fills the order form by its labels (in the page's language) and sends it with its CSRF token."""
    form = form_of(fetch(client, url))
    labels = labels or {label: label for label in values}
    data = {field_for(form, labels[label])["name"]: value for label, value in values.items()}
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    return client.post(form["action"], {**data, **(extra or {}), "csrfmiddlewaretoken": token})


def rows(soup):
    return soup.select(".product-listing .product-item")


def row_titled(soup, title):
    for row in rows(soup):
        if text(row.select_one(".listing-title")) == title:
            return row
    raise AssertionError(f"no product titled {title!r}")


def fact(container, term):
    """The value next to a term ("Price", "ISBN", …) in a product's facts."""
    dt = container.find("dt", string=term)
    assert dt is not None, f"no {term!r}"
    return text(dt.find_next_sibling("dd"))


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def product(shop):
    return ProductPage.objects.child_of(shop).get(title=PUBLICATIONS[0][0])


@pytest.fixture
def sold_out(shop):
    return ProductPage.objects.child_of(shop).get(title=SOLD_OUT)


@pytest.fixture
def russian_product(product):
    return product.get_translation(Locale.objects.get(language_code="ru"))


def add_products(shop, demo, count, year=2010):
    """More publications, older than the demo ones, each with an expert author and a cover."""
    for number in range(count):
        ProductPageFactory(
            parent=shop,
            title=f"Working paper {number + 1}",
            year=year - number % 5,
            cover=demo["images"][number % len(demo["images"])],
            authors=[ProductAuthor(expert=demo["experts"][number % len(demo["experts"])])],
        )


def orders():
    return OrderRequest.objects.all()


# --- the list of publications ----------------------------------------------------------------


def test_shop_lists_every_publication_with_cover_price_and_isbn(client, shop):
    page = fetch(client, SHOP_URL)
    assert text(page.find("h1")) == "EGF Shop"
    products = ProductPage.objects.child_of(shop).live()
    assert len(rows(page)) == products.count() == len(PUBLICATIONS)
    assert text(page.select_one(".result-count")) == f"{len(PUBLICATIONS)} publications on sale"
    for product in products:
        row = row_titled(page, product.title)
        assert row.select_one(".listing-title a")["href"] == product.url
        assert row.select_one("img.thumb")["alt"] == f"Cover of {product.title}"
        assert fact(row, "Price") == f"€{product.price}"
        assert fact(row, "ISBN") == product.isbn
        assert fact(row, "Year") == str(product.year)
        assert fact(row, "Number of pages") == str(product.page_count)
        expert = product.authors.first().expert
        assert expert.title in text(row.select_one(".byline"))
        if product.byline:
            assert product.byline in text(row.select_one(".byline"))
        assert text(row.select_one(".summary"))


def test_shop_with_nothing_on_sale_says_so(client, shop):
    for product in ProductPage.objects.child_of(shop):
        product.unpublish()
    page = fetch(client, SHOP_URL)
    assert text(page.find("h1")) == "EGF Shop"
    assert rows(page) == []
    assert "No publications are on sale yet." in text(page.select_one(".empty-state"))


def test_newest_publications_come_first(client, shop):
    years = [int(fact(row, "Year")) for row in rows(fetch(client, SHOP_URL))]
    assert years == sorted(years, reverse=True)
    assert years[0] == max(year for _title, _byline, year, _pages, _price in PUBLICATIONS)


def test_long_catalogue_is_paginated(client, demo, shop):
    add_products(shop, demo, 2 * PRODUCTS_PAGE_SIZE)
    total = len(PUBLICATIONS) + 2 * PRODUCTS_PAGE_SIZE
    first = fetch(client, SHOP_URL)
    assert len(rows(first)) == PRODUCTS_PAGE_SIZE
    pagination = first.select_one("nav.pagination")
    assert [text(link) for link in pagination.select("a")][-1] == "Next"
    last_page = -(-total // PRODUCTS_PAGE_SIZE)
    last = fetch(client, SHOP_URL, {"page": last_page})
    assert len(rows(last)) == total - (last_page - 1) * PRODUCTS_PAGE_SIZE
    assert text(last.select_one("nav.pagination [aria-current=page]")) == str(last_page)
    # Nonsense page numbers give a page, not an error.
    assert len(rows(fetch(client, SHOP_URL, {"page": "abc"}))) == PRODUCTS_PAGE_SIZE
    assert len(rows(fetch(client, SHOP_URL, {"page": "9999"}))) == len(rows(last))


def test_listing_runs_the_same_queries_for_few_and_many_publications(client, demo, shop):
    few = warm_query_count(client, SHOP_URL)
    add_products(shop, demo, 3 * PRODUCTS_PAGE_SIZE)
    many_page = fetch(client, SHOP_URL)
    assert len(rows(many_page)) == PRODUCTS_PAGE_SIZE > len(PUBLICATIONS)
    assert many_page.select_one("nav.pagination") is not None
    assert warm_query_count(client, SHOP_URL) == few
    assert warm_query_count(client, SHOP_URL + "?page=3") == few


def test_russian_shop_lists_russian_pages_with_russian_prices(client, product, russian_product):
    page = fetch(client, "/ru/egf-shop/")
    assert text(page.find("h1")) == "Магазин EGF"
    assert text(page.select_one(".result-count")) == f"{len(PUBLICATIONS)} публикаций в продаже"
    row = row_titled(page, russian_product.title)
    assert row.select_one(".listing-title a")["href"] == russian_product.url
    assert fact(row, "Цена") == "34,00\xa0€"
    assert fact(row, "ISBN") == product.isbn


# --- one publication ------------------------------------------------------------------------


def test_product_page_shows_the_publication_and_the_order_form(browser, product):
    page = fetch(browser, product.url)
    assert text(page.find("h1")) == product.title
    assert page.select_one("img.cover")["alt"] == f"Cover of {product.title}"
    assert fact(page, "ISBN") == product.isbn
    assert fact(page, "Price") == "€34.00"
    assert fact(page, "Availability") == "In stock"
    author = product.authors.first().expert
    assert page.select_one(".authors").find("a", string=author.title)["href"] == author.url
    form = form_of(page)
    assert form["action"] == product.url
    fields = [field_for(form, label) for label in VALID]
    assert [field.name for field in fields] == ["input", "input", "textarea", "input", "textarea"]
    assert fields[1]["type"] == "email"
    assert (fields[3]["type"], fields[3]["min"], fields[3]["max"], fields[3]["value"]) == (
        "number",
        "1",
        "100",
        "1",
    )
    assert form.find("button", string="Send order request") is not None
    assert "bank transfer" in text(page.select_one(".order-request"))


def test_sold_out_product_says_so_and_takes_no_orders(browser, sold_out):
    page = fetch(browser, sold_out.url)
    assert fact(page, "Availability") == "Out of stock"
    assert "out of stock" in text(page.select_one(".order-request"))
    assert form_of(page) is None
    assert "Out of stock" in text(row_titled(fetch(browser, SHOP_URL), SOLD_OUT))

    response = Client().post(
        sold_out.url, {"name": "Ada", "email": "ada@example.org", "address": "x", "quantity": 1}
    )
    assert response.status_code == 200
    assert form_of(html(response)) is None
    assert not orders().exists() and mail.outbox == []


def test_russian_product_has_the_source_facts_and_russian_experts(product, russian_product):
    for name in ("isbn", "price", "currency", "year", "page_count", "in_stock", "cover_id", "byline"):
        assert getattr(russian_product, name) == getattr(product, name), name
    assert russian_product.title != product.title
    english_authors = [author.expert for author in product.authors.all()]
    russian_authors = [author.expert for author in russian_product.authors.all()]
    assert [expert.translation_key for expert in russian_authors] == [
        e.translation_key for e in english_authors
    ]
    assert {expert.locale.language_code for expert in russian_authors} == {"ru"}
    synchronised = {
        f.field_name for f in get_translatable_fields(ProductPage) if isinstance(f, SynchronizedField)
    }
    assert {"isbn", "price", "currency", "year", "page_count", "in_stock", "cover", "authors"} <= synchronised


# --- ordering ---------------------------------------------------------------------------------


def test_valid_order_is_stored_emailed_and_thanked_for(browser, product):
    response = post_order(browser, product.url, VALID)

    thank_you_url = product.url + "thank-you/"
    assert response.status_code == 302 and response["Location"] == thank_you_url
    page = fetch(browser, thank_you_url)
    assert text(page.find("h1")) == "Thank you"
    assert f"Your order request for “{product.title}” has reached the EGF office." in text(page)
    assert "bank transfer" in text(page)

    order = orders().get()
    assert (order.product, order.product_title, order.name, order.email, order.quantity, order.language) == (
        product,
        product.title,
        VALID["Your name"],
        VALID["Your e-mail"],
        3,
        "en",
    )
    assert order.address == VALID["Postal address"]
    assert order.note == VALID["Note (optional)"]
    assert order.status == OrderStatus.NEW and order.handled_at is None

    staff, buyer = mail.outbox
    assert staff.to == [settings.SHOP_ORDER_EMAIL]
    assert staff.reply_to == [VALID["Your e-mail"]]
    assert staff.subject == f"Order request: 3 × {product.title}"
    admin_list = settings.WAGTAILADMIN_BASE_URL + reverse("orderrequest:index")
    assert admin_list in staff.body
    for value in (
        VALID["Your name"],
        VALID["Your e-mail"],
        "London W1 2AB",
        VALID["Note (optional)"],
        "34.00 EUR",
    ):
        assert value in staff.body

    assert buyer.to == [VALID["Your e-mail"]]
    assert buyer.subject == f"Your order request: {product.title}"
    assert buyer.body.startswith("Hello,")
    assert "Price per copy: €34.00" in buyer.body and "Copies: 3" in buyer.body
    assert "bank transfer" in buyer.body
    assert settings.SITE_BASE_URL + product.url in buyer.body
    # What the buyer typed reaches no header but the staff message's Reply-To.
    assert staff.message()["Reply-To"] == VALID["Your e-mail"]
    for message in (staff, buyer):
        assert all(VALID["Your name"] not in value for value in message.message().values())
    # The confirmation goes to whatever address was typed: it carries none of the typed words.
    for typed in (VALID["Your name"], "London W1 2AB", VALID["Note (optional)"]):
        assert typed not in buyer.body


def test_order_from_the_russian_site_is_confirmed_in_russian(browser, product, russian_product):
    form = form_of(fetch(browser, russian_product.url))
    assert text(form.find("button")) == "Отправить заявку на заказ"
    response = post_order(browser, russian_product.url, VALID, labels=RUSSIAN_LABELS)
    assert response.status_code == 302
    page = fetch(browser, response["Location"])
    assert text(page.find("h1")) == "Спасибо"
    assert f"Ваша заявка на заказ издания «{russian_product.title}» получена офисом EGF." in text(page)

    order = orders().get()
    # Staff see the English product, whichever site the reader ordered from.
    assert (order.product, order.product_title, order.language) == (product, product.title, "ru")
    staff, buyer = mail.outbox
    assert staff.subject == f"Order request: 3 × {product.title}" and "Russian website" in staff.body
    assert buyer.subject == f"Ваша заявка на заказ: {russian_product.title}"
    assert buyer.body.startswith("Здравствуйте!")
    assert "Цена за экземпляр: 34,00\xa0€" in buyer.body
    assert "банковским переводом" in buyer.body
    assert "Dear" not in buyer.body


@pytest.mark.parametrize(
    "label, value, error",
    [
        ("Your e-mail", "ada-at-example", "Enter a valid email address."),
        ("Your e-mail", "", "This field is required."),
        ("Number of copies", "0", "Ensure this value is greater than or equal to 1."),
        ("Number of copies", "1000", "Ensure this value is less than or equal to 100."),
        ("Number of copies", "abc", "Enter a whole number."),
        ("Your name", "", "This field is required."),
        ("Your name", "A" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("Postal address", "x" * 1001, "Ensure this value has at most 1000 characters (it has 1001)."),
        ("Note (optional)", "y" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
        ("Your name", "Ada\r\nBcc: victim@example.org", "Please write this on one line."),
    ],
    ids=[
        "bad e-mail",
        "no e-mail",
        "no copies",
        "too many copies",
        "copies not a number",
        "no name",
        "long name",
        "long address",
        "long note",
        "line break in name",
    ],
)
def test_invalid_order_is_shown_again_with_the_error(browser, product, label, value, error):
    response = post_order(browser, product.url, {**VALID, label: value})

    assert response.status_code == 200
    form = form_of(html(response))
    assert error_under(form, label) == error
    assert len(form.select(".error")) == 1
    for other, typed in VALID.items():
        if other != label:
            assert shown_value(field_for(form, other)).replace("\r\n", "\n") == typed, other
    assert not orders().exists() and mail.outbox == []


def test_filled_trap_field_refuses_the_order(browser, product):
    response = post_order(browser, product.url, VALID, extra={"website": "http://spam.example"})
    assert response.status_code == 200
    form = form_of(html(response))
    assert "This form could not be sent. Please try again." in text(form)
    assert shown_value(field_for(form, "Your name")) == VALID["Your name"]
    assert not orders().exists() and mail.outbox == []


def test_html_in_the_form_is_shown_as_text_never_run(browser, product):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = post_order(
        browser, product.url, {**VALID, "Your name": payload, "Your e-mail": "not-an-address"}
    )
    assert response.status_code == 200
    page = html(response)
    assert page.select("main script") == [] and page.select("main img[onerror]") == []
    assert shown_value(field_for(form_of(page), "Your name")) == payload
    assert b"&lt;script&gt;" in response.content


def test_order_without_csrf_token_is_refused(product):
    response = Client(enforce_csrf_checks=True).post(
        product.url, {"name": "Ada", "email": "ada@example.org", "address": "x", "quantity": 1}
    )
    assert response.status_code == 403
    assert not orders().exists()


def test_a_flood_of_orders_is_stopped_with_a_message(browser, product):
    from shop.models import ORDERS_PER_ADDRESS

    for _attempt in range(ORDERS_PER_ADDRESS):
        assert post_order(browser, product.url, VALID).status_code == 302
    response = post_order(browser, product.url, {**VALID, "Your name": "Ada Again"})

    assert response.status_code == 429
    form = form_of(html(response))
    assert "You have sent several order requests in the last hour" in text(form.select_one(".form-errors"))
    assert shown_value(field_for(form, "Your name")) == "Ada Again"
    assert orders().count() == ORDERS_PER_ADDRESS
    assert len(mail.outbox) == 2 * ORDERS_PER_ADDRESS
    # Someone else, from another address, can still order.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert post_order(other, product.url, VALID).status_code == 302


def test_a_failing_mail_server_keeps_the_order_and_thanks_the_reader(browser, product, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    response = post_order(browser, product.url, VALID)
    assert response.status_code == 302
    assert orders().count() == 1


# --- ISBN numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "isbn, valid",
    [
        ("978-3-16-148410-0", True),
        ("9783161484100", True),
        ("0-306-40615-2", True),
        ("0 8044 2957 X", True),
        ("080442957x", True),
        ("978-3-16-148410-1", False),
        ("0-306-40615-3", False),
        ("978-3-16-148410", False),
        ("97X-3-16-148410-0", False),
        ("", False),
    ],
)
def test_isbn_checksums(isbn, valid):
    assert is_valid_isbn(isbn) is valid


def test_editor_cannot_save_a_mistyped_isbn(product):
    from django.core.exceptions import ValidationError

    product.isbn = "978-3-9504-1000-7"
    with pytest.raises(ValidationError) as raised:
        product.full_clean()
    assert "isbn" in raised.value.message_dict


def test_demo_isbns_are_valid_and_one_publication_is_sold_out(shop):
    products = ProductPage.objects.child_of(shop)
    assert all(is_valid_isbn(product.isbn) for product in products)
    assert len({product.isbn for product in products}) == len(PUBLICATIONS)
    assert [product.title for product in products if not product.in_stock] == [SOLD_OUT]
