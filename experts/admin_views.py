"""The expert chooser's modal: Wagtail's page chooser, opened on one language's Experts section."""

from django.http import Http404
from wagtail.admin.views.chooser import BrowseView

from experts.chooser import LANGUAGE_PARAMETER
from experts.models import ExpertIndexPage


def choose_expert(request, language, parent_page_id=None):
    """Wagtail's page chooser, opened on the Experts section of ``language`` (or on the section of an
    expert already chosen, whose parent the chooser adds to the address). The language goes into the
    chooser's query parameters, which its search and links carry on (see experts.wagtail_hooks)."""
    if parent_page_id is None:
        index = ExpertIndexPage.objects.filter(locale__language_code=language).order_by("path").first()
        if index is None:
            raise Http404("No Experts section in this language")
        parent_page_id = index.pk
    request.GET = request.GET.copy()
    request.GET[LANGUAGE_PARAMETER] = language
    return BrowseView.as_view()(request, parent_page_id=parent_page_id)
