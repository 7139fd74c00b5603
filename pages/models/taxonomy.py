"""Regions and topics: translatable snippets that articles, events and maps are tagged with."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        help_text="Used in web addresses of filtered listings, e.g. 'caucasus'. Keep it the same in every language.",
    )
    description = models.TextField(blank=True, help_text="One or two sentences shown on listing pages.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
