"""``manage.py update_index``: rewrite the search entries from the pages and documents, then
rebuild every search backend's index from the database (Wagtail's command), with progress."""

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from core.progress import progress_reporter
from search.entries import sync_documents, sync_pages


class Command(WagtailUpdateIndex):
    help = "Rewrite the search entries from the live public pages and documents, then rebuild the search indexes."

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        page_ids = list(Page.objects.values_list("pk", flat=True).order_by("pk"))
        document_ids = list(get_document_model().objects.values_list("pk", flat=True).order_by("pk"))
        self.write(f"Writing search entries for {len(page_ids)} pages and {len(document_ids)} documents…")
        entries = sync_pages(page_ids, progress_reporter(self.write, "pages", len(page_ids)))
        entries += sync_documents(document_ids, progress_reporter(self.write, "documents", len(document_ids)))
        self.write(f"{entries} search entries written; rebuilding the indexes.")
        super().handle(**options)
