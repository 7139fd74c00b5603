"""The expert chooser's modal: Wagtail's page chooser, opened on one language's Experts section."""

from django.http import Http404
from wagtail.admin.views.chooser import BrowseView

from experts.models import ExpertIndexPage


def choose_expert(request, language, parent_page_id=None):
    """Wagtail's page chooser, opened on the Experts section of ``language`` (or on the section of an
    expert already chosen, whose parent the chooser adds to the address)."""
    if parent_page_id is None:
        index = ExpertIndexPage.objects.filter(locale__language_code=language).order_by("path").first()
        if index is None:
            raise Http404("No Experts section in this language")
        parent_page_id = index.pk
    return BrowseView.as_view()(request, parent_page_id=parent_page_id)
