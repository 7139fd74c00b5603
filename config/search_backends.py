"""Which search backends the site uses, built from the engine URLs in the environment.

- ``ELASTICSEARCH_URL``: Wagtail's Elasticsearch backend for ``ELASTICSEARCH_MAJOR`` (8 or 9).
- ``OPENSEARCH_URL``: Wagtail's OpenSearch backend (servers 2.x and 3.x, through opensearch-py 3).
- Neither: the database backend alone.

With an engine, the database backend is configured too, under ``"database"``, and kept up to
date on every save, so that search can answer from it while the engine is unreachable: Advanced
Search switches itself, and the engine backends are Wagtail's wrapped by search/fallback, which
does it for the admin's searches.
Both engines get the same index settings: one analyzer that lowercases, drops English and
Russian stop words and stems English and Russian word forms, so one index serves both languages.
"""

ENGINE_ALIAS = "default"
DATABASE_ALIAS = "database"
ELASTICSEARCH_BACKENDS = {
    8: "search.fallback.elasticsearch8",
    9: "search.fallback.elasticsearch9",
}
OPENSEARCH_BACKEND = "search.fallback.opensearch3"

# Stop words go before the stemmers: the stop lists hold whole words, not stems. Each stemmer
# leaves the other alphabet alone, so the two run one after the other on every token.
BILINGUAL_ANALYZER = {
    "type": "custom",
    "tokenizer": "standard",
    "filter": ["lowercase", "english_stop", "russian_stop", "english_stemmer", "russian_stemmer"],
}
INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {"default": BILINGUAL_ANALYZER},
            "filter": {
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "russian_stop": {"type": "stop", "stopwords": "_russian_"},
                "english_stemmer": {"type": "stemmer", "language": "english"},
                "russian_stemmer": {"type": "stemmer", "language": "russian"},
            },
        }
    }
}
# PostgreSQL's "russian" configuration stems Cyrillic words with the Russian snowball stemmer and
# Latin words with the English one, and drops both languages' stop words.
POSTGRES_SEARCH_CONFIG = "russian"


def database_backend(database_engine):
    # Wagtail's database backend with an index that writes in bulk (search/database_index.py).
    backend = {"BACKEND": "search.database_index"}
    if "postgresql" in database_engine:
        backend["SEARCH_CONFIG"] = POSTGRES_SEARCH_CONFIG
    return backend


def engine_backend(elasticsearch_url="", elasticsearch_major=8, opensearch_url="", index_prefix="egf_"):
    """The engine's backend settings, or None when no engine URL is set."""
    if elasticsearch_url:
        if elasticsearch_major not in ELASTICSEARCH_BACKENDS:
            raise ValueError(f"ELASTICSEARCH_MAJOR must be 8 or 9, not {elasticsearch_major!r}")
        backend, url = ELASTICSEARCH_BACKENDS[elasticsearch_major], elasticsearch_url
    elif opensearch_url:
        backend, url = OPENSEARCH_BACKEND, opensearch_url
    else:
        return None
    return {
        "BACKEND": backend,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        # A search waits at most this long before answering from the database instead.
        "TIMEOUT": 5,
        "OPTIONS": {"max_retries": 0},
        "INDEX_SETTINGS": INDEX_SETTINGS,
    }


def search_backends(database_engine, **engine_options):
    """WAGTAILSEARCH_BACKENDS: the engine as default with the database beside it, or the database alone."""
    database = database_backend(database_engine)
    engine = engine_backend(**engine_options)
    if engine is None:
        return {ENGINE_ALIAS: database}
    return {ENGINE_ALIAS: engine, DATABASE_ALIAS: database}
