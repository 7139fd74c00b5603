"""Elasticsearch 8, answering from the database when the engine fails."""

from elasticsearch import ApiError, TransportError
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchResults,
)

from search.engine_documents import PlannedDocumentMapping
from search.fallback import DatabaseFallbackBackend, DatabaseFallbackResults


class SearchResults(DatabaseFallbackResults, Elasticsearch8SearchResults):
    # TransportError: the server was not reached or did not answer in time; ApiError: it answered
    # with an error status.
    engine_errors = (TransportError, ApiError)


class Mapping(PlannedDocumentMapping, Elasticsearch8Mapping):
    pass


class SearchBackend(DatabaseFallbackBackend, Elasticsearch8SearchBackend):
    results_class = SearchResults
    mapping_class = Mapping
