"""Order requests in the Wagtail admin as shop staff use them: who gets in, the list, its
filters and search, and marking a request handled."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from demo.shop import PUBLICATIONS
from shop.models import OrderStatus, ProductPage
from shop.prices import price_text
from tests.factories import OrderRequestFactory, ShopStaffFactory, UserFactory
from tests.html import fetch, filter_link, html, text
from tests.sign_in import sign_in_staff

LIST_URL = reverse("orderrequest:index")
EVERY_STATUS = {"status": "any"}


def mark_handled_url(order):
    return reverse("shop_mark_order_handled", args=[order.pk])


def listed(page):
    """{pk: row} of the order requests the list shows (each row's title links to its inspect page)."""
    return {
        int(re.search(r"/inspect/(\d+)/", link["href"]).group(1)): link.find_parent("tr")
        for link in page.select("tbody td.title .title-wrapper a")
    }


@pytest.fixture
def products(demo):
    return list(ProductPage.objects.filter(locale=Locale.get_default()).order_by("-year")[:2])


@pytest.fixture
def orders(products):
    first, second = products
    return {
        "new": OrderRequestFactory(
            product=first,
            name="Ada Lovelace",
            email="ada@example.org",
            address="12 Analytical Row, London",
            quantity=2,
        ),
        "handled": OrderRequestFactory(
            product=second,
            name="Ivan Petrov",
            email="ivan@example.ru",
            address="Moscow",
            language="ru",
            status=OrderStatus.HANDLED,
        ),
        "script": OrderRequestFactory(
            product=second,
            name='<script>alert("x")</script>',
            email="mallory@example.org",
            address="<b>bold</b>",
            quantity=5,
        ),
    }


@pytest.fixture
def shop_staff(client, db):
    """A member of the Shop staff group, signed in on the test's client."""
    user = ShopStaffFactory(username="clerk")
    sign_in_staff(client, user)
    return user


def test_shop_staff_reach_the_order_requests_list(client, shop_staff, orders):
    page = fetch(client, LIST_URL)
    assert text(page.find("h1")) == "Order requests"
    # It opens on the requests still to answer.
    assert set(listed(page)) == {orders["new"].pk, orders["script"].pk}
    rows = listed(fetch(client, LIST_URL, EVERY_STATUS))
    assert set(rows) == {order.pk for order in orders.values()}
    # Newest first.
    assert list(rows) == sorted(rows, reverse=True)
    row = text(rows[orders["new"].pk])
    for shown in ("Ada Lovelace", "ada@example.org", orders["new"].product_title, "2", "New"):
        assert shown in row
    # Requests come from the website: staff cannot add or edit them by hand.
    assert page.find("a", string=lambda s: s and "Add order request" in s) is None
    assert rows[orders["new"].pk].find("a", href=lambda h: h and "/edit/" in h) is None


def test_a_plain_logged_in_reader_does_not_reach_the_list(client, signed_in_reader, orders):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert b"Ada Lovelace" not in client.get(LIST_URL, follow=True).content
    response = client.post(mark_handled_url(orders["new"]))
    assert response.status_code == 302
    orders["new"].refresh_from_db()
    assert orders["new"].status == OrderStatus.NEW


def test_admin_without_order_permissions_cannot_mark_handled(client, orders):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in_staff(client, editor)
    # Wagtail answers a refused admin page by sending the user to the dashboard with a notice.
    response = client.post(mark_handled_url(orders["new"]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    orders["new"].refresh_from_db()
    assert orders["new"].status == OrderStatus.NEW


def test_list_filters_by_status_and_product(client, shop_staff, orders, products):
    query = filter_link(fetch(client, LIST_URL), "Status", "Handled")
    assert set(listed(fetch(client, LIST_URL + query))) == {orders["handled"].pk}
    query = filter_link(fetch(client, LIST_URL), "Status", "New")
    assert set(listed(fetch(client, LIST_URL + query))) == {orders["new"].pk, orders["script"].pk}

    page = fetch(client, LIST_URL, EVERY_STATUS)
    offered = [text(option) for option in page.select("form[data-search-form] select[name=product] option")]
    # One entry per product (English titles), not one per language.
    assert sorted(title for title in offered if title != "---------") == sorted(
        title for title, *_ in PUBLICATIONS
    )
    query = filter_link(page, "Product", products[0].title)
    assert set(listed(fetch(client, LIST_URL + query))) == {orders["new"].pk}


def test_list_searches_names_and_addresses(client, shop_staff, orders):
    assert set(listed(fetch(client, LIST_URL, {"q": "lovelace"}))) == {orders["new"].pk}
    assert set(listed(fetch(client, LIST_URL, {"q": "ivan@example", **EVERY_STATUS}))) == {
        orders["handled"].pk
    }


def test_html_in_a_request_is_shown_as_text_in_the_admin(client, shop_staff, orders):
    response = client.get(LIST_URL)
    page = html(response)
    assert '<script>alert("x")</script>' in text(listed(page)[orders["script"].pk])
    assert b'<script>alert("x")</script>' not in response.content
    inspect = client.get(reverse("orderrequest:inspect", args=[orders["script"].pk]))
    assert inspect.status_code == 200
    assert b'<script>alert("x")</script>' not in inspect.content and b"<b>bold</b>" not in inspect.content


def test_staff_mark_a_request_handled_and_are_told(client, shop_staff, orders):
    order = orders["new"]
    rows = listed(fetch(client, LIST_URL, EVERY_STATUS))
    button = rows[order.pk].find("a", string=lambda s: s and s.strip() == "Mark handled")
    assert button is not None and button["href"] == mark_handled_url(order)
    assert rows[orders["handled"].pk].find("a", string=lambda s: s and s.strip() == "Mark handled") is None

    confirmation = fetch(client, button["href"])
    assert "Ada Lovelace" in text(confirmation) and order.product_title in text(confirmation)
    form = confirmation.select_one("form[method=post]")
    response = client.post(form["action"])
    assert response.status_code == 302 and response["Location"] == LIST_URL

    page = fetch(client, LIST_URL)
    assert f"The order request from Ada Lovelace ({order.product_title}) is marked handled." in text(
        page.select_one(".messages")
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.HANDLED
    assert order.handled_by == shop_staff and order.handled_at is not None
    assert order.pk not in listed(page)  # no longer among the new ones
    assert "Handled" in text(listed(fetch(client, LIST_URL, EVERY_STATUS))[order.pk])

    client.post(mark_handled_url(order))
    page = fetch(client, LIST_URL)
    assert "had already been marked handled" in text(page.select_one(".messages"))


def test_the_staff_email_link_leads_shop_staff_to_the_list(client, shop_staff, orders):
    from django.conf import settings

    from shop.emails import admin_list_url

    assert admin_list_url() == settings.WAGTAILADMIN_BASE_URL + LIST_URL
    assert client.get(LIST_URL).status_code == 200


def test_the_inspect_page_shows_each_detail_once_with_the_address_lines_and_prices(
    client, shop_staff, orders, products
):
    order = orders["new"]
    order.address = "12 Analytical Row\nLondon\nNW1 6XE"
    order.save()
    page = fetch(client, reverse("orderrequest:inspect", args=[order.pk]))
    labels = [text(label) for label in page.select("main dt")]
    assert len(labels) == len(set(labels))
    assert all(label[0].isupper() for label in labels)
    assert {"Product", "Postal address", "Unit price", "Total", "Quantity", "Received"} <= set(labels)

    def value(label):
        return page.select("main dd")[labels.index(label)]

    address = value("Postal address")
    assert [line.strip() for line in address.stripped_strings] == ["12 Analytical Row", "London", "NW1 6XE"]
    assert len(address.find_all("br")) == 2
    product = products[0]
    assert text(value("Unit price")) == price_text(product.price, product.currency)
    assert text(value("Total")) == price_text(product.price * 2, product.currency)


def test_an_order_reads_the_same_site_time_on_every_page_and_export(client, shop_staff, orders):
    """The list, the inspect page, "Mark handled" and the exports give the one moment in the site's
    zone (Brussels), named, even for staff who chose another zone in their account."""
    from datetime import UTC, datetime

    from wagtail.users.models import UserProfile

    from shop.models import OrderRequest
    from tests.test_spreadsheet_exports import exported_rows, row_of

    profile = UserProfile.get_for_user(shop_staff)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    order = orders["new"]
    OrderRequest.objects.filter(pk=order.pk).update(created_at=datetime(2025, 1, 15, 9, 30, tzinfo=UTC))
    received = "15 January 2025, 10:30 CET"

    assert received in text(listed(fetch(client, LIST_URL))[order.pk])
    assert f"received {received}?" in text(fetch(client, mark_handled_url(order)))
    # A spreadsheet cell holds no zone: the site's clock time; the CSV text has its UTC offset.
    csv_row = row_of(exported_rows(client, LIST_URL, "csv"), "Name", "Ada Lovelace")
    xlsx_row = row_of(exported_rows(client, LIST_URL, "xlsx"), "Name", "Ada Lovelace")
    assert csv_row["Received"] == "2025-01-15 10:30:00+01:00"
    assert xlsx_row["Received"] == datetime(2025, 1, 15, 10, 30)

    OrderRequest.objects.filter(pk=order.pk).update(
        status=OrderStatus.HANDLED, handled_at=datetime(2025, 7, 1, 12, 5, tzinfo=UTC), handled_by=shop_staff
    )
    inspect = fetch(client, reverse("orderrequest:inspect", args=[order.pk]))
    details = dict(
        zip(
            (text(label) for label in inspect.select("main dt")),
            (text(value) for value in inspect.select("main dd")),
            strict=True,
        )
    )
    assert details["Received"] == received
    assert details["Handled at"] == "1 July 2025, 14:05 CEST"
