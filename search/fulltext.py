"""The database's own full-text index of the search entries: search without an engine.

Every entry's words are stemmed in Python with the English and Russian snowball stemmers (the
``stem`` that also marks words in snippets), so "sanctions" and "sanction", «решением» and
«решениям» meet at one stem, on SQLite and on PostgreSQL alike. The stems live beside the
entries, in rows keyed by the entry's id:

- SQLite: the FTS5 table ``site_search_text`` (stemmed title, summary, byline and body, ranked
  with bm25) and ``site_search_titles`` (each title's words as written, with prefix indexes, for
  the header's suggestions);
- PostgreSQL: the table ``site_search_text`` with a weighted tsvector of the stems and a tsvector
  of the title's words, each with a GIN index.

Matching, ranking, counting facets and suggesting all start from these indexes, so a search reads
the entries it finds, never the whole table. Readers' words reach the SQL only as parameters made
of letters and digits, quoted, so nothing typed is read as query syntax.
"""

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from search.highlight import stem

TEXT_TABLE = "site_search_text"
TITLE_TABLE = "site_search_titles"
# Words the way both indexes split them (an underscore separates words, as in FTS5).
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# bm25 weights of title, summary, byline and body: the engine's boosts.
BM25_WEIGHTS = "4.0, 2.0, 1.0, 1.0"
MAX_QUERY_WORDS = 32

SQLITE_SCHEMA = [
    f"CREATE VIRTUAL TABLE {TEXT_TABLE} USING fts5("
    "title, summary, byline, body, tokenize = 'unicode61 remove_diacritics 0')",
    f"CREATE VIRTUAL TABLE {TITLE_TABLE} USING fts5("
    "title, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 0')",
]
POSTGRES_SCHEMA = [
    f"CREATE TABLE {TEXT_TABLE} (entry_id integer PRIMARY KEY, document tsvector NOT NULL, "
    "title_words tsvector NOT NULL)",
    f"CREATE INDEX {TEXT_TABLE}_document ON {TEXT_TABLE} USING gin (document)",
    f"CREATE INDEX {TEXT_TABLE}_title_words ON {TEXT_TABLE} USING gin (title_words)",
]
DROP = {
    "sqlite": [f"DROP TABLE IF EXISTS {TEXT_TABLE}", f"DROP TABLE IF EXISTS {TITLE_TABLE}"],
    "postgresql": [f"DROP TABLE IF EXISTS {TEXT_TABLE}"],
}


def create_tables(schema_editor):
    schema = {"sqlite": SQLITE_SCHEMA, "postgresql": POSTGRES_SCHEMA}[schema_editor.connection.vendor]
    for statement in schema:
        schema_editor.execute(statement)


def drop_tables(schema_editor):
    for statement in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def stems(text):
    return " ".join(stem(word) for word in TOKEN.findall(str(text)))


def _words(text):
    return " ".join(TOKEN.findall(str(text).lower()))


# --- writing ---------------------------------------------------------------------------------
def write(entries):
    """Put these entries' words in the index, replacing what it held for them."""
    if not entries:
        return
    remove([entry.pk for entry in entries])
    rows = [
        (
            entry.pk,
            stems(entry.title),
            stems(entry.summary),
            stems(f"{entry.byline} {entry.terms}"),  # the byline's weight: names, not the text
            stems(entry.body),
            _words(entry.title),
        )
        for entry in entries
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE} (entry_id, document, title_words) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
                " || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D'),"
                " to_tsvector('simple', %s))",
                rows,
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE} (rowid, title, summary, byline, body) VALUES (%s, %s, %s, %s, %s)",
                [row[:5] for row in rows],
            )
            cursor.executemany(
                f"INSERT INTO {TITLE_TABLE} (rowid, title) VALUES (%s, %s)",
                [(row[0], row[5]) for row in rows],
            )


def remove(entry_ids):
    if not entry_ids:
        return
    placeholders = ", ".join(["%s"] * len(entry_ids))
    tables = [TEXT_TABLE] if connection.vendor == "postgresql" else [TEXT_TABLE, TITLE_TABLE]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table} WHERE {_key(table)} IN ({placeholders})", list(entry_ids))


