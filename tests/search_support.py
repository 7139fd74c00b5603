"""Running the search tests on each backend: the database always, the engine when one is set.

``search_backend`` switches the site to one backend for a test: "database" configures the
database backend alone (as a site without an engine runs); "engine" keeps the configured
Elasticsearch/OpenSearch as default, which needs OPENSEARCH_URL or ELASTICSEARCH_URL.
"""

import pytest
from django.conf import settings as django_settings
from django.db import connection

from config.search_backends import ENGINE_ALIAS, database_backend
from search.backends import search_backend, uses_engine
from tests.conftest import require_service

ENGINE_CONFIGURED = "URLS" in django_settings.WAGTAILSEARCH_BACKENDS[ENGINE_ALIAS]


def engine_reachable():
    backend = search_backend(ENGINE_ALIAS)
    try:
        return uses_engine(backend) and backend.es.ping()
    except Exception:
        return False


def refresh_engine():
    """Make what was just indexed searchable (engines publish new documents about once a second)."""
    backend = search_backend(ENGINE_ALIAS)
    if uses_engine(backend):
        backend.es.indices.refresh(index=f"{backend.index_prefix}*")


@pytest.fixture(params=["database", "engine"])
def search_backend_name(request, settings):
    if request.param == "engine":
        require_service(
            ENGINE_CONFIGURED and engine_reachable(),
            "no search engine: set OPENSEARCH_URL (make search-engine) or ELASTICSEARCH_URL",
        )
    else:
        settings.WAGTAILSEARCH_BACKENDS = {ENGINE_ALIAS: database_backend(connection.settings_dict["ENGINE"])}
    return request.param
