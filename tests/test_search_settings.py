"""Which search backend the site uses for which environment, and the index settings they share."""

import pytest
from django.core.checks import run_checks
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend
from wagtail.search.backends import get_search_backend

from config.search_backends import INDEX_SETTINGS, POSTGRES_SEARCH_CONFIG, search_backends
from search.fallback import DatabaseFallbackBackend
from tests.search_support import ENGINE_CONFIGURED, engine_reachable, require_service, search_backend

POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


def test_without_an_engine_the_database_is_the_only_backend():
    assert search_backends(SQLITE) == {"default": {"BACKEND": "search.database_index"}}
    assert search_backends(POSTGRES) == {
        "default": {"BACKEND": "search.database_index", "SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG}
    }


@pytest.mark.parametrize(
    "options, backend",
    [
        ({"opensearch_url": "http://search:9200"}, "search.fallback.opensearch3"),
        (
            {"elasticsearch_url": "http://search:9200", "elasticsearch_major": 8},
            "search.fallback.elasticsearch8",
        ),
        (
            {"elasticsearch_url": "http://search:9200", "elasticsearch_major": 9},
            "search.fallback.elasticsearch9",
        ),
    ],
)
def test_an_engine_url_picks_its_backend_and_keeps_the_database_beside_it(options, backend):
    backends = search_backends(POSTGRES, **options)
    assert backends["default"]["BACKEND"] == backend
    assert backends["default"]["URLS"] == ["http://search:9200"]
    assert backends["default"]["INDEX_SETTINGS"] == INDEX_SETTINGS
    assert backends["database"] == {"BACKEND": "search.database_index", "SEARCH_CONFIG": "russian"}


def test_elasticsearch_needs_a_known_major_version():
    with pytest.raises(ValueError, match="ELASTICSEARCH_MAJOR must be 8 or 9"):
        search_backends(SQLITE, elasticsearch_url="http://search:9200", elasticsearch_major=7)


def test_elasticsearch_and_opensearch_build_identical_index_settings():
    """Both clients are real: the backends are built, not connected."""
    elastic = get_search_backend(
        "default", **search_backends(SQLITE, elasticsearch_url="http://es:9200")["default"]
    )
    opensearch = get_search_backend(
        "default", **search_backends(SQLITE, opensearch_url="http://os:9200")["default"]
    )
    # Wagtail's engine backends, with the database fallback for the admin's searches.
    assert isinstance(elastic, Elasticsearch8SearchBackend)
    assert isinstance(opensearch, OpenSearch3SearchBackend)
    assert isinstance(elastic, DatabaseFallbackBackend) and isinstance(opensearch, DatabaseFallbackBackend)
    assert elastic.settings == opensearch.settings
    assert elastic.settings["settings"]["analysis"]["analyzer"]["default"]["filter"] == [
        "lowercase",
        "english_stop",
        "russian_stop",
        "english_stemmer",
        "russian_stemmer",
    ]


def test_a_client_of_another_major_version_is_reported_at_start(settings):
    settings.ELASTICSEARCH_URL = "http://es:9200"
    settings.ELASTICSEARCH_MAJOR = 9
    errors = [error for error in run_checks() if error.id == "search.E001"]
    assert errors and "pip install 'elasticsearch>=9,<10'" in errors[0].hint
    settings.ELASTICSEARCH_MAJOR = 8
    assert not [error for error in run_checks() if error.id == "search.E001"]


@pytest.mark.parametrize("words, stem", [("sanctions sanction", "sanction"), ("санкциям санкции", "санкц")])
def test_the_engine_reduces_english_and_russian_word_forms_to_one_stem(words, stem):
    require_service(
        ENGINE_CONFIGURED and engine_reachable(), "no search engine: set OPENSEARCH_URL (make search-engine)"
    )
    backend = search_backend("default")
    index = f"{backend.index_prefix}site_search_searchentry"
    tokens = backend.es.indices.analyze(index=index, body={"text": words, "analyzer": "default"})["tokens"]
    assert {token["token"] for token in tokens} == {stem}
