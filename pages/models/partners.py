"""EGF Partners: organisations the forum works with, each with logo, link and description."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page, TranslatableMixin


class PartnersPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the partners.")

    content_panels = Page.content_panels + [FieldPanel("intro"), InlinePanel("partners", label="Partner")]
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    page_description = "The list of partner organisations, in the order you give them."

    class Meta:
        verbose_name = "Partners page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partner_list"] = self.partners.select_related("logo").prefetch_related("logo__renditions")
        return context


class Partner(TranslatableMixin, Orderable):
    """Translatable so that names and descriptions can be given in each language."""

    page = ParentalKey(PartnersPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField("Website", blank=True)
    description = models.TextField(blank=True, help_text="One or two sentences about the partnership.")

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def __str__(self):
        return self.name
