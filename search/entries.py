"""Keeps the search entries in step with the pages and documents readers may see.

``sync_pages`` and ``sync_documents`` take any set of ids and, for each, write the entry of a
live, public, searchable item or remove the entry of anything else (draft, restricted, of a
kind search does not show). They work in batches with a fixed number of queries per batch,
so the same code serves one page being published and a full rebuild of 100,000 articles.
"""

import logging
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backends_with_name

from core.search_text import rich_text_to_text, stream_text
from core.visibility import restricted_paths_now
from experts.authorship import ExpertLinksMixin
from experts.models import ExpertPage
from forum.models import ForumTopicPage
from pages.models import ArticlePage, EventPage, MapPage, Region, StandardPage, Topic
from search import fulltext
from search.backends import uses_engine
from search.models import EntryKind, SearchEntry
from shop.models import ProductPage

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
BODY_LIMIT = 20_000  # characters of body text kept for matching and snippets


def _article_fields(page):
    return {
        "kind": page.kind,
        "summary": page.summary,
        "byline": page.authors_line,
        "body": stream_text(page),
        "date": page.date,
    }, [author.expert_id for author in page.authors.all()]


def _event_fields(page):
    return {
        "kind": EntryKind.EVENT,
        "summary": page.summary,
        "byline": page.venue,
        "body": stream_text(page),
        "date": timezone.localdate(page.start),
    }, []


def _map_fields(page):
    published = page.first_published_at
    return {
        "kind": EntryKind.MAP,
        "summary": rich_text_to_text(page.description),
        "byline": page.source,
        "body": "",
        "date": timezone.localdate(published) if published else None,
    }, []


def _expert_fields(page):
    return {
        "kind": EntryKind.EXPERT,
        "summary": ", ".join(part for part in (page.job_title, page.affiliation) if part),
        "byline": "",
        "body": rich_text_to_text(page.bio),
        "date": None,
    }, [page.pk]


def _standard_fields(page):
    return {
        "kind": EntryKind.PAGE,
        "summary": page.intro,
        "byline": "",
        "body": stream_text(page),
        "date": None,
    }, []


def _debate_fields(page):
    started = page.first_published_at
    experts = [link.expert for link in page.invited_experts.all()]
    return {
        "kind": EntryKind.DEBATE,
        "summary": "",
        "byline": ", ".join(expert.title for expert in experts),
        "body": stream_text(page, "opening_statement"),
        "date": timezone.localdate(started) if started else None,
    }, [expert.pk for expert in experts]


def _product_fields(page):
    return {
        "kind": EntryKind.PRODUCT,
        "summary": rich_text_to_text(page.description),
        "byline": page.authors_line,
        "body": "",
        "date": None,
    }, [author.expert_id for author in page.authors.all()]


def _page_types():
    """(model, how it becomes entry fields) for every searchable page type."""
    return [
        (ArticlePage, _article_fields),
        (EventPage, _event_fields),
        (MapPage, _map_fields),
        (ExpertPage, _expert_fields),
        (StandardPage, _standard_fields),
        (ForumTopicPage, _debate_fields),
        (ProductPage, _product_fields),
    ]


def _is_public(page, private_paths):
    return not any(page.path.startswith(path) for path in private_paths)


def _term_ids(model, relation, page_ids):
    """{page id: [term ids]} of one taxonomy relation, from its link table in one query (the ORM's
    prefetch builds a queryset per page); empty for a page type without that relation."""
    try:
        field = model._meta.get_field(relation)
    except FieldDoesNotExist:
        return {}
    page_column, term_column = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    links = field.remote_field.through.objects.filter(**{f"{page_column}__in": page_ids})
    terms = defaultdict(list)
    for page_id, term_id in links.values_list(page_column, term_column):
        terms[page_id].append(term_id)
    return terms


def _ids_by_model(page_ids):
    """{page model: ids} of the pages among the ids, so that each page type is asked for its own
    pages only, not for every id of the batch (the ORM prepares each id of a list on its own)."""
    ids = defaultdict(list)
    for pk, content_type_id in Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:  # None: a page type whose code is gone, never searchable
            ids[model].append(pk)
    return ids


def _page_entries(page_ids):
    """(entry fields, region ids, topic ids, expert ids) for each searchable page among the ids."""
    # Read from the database, not a cache: what reaches an index must follow the restrictions as they are.
    private_paths = restricted_paths_now()
    ids_by_model = _ids_by_model(page_ids)
    for model, to_fields in _page_types():
        ids = [pk for page_model, pks in ids_by_model.items() if issubclass(page_model, model) for pk in pks]
        if not ids:
            continue
        pages = [page for page in model.objects.live().filter(pk__in=ids) if _is_public(page, private_paths)]
        if not pages:
            continue
        if issubclass(model, ExpertLinksMixin):
            model.attach_expert_names(pages)
        found = [page.pk for page in pages]
        regions, topics = _term_ids(model, "regions", found), _term_ids(model, "topics", found)
        names = _term_names(regions, topics)
        for page in pages:
            fields, experts = to_fields(page)
            page_regions, page_topics = regions.get(page.pk, []), topics.get(page.pk, [])
            fields.update(
                page_id=page.pk,
                locale_id=page.locale_id,
                title=page.title,
                url=page.get_url(),
                terms=" ".join(
                    _shown(names[Region], page_regions, page.locale_id)
                    + _shown(names[Topic], page_topics, page.locale_id)
                ),
            )
            yield fields, page_regions, page_topics, experts


