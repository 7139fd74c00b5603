"""Elasticsearch 9, answering from the database when the engine fails."""

from elasticsearch import ApiError, TransportError
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchResults,
)

from search.engine_documents import PlannedDocumentMapping
from search.fallback import DatabaseFallbackBackend, DatabaseFallbackResults


class SearchResults(DatabaseFallbackResults, Elasticsearch9SearchResults):
    # TransportError: the server was not reached or did not answer in time; ApiError: it answered
    # with an error status.
    engine_errors = (TransportError, ApiError)


class Mapping(PlannedDocumentMapping, Elasticsearch9Mapping):
    pass


class SearchBackend(DatabaseFallbackBackend, Elasticsearch9SearchBackend):
    results_class = SearchResults
    mapping_class = Mapping
