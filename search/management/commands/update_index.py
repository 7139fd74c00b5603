"""``manage.py update_index``: rewrite the search entries (and with them the database's full-text
index) from the pages and documents, then rebuild every search backend's index, with progress.

The entries go to the engine once, in its rebuild, not batch by batch as well. The rebuild reads
each model in keyset batches and sends each batch with the engine's bulk API; the new engine
index is refreshed once, at the end, before it replaces the old one. The database backend
(Wagtail's, for the admin's searches) gets every indexed model except the entries, which
search.fulltext serves.
"""

from concurrent.futures import ThreadPoolExecutor

from django.db import transaction
from modelsearch.utils import get_content_type_pk
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex
from wagtail.search.management.commands.update_index import group_models_by_index

from core.progress import progress_reporter
from core.search_text import texts_kept_for_batch
from search.backends import uses_engine
from search.entries import sync_documents, sync_pages
from search.models import SearchEntry

REBUILD_TIMEOUT = 300  # seconds


def _drop_database_entries(index, model, objects):
    """Remove these objects' rows from the database index, so the batch that follows is written
    in one insert: on SQLite an object already indexed is otherwise updated one row at a time."""
    rows = index.entries.filter(
        content_type_id=get_content_type_pk(model), object_id__in=[str(obj.pk) for obj in objects]
    )
    # One DELETE, as the backend deletes its own rows: SQLite's full-text rows follow by trigger.
    rows._raw_delete(index.write_connection.alias)


class Command(WagtailUpdateIndex):
    help = "Rewrite the search entries from the live public pages and documents, then rebuild the search indexes."

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        page_ids = list(Page.objects.values_list("pk", flat=True).order_by("pk"))
        document_ids = list(get_document_model().objects.values_list("pk", flat=True).order_by("pk"))
        self.write(f"Writing search entries for {len(page_ids)} pages and {len(document_ids)} documents…")
        pages = progress_reporter(self.write, "pages", len(page_ids))
        entries = sync_pages(page_ids, pages, to_engines=False)
        documents = progress_reporter(self.write, "documents", len(document_ids))
        entries += sync_documents(document_ids, documents, to_engines=False)
        self.write(f"{entries} search entries written; rebuilding the indexes.")
        super().handle(**options)

    def update_backend(self, backend_name, schema_only=False, chunk_size=1000):
        backend = get_search_backend(backend_name)
        if not backend.rebuilder_class:
            self.write(f"{backend_name}: nothing to rebuild")
            return
        engine = uses_engine(backend)
        if engine:
            # Bulk batches and the final refresh take longer than a reader's search may wait.
            backend = get_search_backend(backend_name, TIMEOUT=REBUILD_TIMEOUT)
        models = [model for model in get_indexed_models() if engine or model is not SearchEntry]
        for index, index_models in group_models_by_index(backend, models).items():
            self.write(f"{backend_name}: rebuilding {index.name if engine else 'the database index'}")
            rebuilder = backend.rebuilder_class(index)
            index = rebuilder.start()
            for model in index_models:
                index.add_model(model)
            if engine:
                # Refreshing while filling only costs time: the new index is read after finish().
                backend.es.indices.put_settings(index=index.name, body={"index": {"refresh_interval": "-1"}})
            count = 0
            if not schema_only:
                for model in index_models:
                    count += self._add_objects(backend_name, index, model, chunk_size, engine)
            if engine:
                backend.es.indices.put_settings(index=index.name, body={"index": {"refresh_interval": None}})
            rebuilder.finish()
            self.write(f"{backend_name}: {count} objects indexed")

    def _add_objects(self, backend_name, index, model, chunk_size, engine):
        objects = model.get_indexed_objects().order_by("pk")
        total = objects.count()
        if not total:
            return 0
        report = progress_reporter(self.write, f"{model._meta.label} ({backend_name})", total)
        # The engine takes a batch in about the time the next one takes to build: one batch is
        # sent in the background while the next is read and turned into documents.
        with ThreadPoolExecutor(max_workers=1) as sender:
            sending = None
            for chunk in _chunks(objects, chunk_size):
                with transaction.atomic(), texts_kept_for_batch():
                    if engine:
                        actions = _engine_actions(index, model, chunk)
                    else:
                        _drop_database_entries(index, model, chunk)
                        index.add_items(model, chunk)
                if sending:
                    sending.result()  # a failed batch stops the rebuild before the next goes
                if engine:
                    sending = sender.submit(index.backend.bulk, index.es, actions, index=index.name)
                report(len(chunk))
            if sending:
                sending.result()
        return total


def _chunks(objects, size):
    """The objects in primary-key order, ``size`` at a time, each batch read by key (no OFFSET)."""
    last = None
    while True:
        chunk = list((objects if last is None else objects.filter(pk__gt=last))[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _engine_actions(index, model, objects):
    """The engine's bulk actions for these objects, as its backend's ``add_items`` builds them."""
    mapping = index.mapping_class(model)
    return [{"_id": mapping.get_document_id(obj), **mapping.get_document(obj)} for obj in objects]
