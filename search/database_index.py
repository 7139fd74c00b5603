"""Wagtail's database search index, written from one pass over each object's search fields.

Wagtail's indexes work an object's fields out once per column they write: three times on SQLite
(title, body, autocomplete), five on PostgreSQL (those three vectors, then the plain title and
body texts), where each weighted part of a vector is also built as a Django expression compiled
on its own, which cost more than PostgreSQL's own indexing. The indexes of
``database_index_postgres`` and ``database_index_sqlite`` read each field once and write the same
rows (tests/test_database_index.py compares them with Wagtail's). Searching is Wagtail's.

``SearchBackend`` is the backend Wagtail picks for the database, with its index replaced. Each
database's module is imported only on that database: Wagtail's SQLite module needs models that
exist only there.
"""

from django.db import connection
from modelsearch.backends import database
from modelsearch.index import AutocompleteField, SearchField


def texts_by_part(indexer):
    """(title, body, autocomplete): each a list of (text, weight) in the order of the search fields;
    the weight is None on SQLite, whose indexer gives none."""
    title, body, autocomplete = [], [], []
    for search_field in indexer.search_fields:
        for field, *weight, value in indexer.prepare_field(indexer.obj, search_field):
            weight = weight[0] if weight else None
            if isinstance(field, AutocompleteField):
                autocomplete.append((value, weight))
            elif isinstance(field, SearchField):
                (title if field.field_name == "title" else body).append((value, weight))
    return title, body, autocomplete


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks a backend up by in its module)
    """Wagtail's choice for the database (PostgreSQL, SQLite with FTS5, or its plain fallback),
    with the bulk index where there is one."""
    if connection.vendor == "postgresql":
        from search.database_index_postgres import BulkPostgresSearchBackend

        return BulkPostgresSearchBackend(params)
    backend = database.SearchBackend(params)  # on SQLite it finds out whether FTS5 is there
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from search.database_index_sqlite import BulkSQLiteSearchBackend

        return BulkSQLiteSearchBackend(params)
    return backend
