"""Related analysis from the search engine: its more-like-this query over the search entries.

The entries index holds only live, public pages, so what the engine proposes is already what
every reader may see; ``pages.related`` checks it against the database all the same. The article
is described by its own text (not by its entry), so members-only briefings, which have no entry,
get related analysis too.
"""

from django.db.models import F

from config.search_backends import ENGINE_ALIAS
from search.backends import engine_paused, pause_engine, search_backend, uses_engine
from search.models import EntryKind, SearchEntry

ARTICLE_KINDS = [
    EntryKind.NEWS,
    EntryKind.PUBLICATION,
    EntryKind.REVIEW,
    EntryKind.PRESENTATION,
    EntryKind.PRESS,
]
TEXT_LIMIT = 5_000  # characters of the article's body the engine compares


def _article_text(article):
    body = " ".join(article._meta.get_field("body").get_searchable_content(article.body))
    return body[:TEXT_LIMIT]


def more_like_this(article, candidates, count):
    """The ``candidates`` (article pages) most like ``article`` in its language, best first; None
    without an engine (or while it is paused after a failure)."""
    backend = search_backend(ENGINE_ALIAS)
    if not uses_engine(backend) or engine_paused():
        return None
    index = backend.get_index_for_model(SearchEntry)
    query = {
        "bool": {
            "must": {
                "more_like_this": {
                    "fields": ["title", "summary", "body"],
                    "like": [
                        {
                            "_index": index.name,
                            "doc": {
                                "title": article.title,
                                "summary": article.summary,
                                "body": _article_text(article),
                            },
                        }
                    ],
                    "min_term_freq": 1,
                    "min_doc_freq": 1,
                    "max_query_terms": 40,
                }
            },
            "filter": [
                {"term": {"locale_id_filter": article.locale_id}},
                {"terms": {"kind_filter": [str(kind) for kind in ARTICLE_KINDS]}},
            ],
        }
    }
    body = {"query": query, "size": count + 1, "_source": False}
    try:
        if getattr(
            backend, "use_new_elasticsearch_api", False
        ):  # the 8.x/9.x clients take the body's keys one by one
            response = backend.es.search(index=index.name, **body)
        else:
            response = backend.es.search(index=index.name, body=body)
    except Exception:
        pause_engine()
        raise
    rank = {int(hit["_id"]): place for place, hit in enumerate(response["hits"]["hits"])}
    found = candidates.filter(search_entry__pk__in=rank).annotate(entry_id=F("search_entry__pk"))
    return sorted(found, key=lambda page: rank[page.entry_id])[:count]


def connect():
    from pages.related import use_finder

    use_finder(more_like_this)
