"""Running one search on the engine, or on the database when the engine cannot answer.

The engine (Elasticsearch/OpenSearch) is the ``default`` backend when configured; the database
backend is always configured beside it and kept up to date. A search that fails on the engine
is logged and run again on the database, and the engine is then left alone for a short while,
so that an outage costs one slow request, not one per reader.
"""

import logging
from collections import Counter
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F
from wagtail.search.backends import get_search_backend

from config.search_backends import DATABASE_ALIAS, ENGINE_ALIAS

logger = logging.getLogger(__name__)

ENGINE_PAUSE_KEY = "search-engine-paused"
ENGINE_PAUSE_SECONDS = 30


def uses_engine(backend):
    return hasattr(backend, "es")


@lru_cache(maxsize=8)
def _backend(alias, config):
    backend = get_search_backend(alias)
    # Advanced Search falls back itself, to tell readers so. The engine's own fallback
    # (search/fallback) serves Wagtail's admin, which makes backend instances of its own.
    backend.falls_back = False
    return backend


def search_backend(alias):
    """One backend instance per configuration, so the engine's client and its connections are
    reused from request to request."""
    return _backend(alias, repr(settings.WAGTAILSEARCH_BACKENDS.get(alias)))


def engine_configured():
    return uses_engine(search_backend(ENGINE_ALIAS))


def pause_engine():
    cache.set(ENGINE_PAUSE_KEY, True, ENGINE_PAUSE_SECONDS)


def resume_engine():
    cache.delete(ENGINE_PAUSE_KEY)


def engine_paused():
    return bool(cache.get(ENGINE_PAUSE_KEY))


def backend_aliases():
    """The backends to try, in order: the engine (unless paused after a failure), then the database."""
    if not engine_configured():
        return [ENGINE_ALIAS]
    if engine_paused():
        return [DATABASE_ALIAS]
    return [ENGINE_ALIAS, DATABASE_ALIAS]


def date_order(backend):
    """order_by() arguments for newest first, undated entries (experts, pages) last, in the form
    each backend accepts: the engines take field names only and put missing values last."""
    if uses_engine(backend):
        return ("-date",)
    return (F("date").desc(nulls_last=True), "-id")


def engine_facets(results, fields):
    """{facet name: Counter(value → number of results)} for the engine's whole result set, not
    one page. ``fields`` maps facet names to filter fields; a name with ``__`` (``regions__slug``)
    counts through a many-to-many relation."""
    mapping = results.query_compiler.mapping
    aggregations = {}
    for name, path in fields.items():
        if "__" in path:
            relation, field = path.split("__")
            nested_field = mapping.get_field_column_name(
                _filter_field(results.query_compiler.queryset.model, relation)
            )
            aggregations[name] = {
                "nested": {"path": nested_field},
                "aggs": {"values": {"terms": {"field": f"{nested_field}.{field}_filter", "size": 100}}},
            }
        else:
            column = mapping.get_field_column_name(results.query_compiler._get_filterable_field(path))
            aggregations[name] = {"terms": {"field": column, "size": 100}}
    body = results._get_es_body()
    body["aggregations"] = aggregations
    index_name = results.backend.get_index_for_model(results.query_compiler.queryset.model).name
    response = results._backend_do_search(body, index=index_name, size=0)
    counts = {}
    for name, aggregation in response["aggregations"].items():
        buckets = aggregation["values"]["buckets"] if "values" in aggregation else aggregation["buckets"]
        counts[name] = Counter({bucket["key"]: bucket["doc_count"] for bucket in buckets})
    return counts


def _filter_field(model, relation):
    return next(field for field in model.search_fields if getattr(field, "field_name", None) == relation)


def database_facets(matches, fields):
    """The same counts on the database, for a queryset of the matching entries."""
    matches = matches.order_by()
    return {
        name: Counter(
            {
                row[path]: row["count"]
                for row in matches.values(path).annotate(count=Count("pk", distinct=True))
                if row[path] is not None
            }
        )
        for name, path in fields.items()
    }


def ensure_engine_indexes(reset=False):
    """Create the engine's indexes with their mappings where they do not exist yet (``reset``:
    drop and create them empty).

    Adding documents to a missing index would let the engine guess the field types, and its
    guesses (text for the filter fields) cannot sort or count facets."""
    from wagtail.search.backends import get_search_backends
    from wagtail.search.index import get_indexed_models

    for backend in get_search_backends(with_auto_update=True):
        if not uses_engine(backend):
            continue
        for model in get_indexed_models():
            index = backend.get_index_for_model(model)
            if reset and index.exists():
                # After update_index the name is an alias of a "name_suffix" index: delete what it points to.
                concrete = list(backend.es.indices.get(index=index.name))
                backend.es.indices.delete(index=",".join(concrete))
            if not index.exists():
                index.put()
            index.add_model(model)
