"""Work a save normally triggers that an import run puts off and does once, at the end.

Saving a page updates Wagtail's search index, the site's search entries and Wagtail's
reference index; an imported record is saved two or three times (page, translation, links
made once their targets exist), so doing that per save costs more than the import itself.
During a run these updates are off; ``catch_up`` then writes them for the imported pages only,
in batches, as ``update_index`` and ``rebuild_references_index`` would.
"""

from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db.models.signals import post_save
from django.test.utils import override_settings
from modelsearch import signal_handlers as modelsearch_signals
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from archive import kinds
from search.entries import sync_pages
from search.signals import page_published_handler

BATCH = 500
PUBLISHED_UID = "search-page-published"  # the dispatch_uid search.signals connects with


@contextmanager
def _disconnected(signal, handler, senders=(None,), dispatch_uid=None):
    """A signal handler off for the block. Process-wide: a run is all its process does then
    (the command, or one task on the worker)."""
    for sender in senders:
        signal.disconnect(handler, sender=sender, dispatch_uid=dispatch_uid)
    try:
        yield
    finally:
        for sender in senders:
            signal.connect(handler, sender=sender, dispatch_uid=dispatch_uid)


@contextmanager
def updates_deferred():
    backends = {
        name: dict(config, AUTO_UPDATE=False) for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with ExitStack() as stack:
        stack.enter_context(override_settings(WAGTAILSEARCH_BACKENDS=backends))
        # The index task would find no backend to update, but it loads the page again first.
        stack.enter_context(
            _disconnected(post_save, modelsearch_signals.post_save_signal_handler, kinds.PAGE_MODELS.values())
        )
        stack.enter_context(_disconnected(page_published, page_published_handler, dispatch_uid=PUBLISHED_UID))
        stack.enter_context(disable_reference_index_auto_update())
        yield


def catch_up(page_ids, log):
    """Search index, search entries and reference index of these pages, as if each had been saved."""
    page_ids = sorted(page_ids)
    if not page_ids:
        return
    log(f"Indexing {len(page_ids)} pages for search and references…")
    backends = list(get_search_backends(with_auto_update=True))
    for model in kinds.PAGE_MODELS.values():
        ids = list(model.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = list(model.objects.filter(pk__in=ids[start : start + BATCH]))
            for backend in backends:
                backend.add_bulk(model, batch)
            for page in batch:
                ReferenceIndex.create_or_update_for_object(page)
    sync_pages(page_ids)
