"""Every change that decides whether, where or how a page or document shows in search."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from experts.models import ExpertPage
from pages.models import ArticlePage
from search.entries import sync_documents, sync_pages, sync_subtree
from search.models import SearchEntry


def page_published_handler(instance, **kwargs):
    sync_pages([instance.pk])
    if isinstance(instance, ExpertPage):
        # Bylines carry the expert's name and title.
        sync_pages(ArticlePage.objects.filter(authors__expert=instance).values_list("pk", flat=True))


def page_subtree_handler(instance, **kwargs):
    sync_subtree(instance)


def page_restriction_handler(instance, **kwargs):
    sync_subtree(instance.page)


def document_handler(instance, **kwargs):
    if not kwargs.get("raw"):
        sync_documents([instance.pk])


def collection_restriction_handler(**kwargs):
    sync_documents(get_document_model().objects.values_list("pk", flat=True))


def entry_deleted_handler(instance, **kwargs):
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