def _key(table):
    """The column holding the entry's id: FTS5 tables key their rows by rowid."""
    return f"{table}.entry_id" if connection.vendor == "postgresql" else f"{table}.rowid"


# --- reading ---------------------------------------------------------------------------------
def query_stems(terms):
    """The distinct stems of the words searched for, in the order typed."""
    return list(dict.fromkeys(stem(word) for word in TOKEN.findall(terms)))[:MAX_QUERY_WORDS]


def _match_sql(stemmed):
    """(SQL selecting the ids of entries holding every stem, its parameters)."""
    if connection.vendor == "postgresql":
        return (
            f"SELECT entry_id FROM {TEXT_TABLE} WHERE document @@ plainto_tsquery('simple', %s)",
            [" ".join(stemmed)],
        )
    return f"SELECT rowid FROM {TEXT_TABLE} WHERE {TEXT_TABLE} MATCH %s", [_fts_phrases(stemmed)]


def _fts_phrases(words, prefix=False):
    star = "*" if prefix else ""
    return " ".join(f'"{word}"{star}' for word in words)


def matching(entries, terms):
    """``entries`` (a queryset) narrowed to those holding every searched word in some form."""
    stemmed = query_stems(terms)
    if not stemmed:
        return entries.none()
    sql, params = _match_sql(stemmed)
    if connection.vendor == "postgresql":
        # Matched once, here: the result's page, count and every facet filter by the same ids,
        # and reading the index's rows again for each of them cost more than passing the ids.
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
        return entries.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    return entries.filter(pk__in=RawSQL(sql, params))


def _among(entries, outer_id):
    """SQL true when the index row ``outer_id`` names is one of ``entries``: a lookup by primary
    key per row the index yields, so the index can stop after the first rows it ranks."""
    correlated = entries.order_by().filter(pk=RawSQL(outer_id, [])).values("pk")
    sql, params = correlated.query.sql_with_params()
    return f"EXISTS ({sql})", list(params)


def ranked_ids(entries, terms, limit):
    """Ids of the best ``limit`` entries among ``entries`` holding every searched word, best first."""
    stemmed = query_stems(terms)
    if not stemmed:
        return []
    among, among_params = _among(entries, _key(TEXT_TABLE))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT entry_id FROM {TEXT_TABLE}, plainto_tsquery('simple', %s) AS words "
                f"WHERE document @@ words AND {among} "
                "ORDER BY ts_rank(document, words) DESC, entry_id DESC LIMIT %s",
                [" ".join(stemmed), *among_params, limit],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {TEXT_TABLE} WHERE {TEXT_TABLE} MATCH %s AND {among} "
                f"ORDER BY bm25({TEXT_TABLE}, {BM25_WEIGHTS}), rowid DESC LIMIT %s",
                [_fts_phrases(stemmed), *among_params, limit],
            )
        return [row[0] for row in cursor.fetchall()]


def title_prefix_ids(entries, words, limit):
    """Ids of up to ``limit`` entries among ``entries`` whose title has a word starting with each
    of ``words``, newest first: the index stops at the first ``limit`` that qualify."""
    typed = TOKEN.findall(words.lower())[:MAX_QUERY_WORDS]
    if not typed:
        return []
    among, among_params = _among(
        entries, _key(TEXT_TABLE if connection.vendor == "postgresql" else TITLE_TABLE)
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            prefixes = " & ".join(f"'{word}':*" for word in typed)
            cursor.execute(
                f"SELECT entry_id FROM {TEXT_TABLE} WHERE title_words @@ to_tsquery('simple', %s) "
                f"AND {among} ORDER BY entry_id DESC LIMIT %s",
                [prefixes, *among_params, limit],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {TITLE_TABLE} WHERE {TITLE_TABLE} MATCH %s AND {among} "
                "ORDER BY rowid DESC LIMIT %s",
                [_fts_phrases(typed, prefix=True), *among_params, limit],
            )
        return [row[0] for row in cursor.fetchall()]
