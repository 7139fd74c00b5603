"""Wagtail's SQLite index written in one DELETE and one insert per batch, each object's fields
read once (search/database_index.py); Wagtail updates each object already indexed on its own."""

from django.utils.encoding import force_str
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.utils import get_content_type_pk

from search.database_index import texts_by_part

IndexEntry = sqlite.IndexEntry


class BulkSQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        if not objs or not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        entries = []
        for obj in objs:
            title, body, autocomplete = texts_by_part(sqlite.ObjectIndexer(obj, self.backend))
            entries.append(
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=force_str(obj.pk),
                    title=_joined(title),
                    autocomplete=_joined(autocomplete),
                    body=_joined(body),
                )
            )
        # The full-text rows of the deleted entries follow by trigger. A rewritten row gets the
        # norm of a new one, worked out again below for its new title.
        self.entries.filter(
            content_type_id=content_type_pk, object_id__in=[entry.object_id for entry in entries]
        )._raw_delete(self.write_connection.alias)
        self.entries.bulk_create(entries)
        self._refresh_title_norms()


def _joined(texts):
    return " ".join(text for text, _weight in texts)


class BulkSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    index_class = BulkSQLiteIndex
