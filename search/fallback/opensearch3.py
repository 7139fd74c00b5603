"""OpenSearch 2.x and 3.x (opensearch-py 3), answering from the database when the engine fails."""

from modelsearch.backends.opensearch3 import (
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchResults,
)
from opensearchpy.exceptions import TransportError

from search.engine_documents import PlannedDocumentMapping
from search.fallback import DatabaseFallbackBackend, DatabaseFallbackResults


class SearchResults(DatabaseFallbackResults, OpenSearch3SearchResults):
    # Connection failures and timeouts, and every error status the server answers with.
    engine_errors = (TransportError,)


class Mapping(PlannedDocumentMapping, OpenSearch3Mapping):
    pass


class SearchBackend(DatabaseFallbackBackend, OpenSearch3SearchBackend):
    results_class = SearchResults
    mapping_class = Mapping
