"""Listings of a page's children find the same pages as Wagtail's ``child_of``, and on SQLite read
the page table through the path index instead of the whole table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tree_paths import children_of
from pages.models import EventPage, MapPage
from shop.models import ProductPage, ShopIndexPage
from tests.conftest import warm_query_count


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ProductPage, EventPage, MapPage])
def test_children_are_wagtails_children(demo, model):
    parents = {page.get_parent().specific for page in model.objects.all()}
    assert parents
    for parent in parents:
        expected = set(model.objects.child_of(parent).values_list("pk", flat=True))
        assert set(children_of(model.objects.all(), parent).values_list("pk", flat=True)) == expected
        assert expected


@pytest.mark.django_db
def test_the_shop_listing_reads_the_path_index_on_sqlite(client, demo):
    shop = ShopIndexPage.objects.get(locale__language_code="en")
    warm_query_count(client, shop.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(shop.url).status_code == 200
    listing = [query["sql"] for query in queries.captured_queries if '"shop_productpage"' in query["sql"]]
    assert listing, "the shop lists its products"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for sql in listing:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
                assert "SCAN wagtailcore_page" not in plan, plan
