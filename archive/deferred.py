"""Work a save normally triggers that an import run puts off and does once, at the end.

Saving a page updates Wagtail's search index, the site's search entries and Wagtail's
reference index; an imported record is saved two or three times (page, translation, links
made once their targets exist), so doing that per save costs more than the import itself.
During a run these updates are off; ``catch_up`` then writes them for the imported pages only,
in batches, as ``update_index`` and ``rebuild_references_index`` would.

"Off" holds for the run's own context only (a context variable, as Wagtail's own switch for
the reference index is): a web request served by the same process meanwhile, in another
thread, still updates search as usual. The search handlers are wrapped once, on the first
run, by guards that ask the variable and otherwise call the handler unchanged.
"""

import threading
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_save
from modelcluster.models import get_all_child_relations
from modelsearch import signal_handlers as modelsearch_signals
from modelsearch.index import get_indexed_models
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from archive import kinds
from core.title_norms import title_norms_once
from search.entries import sync_pages
from search.signals import page_published_handler

BATCH = 500
PUBLISHED_UID = "search-page-published"  # the dispatch_uid search.signals connects with

_deferring = ContextVar("archive_updates_deferred", default=False)
_guards_lock = threading.Lock()
_guards_installed = False


def deferring():
    """True inside an import run's ``updates_deferred`` block (in its thread or task only)."""
    return _deferring.get()


def _guarded(handler):
    def guard(*args, **kwargs):
        if not _deferring.get():
            return handler(*args, **kwargs)
        return None

    guard.__name__ = f"guarded_{handler.__name__}"
    return guard


_index_on_save = _guarded(modelsearch_signals.post_save_signal_handler)
_entries_on_publish = _guarded(page_published_handler)


def _install_guards():
    """Swap the search handlers for their guards (once per process; behaviour outside runs is unchanged)."""
    global _guards_installed
    with _guards_lock:
        if _guards_installed:
            return
        for model in get_indexed_models():
            if post_save.disconnect(modelsearch_signals.post_save_signal_handler, sender=model):
                post_save.connect(_index_on_save, sender=model, weak=False)
        if page_published.disconnect(dispatch_uid=PUBLISHED_UID):
            page_published.connect(_entries_on_publish, dispatch_uid=PUBLISHED_UID, weak=False)
        _guards_installed = True


@contextmanager
def updates_deferred():
    _install_guards()
    token = _deferring.set(True)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _deferring.reset(token)


def catch_up(page_ids, log):
    """Search index, search entries and reference index of these pages, as if each had been saved."""
    page_ids = sorted(page_ids)
    if not page_ids:
        return
    log(f"Indexing {len(page_ids)} pages for search and references…")
    backends = list(get_search_backends(with_auto_update=True))
    for model in kinds.PAGE_MODELS.values():
        ids = list(model.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
        # The reference index reads every child relation of a page: read them per batch instead.
        children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        indexes = [backend.get_index_for_model(model) for backend in backends]
        with title_norms_once(indexes):
            for start in range(0, len(ids), BATCH):
                batch = list(
                    model.objects.filter(pk__in=ids[start : start + BATCH]).prefetch_related(*children)
                )
                for index in indexes:
                    index.add_items(model, batch)
                for page in batch:
                    ReferenceIndex.create_or_update_for_object(page)
    sync_pages(page_ids)
