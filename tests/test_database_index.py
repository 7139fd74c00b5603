"""The database index written in bulk holds the rows Wagtail's own index writes, on SQLite and
on PostgreSQL, and searching finds what it wrote."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from config.search_backends import DATABASE_ALIAS, ENGINE_ALIAS
from pages.models import ArticlePage
from search.models import SearchEntry

PER_MODEL = 25
IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")


def _indexes():
    """Wagtail's index class and ours, and the columns they write (vectors as PostgreSQL prints
    them), for the database the tests run on: each module loads on its own database only."""
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresIndex

        from search.database_index_postgres import BulkPostgresIndex

        vectors = {column: f"{column}::text" for column in ("title", "autocomplete", "body")}
        return PostgresIndex, BulkPostgresIndex, vectors, ["title_norm", "title_text", "body_text"]
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex

    from search.database_index_sqlite import BulkSQLiteIndex

    return SQLiteIndex, BulkSQLiteIndex, {}, ["title", "autocomplete", "body", "title_norm"]


def _rows(model, objects):
    """The index's rows for these objects, by object id, without the rows' own ids."""
    _wagtails, _bulk, vectors, columns = _indexes()
    rows = _of(model, objects).extra(select=vectors)
    return {row.pop("object_id"): row for row in rows.values("object_id", *vectors, *columns)}


def _of(model, objects):
    """The index's rows for these objects."""
    return IndexEntry.objects.filter(
        content_type_id=get_content_type_pk(model), object_id__in=[str(obj.pk) for obj in objects]
    )


def _site_database_backend():
    return get_search_backend(
        DATABASE_ALIAS if DATABASE_ALIAS in settings.WAGTAILSEARCH_BACKENDS else ENGINE_ALIAS
    )


@pytest.mark.django_db
def test_bulk_rows_are_wagtails_rows():
    wagtails_index, bulk_index_class, _vectors, _columns = _indexes()
    backend = _site_database_backend()
    bulk_index = backend.get_index_for_model(IndexEntry)
    assert type(bulk_index) is bulk_index_class
    compared, with_body = 0, 0
    for model in get_indexed_models():
        objects = list(model.get_indexed_objects().order_by("pk")[:PER_MODEL])
        if model is SearchEntry or not objects:
            continue  # the entries are indexed by search.fulltext, not by this backend
        # Each index writes new rows first, so both work their title norms out over the same table.
        _of(model, objects).delete()
        wagtails_index(backend).add_items(model, objects)
        wagtails = _rows(model, objects)
        _of(model, objects).delete()
        bulk_index.add_items(model, objects)  # new rows
        assert _rows(model, objects) == wagtails, model
        _of(model, objects).update(body="")
        bulk_index.add_items(model, objects)  # rows it writes over
        assert _rows(model, objects) == wagtails, model
        compared += len(objects)
        with_body += sum(1 for row in wagtails.values() if row["body"])
    # Pages of every type (with bodies and search fields of their own), documents and images.
    assert compared >= 100
    assert with_body >= 50


@pytest.mark.django_db
def test_a_rewritten_article_is_found_by_its_new_title_only():
    backend = _site_database_backend()
    article = ArticlePage.objects.live().order_by("pk").first()
    article.title = "Quarantined marshland cartography"
    backend.get_index_for_model(ArticlePage).add_items(ArticlePage, [article])
    assert list(backend.search("marshland cartography", ArticlePage)) == [article]
    article.title = "Orbital debris treaty"
    backend.get_index_for_model(ArticlePage).add_items(ArticlePage, [article])
    assert list(backend.search("marshland", ArticlePage)) == []
    assert list(backend.search("orbital debris", ArticlePage)) == [article]
