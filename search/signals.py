"""Every change that decides whether, where or how a page or document shows in search."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from experts.models import ExpertPage
from pages.models import ArticlePage
from search import fulltext
from search.models import SearchEntry
from search.tasks import update_document_entries, update_page_entries, update_subtree_entries


def page_published_handler(instance, **kwargs):
    page_ids = [instance.pk]
    if isinstance(instance, ExpertPage):
        # Bylines carry the expert's name and title.
        page_ids += ArticlePage.objects.filter(authors__expert=instance).values_list("pk", flat=True)
    update_page_entries.enqueue(page_ids)


def page_subtree_handler(instance, **kwargs):
    update_subtree_entries.enqueue(instance.pk)


def page_restriction_handler(instance, **kwargs):
    update_subtree_entries.enqueue(instance.page_id)


def document_handler(instance, **kwargs):
    if not kwargs.get("raw"):
        update_document_entries.enqueue([instance.pk])


def collection_restriction_handler(**kwargs):
    update_document_entries.enqueue()


def entry_deleted_handler(instance, **kwargs):
    fulltext.remove([instance.pk])
    index.remove_object(instance)


def connect():
    page_published.connect(page_published_handler, dispatch_uid="search-page-published")
    page_unpublished.connect(page_subtree_handler, dispatch_uid="search-page-unpublished")
    post_page_move.connect(page_subtree_handler, dispatch_uid="search-page-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            page_restriction_handler, sender=PageViewRestriction, dispatch_uid=f"search-restriction-{signal}"
        )
        signal.connect(
            collection_restriction_handler,
            sender=CollectionViewRestriction,
            dispatch_uid=f"search-collection-{signal}",
        )
    post_save.connect(document_handler, sender=get_document_model(), dispatch_uid="search-document-saved")
    post_delete.connect(entry_deleted_handler, sender=SearchEntry, dispatch_uid="search-entry-deleted")