def _term_names(regions, topics):
    """{Region: {id: (locale id, name)}, Topic: ...} for the published terms of a batch, one query
    per kind: a draft term (a translation not published yet) gives an entry no words."""
    names = {}
    for model, links in ((Region, regions), (Topic, topics)):
        ids = {pk for pks in links.values() for pk in pks}
        terms = model.objects.filter(pk__in=ids, live=True).values_list("pk", "locale_id", "name")
        names[model] = {pk: (locale_id, name) for pk, locale_id, name in terms} if ids else {}
    return names


def _shown(names, term_ids, locale_id):
    """The names of the terms among ``term_ids`` that readers of the locale meet (as on the page)."""
    return [names[pk][1] for pk in term_ids if pk in names and names[pk][0] == locale_id]


def _document_entries(document_ids):
    # A restriction holds for the collections below its own as well.
    private_paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    documents = get_document_model().objects.filter(pk__in=document_ids).select_related("collection")
    for document in documents:
        if document.collection.path.startswith(tuple(private_paths)):
            continue
        fields = {
            "document_id": document.pk,
            "locale_id": None,
            "kind": EntryKind.DOCUMENT,
            "title": document.title,
            "summary": document.collection.name if document.collection.depth > 1 else "",
            "byline": "",
            "terms": "",
            "body": "",
            "url": document.url,
            "date": timezone.localdate(document.created_at),
        }
        yield fields, [], [], []


ENTRY_FIELDS = ["locale", "kind", "title", "summary", "byline", "terms", "body", "url", "date", "year"]


def _write(owner_field, ids, rows, send):
    """Replace the entries owned by ``ids`` (pages or documents) with ``rows``; index the result
    in the database's full-text index, then hand the written entries to ``send``."""
    rows = list(rows)
    with transaction.atomic():
        existing = {
            getattr(entry, owner_field): entry
            for entry in SearchEntry.objects.filter(**{f"{owner_field}__in": ids})
        }
        entries = []
        for fields, *_links in rows:
            fields["body"] = fields["body"][:BODY_LIMIT]
            fields["year"] = fields["date"].year if fields["date"] else None
            entry = existing.pop(fields[owner_field], None) or SearchEntry()
            for name, value in fields.items():
                # Lazy translations become text, as a read from the database would give them.
                setattr(entry, name, str(value) if isinstance(value, Promise) else value)
            entries.append(entry)
        # An upsert by id rewrites existing entries in one statement (bulk_update's CASE per row and
        # field costs more than building the entries).
        SearchEntry.objects.bulk_create(
            [entry for entry in entries if entry.pk],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=ENTRY_FIELDS,
        )
        SearchEntry.objects.bulk_create([entry for entry in entries if not entry.pk])
        _replace_links(entries, rows)
        # What is left in ``existing`` is no longer searchable (unpublished, restricted, moved away).
        stale = list(existing.values())
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in stale]).delete()
        fulltext.write(entries)
    send(entries)
    return len(entries)


def _replace_links(entries, rows):
    entry_ids = [entry.pk for entry in entries]
    for position, relation in enumerate(("regions", "topics", "experts"), start=1):
        field = SearchEntry._meta.get_field(relation)
        through = field.remote_field.through
        target = f"{field.m2m_reverse_field_name()}_id"
        # Only what changed is written: in a full rebuild that is next to nothing.
        existing = {
            (entry_id, linked): link_id
            for link_id, entry_id, linked in through.objects.filter(searchentry_id__in=entry_ids).values_list(
                "id", "searchentry_id", target
            )
        }
        wanted = {
            (entry.pk, linked) for entry, row in zip(entries, rows, strict=True) for linked in row[position]
        }
        through.objects.filter(pk__in=[existing[pair] for pair in existing.keys() - wanted]).delete()
        through.objects.bulk_create(
            through(searchentry_id=entry_id, **{target: linked})
            for entry_id, linked in wanted - existing.keys()
        )


def index_in_engines(entries):
    """Send new and changed entries to the engine (deleted ones leave through the post_delete
    signal); on the database they are in search.fulltext already. An engine that is down is
    logged and skipped, and ``manage.py update_index`` brings it back in step."""
    engines = [
        (name, backend)
        for name, backend in get_search_backends_with_name(with_auto_update=True)
        if uses_engine(backend)
    ]
    if not entries or not engines:
        return
    SearchEntry.attach_filter_slugs(entries)
    for name, backend in engines:
        try:
            backend.add_bulk(SearchEntry, entries)
        except Exception:
            if not backend.catch_indexing_errors:
                raise
            logger.exception("Could not update the '%s' search backend", name)


def _in_batches(ids):
    ids = list(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def _sync(column, ids, entries_for, progress, send):
    written = 0
    for batch in _in_batches(ids):
        written += _write(column, batch, entries_for(batch), send)
        if progress:
            progress(len(batch))
    return written


def sync_pages(page_ids, progress=None, send=index_in_engines):
    """Write or remove the entries of these pages; returns how many entries they now have.
    ``send`` takes each batch of written entries: by default the engine's live index; a rebuild
    sends them to the index it is filling."""
    return _sync("page_id", page_ids, _page_entries, progress, send)


def sync_documents(document_ids, progress=None, send=index_in_engines):
    """Write or remove the entries of these documents; returns how many entries they now have."""
    return _sync("document_id", document_ids, _document_entries, progress, send)


def sync_subtree(page):
    """Entries of a page and everything under it (after a move, a restriction change, an unpublish)."""
    sync_pages(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
