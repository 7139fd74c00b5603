"""Every change that decides whether, where or how a page or document shows in search.

Most changes are written by the worker. A new view restriction is not: what it hides leaves search
in the request that set it (``withdraw``), so no reader finds it while the queue waits.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from experts.models import ExpertPage
from pages.models import ArticlePage, Region, Topic
from search import fulltext
from search.models import SearchEntry
from search.tasks import (
    remove_from_engines,
    update_document_entries,
    update_page_entries,
    update_subtree_entries,
)


def page_published_handler(instance, **kwargs):
    page_ids = [instance.pk]
    if isinstance(instance, ExpertPage):
        # Bylines carry the expert's name and title.
        page_ids += ArticlePage.objects.filter(authors__expert=instance).values_list("pk", flat=True)
    update_page_entries.enqueue(page_ids)


def page_subtree_handler(instance, **kwargs):
    update_subtree_entries.enqueue(instance.pk)


REMOVAL_BATCH = 500


class _Withdrawal(threading.local):
    entry_ids = None  # collecting the ids of the entries being withdrawn


withdrawal = _Withdrawal()


def withdraw(entries):
    """Takes these entries out of search now: their rows and the database's full-text index in this
    transaction. The engine's copies go on the worker (one request per entry would hold up the
    editor); until then the engine's hits on them find no row and are left out of every result."""
    withdrawal.entry_ids = []
    try:
        with transaction.atomic():
            entries.delete()
            ids = withdrawal.entry_ids
            for start in range(0, len(ids), REMOVAL_BATCH):
                fulltext.remove(ids[start : start + REMOVAL_BATCH])
    finally:
        withdrawal.entry_ids = None
    if ids:
        remove_from_engines.enqueue(ids)


def page_restriction_saved(instance, raw=False, **kwargs):
    if raw:
        return
    withdraw(SearchEntry.objects.filter(page__path__startswith=instance.page.path))
    update_subtree_entries.enqueue(instance.page_id)


def page_restriction_deleted(instance, **kwargs):
    # After the commit: when the page itself is being deleted, there is nothing left to index.
    page_id = instance.page_id
    transaction.on_commit(lambda: update_subtree_entries.enqueue(page_id))


def document_handler(instance, **kwargs):
    if not kwargs.get("raw"):
        update_document_entries.enqueue([instance.pk])


def collection_restriction_saved(instance, raw=False, **kwargs):
    if raw:
        return
    withdraw(SearchEntry.objects.filter(document__collection__path__startswith=instance.collection.path))
    update_document_entries.enqueue()


def collection_restriction_deleted(**kwargs):
    update_document_entries.enqueue()


def term_saved(sender, instance, raw=False, created=False, **kwargs):
    """Entries carry their regions' and topics' names: a renamed term rewrites the entries filed under it."""
    if raw or created:
        return
    relation = "regions" if sender is Region else "topics"
    page_ids = list(
        SearchEntry.objects.filter(**{relation: instance}, page__isnull=False).values_list(
            "page_id", flat=True
        )
    )
    if page_ids:
        transaction.on_commit(lambda: update_page_entries.enqueue(page_ids))


def entry_deleted_handler(instance, **kwargs):
    if withdrawal.entry_ids is not None:
        withdrawal.entry_ids.append(instance.pk)
        return
    fulltext.remove([instance.pk])
    index.remove_object(instance)


def connect():
    page_published.connect(page_published_handler, dispatch_uid="search-page-published")
    page_unpublished.connect(page_subtree_handler, dispatch_uid="search-page-unpublished")
    post_page_move.connect(page_subtree_handler, dispatch_uid="search-page-moved")
    post_save.connect(
        page_restriction_saved, sender=PageViewRestriction, dispatch_uid="search-restriction-saved"
    )
    post_delete.connect(
        page_restriction_deleted, sender=PageViewRestriction, dispatch_uid="search-restriction-deleted"
    )
    post_save.connect(
        collection_restriction_saved, sender=CollectionViewRestriction, dispatch_uid="search-collection-saved"
    )
    post_delete.connect(
        collection_restriction_deleted,
        sender=CollectionViewRestriction,
        dispatch_uid="search-collection-deleted",
    )
    for term_model in (Region, Topic):
        post_save.connect(term_saved, sender=term_model, dispatch_uid=f"search-term-{term_model.__name__}")
    post_save.connect(document_handler, sender=get_document_model(), dispatch_uid="search-document-saved")
    post_delete.connect(entry_deleted_handler, sender=SearchEntry, dispatch_uid="search-entry-deleted")
