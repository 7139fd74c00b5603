"""Maps: a gallery of maps, each with its own page."""

from django.core.paginator import Paginator
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.search_text import TextSearchField
from core.translation import SynchronisedFromSourceMixin
from core.tree_paths import children_of
from core.visibility import public_only
from pages.forms import LocaleAwarePageForm
from pages.models.taxonomy import TaggedPageMixin

MAPS_PAGE_SIZE = 12


class MapIndexPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the maps.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.ContextIndexPage"]
    subpage_types = ["pages.MapPage"]
    page_description = "A gallery of maps, newest first."

    class Meta:
        verbose_name = "Maps section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        maps = (
            public_only(children_of(MapPage.objects.live(), self))
            .select_related("map_image")
            .prefetch_related("map_image__renditions")
            .order_by("-first_published_at", "-pk")
        )
        context["maps_page"] = Paginator(maps, MAPS_PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class MapPage(TaggedPageMixin, SynchronisedFromSourceMixin, Page):
    map_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The map as a picture. Give the image a descriptive title: it is read to blind readers.",
    )
    embed_url = models.URLField(
        blank=True, help_text="Optional: the address of an interactive map to show instead of the picture."
    )
    description = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="What the map shows and how to read it.",
    )
    source = models.CharField(max_length=200, blank=True, help_text="Where the data comes from.")
    regions = ParentalManyToManyField("pages.Region", blank=True, related_name="maps")
    topics = ParentalManyToManyField("pages.Topic", blank=True, related_name="maps")

    base_form_class = LocaleAwarePageForm
    content_panels = Page.content_panels + [
        FieldPanel("map_image"),
        FieldPanel("embed_url"),
        FieldPanel("description"),
        FieldPanel("source"),
        FieldPanel("regions"),
        FieldPanel("topics"),
    ]
    search_fields = Page.search_fields + [TextSearchField("description")]
    parent_page_types = ["pages.MapIndexPage"]
    subpage_types = []
    page_description = "One map with its description and the regions it covers."

    class Meta:
        verbose_name = "Map"
