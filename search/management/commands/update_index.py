"""``manage.py update_index``: rewrite the search entries (and with them the database's full-text
index) from the pages and documents, then rebuild every search backend's index, with progress.

Every backend's new indexes are started first. Each batch of entries goes on to the engine's new
index as it is written; then each other model is read once, in keyset batches, and each batch
goes to every index that holds the model, so an object's text is worked out once for all. The engine
takes its batches with its bulk API, sent in the background while the next batch is read, and
its new index is refreshed once, at the end, before it replaces the old one. The database backend
(Wagtail's, for the admin's searches) gets every indexed model except the entries, which
search.fulltext serves, and works its title norms out once, at the end, not after every batch.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import transaction
from modelsearch.conf import get_app_config
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex
from wagtail.search.management.commands.update_index import group_models_by_index

from core.progress import progress_reporter
from core.search_text import texts_kept_for_batch
from core.title_norms import defer_title_norms
from search.backends import uses_engine
from search.entries import sync_documents, sync_pages
from search.models import SearchEntry

REBUILD_TIMEOUT = 300  # seconds
BATCH = 1000  # entries that belong to no page or document, sent at a time


@dataclass
class _Rebuild:
    """One index being rebuilt: where it lives, its rebuilder and the models it holds."""

    backend_name: str
    engine: bool
    label: str
    index: object
    rebuilder: object
    models: list
    count: int = field(default=0)

    def take(self, model, objects, sender):
        """One batch: written into the database index now, or handed to ``sender`` for the engine."""
        self.count += len(objects)
        if self.engine:
            mapping = self.index.mapping_class(model)
            sender.send(
                self.index,
                [{"_id": mapping.get_document_id(obj), **mapping.get_document(obj)} for obj in objects],
            )
        else:
            self.index.add_items(model, objects)


class Command(WagtailUpdateIndex):
    help = "Rewrite the search entries from the live public pages and documents, then rebuild the search indexes."

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        configured = get_app_config().get_search_backend_config()
        names = [options["backend_name"]] if options["backend_name"] else list(configured)
        rebuilds = [rebuild for name in names for rebuild in self._start(name)]
        filling = [] if options["schema_only"] else rebuilds
        # The engine takes a batch in about the time the next one takes to build: each batch is
        # sent in the background while the next is read and written to the database.
        with _BackgroundSender() as sender:
            self._write_entries([r for r in filling if SearchEntry in r.models], sender)
            for model in _models_of(filling):
                if model is not SearchEntry:
                    self._add_objects(
                        model, [r for r in filling if model in r.models], options["chunk_size"], sender
                    )
        for rebuild in rebuilds:
            if rebuild.engine:
                rebuild.index.es.indices.put_settings(
                    index=rebuild.index.name, body={"index": {"refresh_interval": None}}
                )
            rebuild.rebuilder.finish()
            self.write(f"{rebuild.label}: {rebuild.count} objects indexed")

    def _write_entries(self, rebuilds, sender):
        """Rewrite the search entries; each batch goes on to the engine indexes being filled as it is
        written, so the engine takes them while the next pages are read."""

        def send(entries):
            if entries and rebuilds:
                SearchEntry.attach_filter_slugs(entries)
                for rebuild in rebuilds:
                    rebuild.take(SearchEntry, entries, sender)

        page_ids = list(Page.objects.values_list("pk", flat=True).order_by("pk"))
        document_ids = list(get_document_model().objects.values_list("pk", flat=True).order_by("pk"))
        self.write(f"Writing search entries for {len(page_ids)} pages and {len(document_ids)} documents…")
        written = sync_pages(page_ids, progress_reporter(self.write, "pages", len(page_ids)), send)
        written += sync_documents(
            document_ids, progress_reporter(self.write, "documents", len(document_ids)), send
        )
        self.write(f"{written} search entries written; rebuilding the other indexes.")
        # Entries that belong to no page or document (the benchmark's copies) are kept as they are.
        if rebuilds:
            for chunk in _chunks(SearchEntry.objects.filter(page=None, document=None).order_by("pk"), BATCH):
                send(chunk)

    def _start(self, backend_name):
        """Begin rebuilding each index of one backend: new, empty indexes that know their models."""
        backend = get_search_backend(backend_name)
        if not backend.rebuilder_class:
            self.write(f"{backend_name}: nothing to rebuild")
            return []
        engine = uses_engine(backend)
        if engine:
            # Bulk batches and the final refresh take longer than a reader's search may wait.
            backend = get_search_backend(backend_name, TIMEOUT=REBUILD_TIMEOUT)
        models = [model for model in get_indexed_models() if engine or model is not SearchEntry]
        rebuilds = []
        for index, index_models in group_models_by_index(backend, models).items():
            label = f"{backend_name}: {index.name if engine else 'database index'}"
            rebuilder = backend.rebuilder_class(index)
            index = rebuilder.start()
            for model in index_models:
                index.add_model(model)
            if engine:
                # Refreshing while filling only costs time: the new index is read after finish().
                backend.es.indices.put_settings(index=index.name, body={"index": {"refresh_interval": "-1"}})
            else:
                defer_title_norms(index)  # the rebuilder's finish() works them out over the table
            rebuilds.append(_Rebuild(backend_name, engine, label, index, rebuilder, index_models))
        return rebuilds

    def _add_objects(self, model, rebuilds, chunk_size, sender):
        objects = model.get_indexed_objects().order_by("pk")
        total = objects.count()
        if not total:
            return
        names = ", ".join(sorted({rebuild.backend_name for rebuild in rebuilds}))
        report = progress_reporter(self.write, f"{model._meta.label} ({names})", total)
        for chunk in _chunks(objects, chunk_size):
            with transaction.atomic(), texts_kept_for_batch():
                for rebuild in rebuilds:
                    rebuild.take(model, chunk, sender)
            report(len(chunk))


class _BackgroundSender:
    """Sends engine batches one at a time on a background thread. Each new batch waits for the one
    before, so a failed batch stops the rebuild before the next goes."""

    def __enter__(self):
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._pending = None
        return self

    def send(self, index, actions):
        """Send bulk actions to an engine index in the background, once the batch before has gone."""
        self._wait()
        self._pending = self._pool.submit(index.backend.bulk, index.es, actions, index=index.name)

    def _wait(self):
        if self._pending is not None:
            self._pending.result()
            self._pending = None

    def __exit__(self, error_type, error, traceback):
        try:
            if error_type is None:
                self._wait()
        finally:
            self._pool.shutdown(wait=True)


def _models_of(rebuilds):
    """Every model any of the indexes holds, each once, in the order the indexes list them."""
    return list(dict.fromkeys(model for rebuild in rebuilds for model in rebuild.models))


def _chunks(objects, size):
    """The objects in primary-key order, ``size`` at a time, each batch read by key (no OFFSET)."""
    last = None
    while True:
        chunk = list((objects if last is None else objects.filter(pk__gt=last))[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk
