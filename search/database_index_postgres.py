"""Wagtail's PostgreSQL index written in one upsert per batch, each object's fields read once
(search/database_index.py), with the SQL functions Wagtail's expressions compile to."""

from django.utils.encoding import force_str
from modelsearch.backends.database.postgres import postgres
from modelsearch.utils import get_content_type_pk

from search.database_index import texts_by_part

IndexEntry = postgres.IndexEntry
WEIGHTS = frozenset("ABCD")  # tsvector weights: only these letters reach the SQL as written
COLUMNS = [
    "content_type_id",
    "object_id",
    "title",
    "autocomplete",
    "body",
    "title_norm",
    "title_text",
    "body_text",
]
# A new or rewritten row gets the norm 1.0, which tells the norms pass to work it out again.
UPSERT = (
    f"INSERT INTO {IndexEntry._meta.db_table} ({', '.join(COLUMNS)}) VALUES {{rows}} "
    "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS[2:])
)


def _vector(texts, config, params):
    """SQL for the weighted tsvector of these texts, its parameters appended to ``params``."""
    parts = []
    for text, weight in texts:
        text = text.strip()
        if not text:
            continue
        if weight not in WEIGHTS:
            raise ValueError(f"Not a tsvector weight: {weight!r}")
        if config:
            parts.append(f"setweight(to_tsvector(%s::regconfig, %s), '{weight}')")
            params.extend((config, text))
        else:
            parts.append(f"setweight(to_tsvector(%s), '{weight}')")
            params.append(text)
    return " || ".join(parts) or "''::tsvector"


def _plain(texts):
    return " ".join(text for text in (text.strip() for text, _weight in texts) if text)


class BulkPostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        if not objs or not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        rows, params = [], []
        for obj in objs:
            indexer = postgres.ObjectIndexer(obj, self.backend)
            title, body, autocomplete = texts_by_part(indexer)
            params.extend((content_type_pk, force_str(obj.pk)))
            title_sql = _vector(title, self.backend.config, params)
            autocomplete_sql = _vector(autocomplete, self.backend.autocomplete_config, params)
            body_sql = _vector(body, self.backend.config, params)
            params.extend((_plain(title), _plain(body)))
            rows.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(UPSERT.format(rows=", ".join(rows)), params)
        self._refresh_title_norms()


class BulkPostgresSearchBackend(postgres.PostgresSearchBackend):
    index_class = BulkPostgresIndex
