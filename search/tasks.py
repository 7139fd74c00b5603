"""Search-entry updates as background tasks: publishing answers at once, the worker writes the index."""

from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search import index

from search.entries import sync_documents, sync_pages, sync_subtree
from search.models import SearchEntry


@task()
def update_page_entries(page_ids):
    sync_pages(page_ids)


@task()
def update_subtree_entries(page_id):
    """A page and everything under it; nothing to do if the page has been deleted since."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        sync_subtree(page)


@task()
def update_document_entries(document_ids=None):
    """These documents, or all of them (a collection's restriction changed)."""
    if document_ids is None:
        document_ids = list(get_document_model().objects.values_list("pk", flat=True))
    sync_documents(document_ids)


@task()
def remove_from_engines(entry_ids):
    """The engine's copies of entries already deleted from the database (search.signals.withdraw)."""
    for entry_id in entry_ids:
        index.remove_object(SearchEntry(pk=entry_id))
