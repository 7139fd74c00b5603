"""Where a link of legacy HTML points: another archive item (internal link) or outside.

An item is named by ``legacy:<id>`` or by one of its old URLs. Items of this run that are
not imported yet answer "pending": the importer converts the body again once they exist,
so a link to an item later in the file still becomes an internal link.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model


def normalise(url):
    return Redirect.normalise_path(url.strip())


class LinkTargets:
    def __init__(self, records, known):
        self.known = known  # legacy id -> LegacyItem of what is imported so far
        self.by_path = {}
        for record in records:
            for url in record.data.get("old_urls", []):
                self.by_path.setdefault(normalise(url), record.id)
        self.run_ids = {record.id for record in records}
        self.document_type = ContentType.objects.get_for_model(get_document_model())

    def __call__(self, href):
        if href.startswith("legacy:"):
            legacy_id = href.removeprefix("legacy:")
        elif href.startswith(("http://", "https://", "/")) or "." in href.split("/")[0]:
            path = normalise(href)
            legacy_id = self.by_path.get(path)
            if legacy_id is None:
                return self._earlier_redirect(path)
        else:
            return None
        item = self.known.get(legacy_id)
        if item is None:
            return ("pending", legacy_id) if legacy_id in self.run_ids else None
        linktype = "document" if item.content_type_id == self.document_type.pk else "page"
        return linktype, item.object_id

    def _earlier_redirect(self, path):
        """An old URL of an item of an earlier run, or any page the site already redirects it to."""
        redirect = Redirect.objects.filter(old_path=path, redirect_page__isnull=False).first()
        return ("page", redirect.redirect_page_id) if redirect else None
