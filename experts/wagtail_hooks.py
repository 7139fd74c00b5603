"""Admin for editors: the expert chooser that opens on the Experts section of the page's language and
lists and searches that language only."""

from django.urls import path
from wagtail import hooks
from wagtail.models import Locale

from experts.admin_views import choose_expert
from experts.chooser import LANGUAGE_PARAMETER


@hooks.register("register_admin_urls")
def expert_chooser_urls():
    return [
        path("choose-expert/<str:language>/", choose_expert, name="experts_chooser"),
        path(
            "choose-expert/<str:language>/<int:parent_page_id>/", choose_expert, name="experts_chooser_child"
        ),
    ]


@hooks.register("construct_page_chooser_queryset")
def pages_of_the_choosers_language(pages, request):
    """The expert chooser's listings and search results (Wagtail's own chooser views, reached with the
    chooser's parameters) hold the pages of its language only."""
    language = request.GET.get(LANGUAGE_PARAMETER)
    if not language:
        return pages
    # By the locale itself, the filter field the search backends know for pages.
    return pages.filter(locale=Locale.objects.filter(language_code=language).first())
