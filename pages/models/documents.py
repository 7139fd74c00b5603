"""The document library page: every file of Wagtail's document library, filterable."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from core.visibility import hidden_collection_paths

DOCUMENTS_PAGE_SIZE = 20


class DocumentLibraryPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the list of documents.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.ContextIndexPage"]
    subpage_types = []
    page_description = (
        "Lists the files uploaded to Documents in the admin. Files are grouped by their collection."
    )

    class Meta:
        verbose_name = "Document library"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hidden = hidden_collection_paths(request)
        documents = (
            get_document_model()
            .objects.select_related("collection")
            .exclude(_in_collections(hidden))
            .order_by("-created_at", "-pk")
        )
        # Control characters (e.g. a null byte, which PostgreSQL refuses) are dropped, not searched for.
        query = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable()).strip()[:200]
        if query:
            documents = documents.filter(title__icontains=query)
        collections = list(
            Collection.objects.filter(depth__gt=1).exclude(_in_collections(hidden, "")).order_by("name")
        )
        selected = request.GET.get("collection", "")
        if selected:
            # Compared as text: int() would accept non-ASCII digits and fail on very long numbers.
            if selected in {str(c.pk) for c in collections}:
                documents = documents.filter(collection_id=selected)
            else:
                documents = documents.none()
        context.update(
            query=query,
            collections=collections,
            selected_collection=selected,
            documents_page=Paginator(documents, DOCUMENTS_PAGE_SIZE).get_page(request.GET.get("page")),
        )
        return context


def _in_collections(paths, relation="collection__"):
    """Objects in any of these collections or below them (no object when there are none)."""
    matches = Q(pk__in=[])
    for path in paths:
        matches |= Q(**{f"{relation}path__startswith": path})
    return matches
