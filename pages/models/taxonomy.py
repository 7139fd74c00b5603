"""Regions and topics: translatable snippets that articles, events and maps are tagged with.

A term is a draft until published, like a page: a translation starts as a draft holding the English
name (wagtail-localize saves a translation of a draftable model unpublished), and readers of that
language meet the term nowhere (filters, tags, the topic list, feeds) until its translator publishes
it. See docs/decisions/0007-untranslated-terms.md.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import DraftStateMixin, Locale, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.fragments import follow
from core.menus import tree_generation
from core.request_memo import once_per_request


class NewTermNamePanel(TitleFieldPanel):
    """The name fills in the slug while a term is being created, never once it exists: its slug is in
    shared filter links."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance and self.instance.pk)


class TaxonomyTerm(DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        help_text="Used in web addresses of filtered listings, e.g. 'caucasus'. Keep it the same in every language.",
    )
    description = models.TextField(blank=True, help_text="One or two sentences shown on listing pages.")
    # When the term last changed, so the Translations report can tell a translation that lags behind.
    updated_at = models.DateTimeField(auto_now=True)
    # Its revisions go when the term is deleted.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")

    panels = [
        NewTermNamePanel("name", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("description"),
    ]
    # The slug is the same in every language (filter links such as ?region=caucasus are shared), so
    # translators are not offered it and a Sync copies it.
    override_translatable_fields = [SynchronizedField("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def shown_in(cls, locale_id):
        """The terms readers of a language meet: that language's published ones."""
        return cls.objects.filter(locale_id=locale_id, live=True)

    @classmethod
    @once_per_request
    def choices_for(cls, locale_id):
        """(slug, name) pairs for listing filters, cached until a term of this kind changes."""
        key = cls._choices_key(locale_id)
        choices = cache.get(key)
        if choices is None:
            choices = list(cls.shown_in(locale_id).values_list("slug", "name"))
            cache.set(key, choices, None)
        return choices

    @classmethod
    def _choices_key(cls, locale_id):
        # Under the tree generation too, which moves on when the cache returns from an outage: a
        # list kept from before a term changed (its delete dropped meanwhile) is not read again.
        return f"taxonomy-choices:{tree_generation()}:{cls._meta.label_lower}:{locale_id}"


def shown_terms(terms, locale_id):
    """Of a page's terms (prefetched, or the editor's unsaved ones in a preview), those its readers
    meet: published and in the page's own language (a translation keeps the English term of one not
    translated yet)."""
    return [term for term in terms if term.live and term.locale_id == locale_id]


class TaggedPageMixin:
    """For pages with ``regions`` and ``topics``: the tags their readers are shown."""

    def shown_regions(self):
        return shown_terms(self.regions.all(), self.locale_id)

    def shown_topics(self):
        return shown_terms(self.topics.all(), self.locale_id)


def forget_cached_choices(sender, instance, **kwargs):
    sender.choices_for.forget()
    cache.delete(sender._choices_key(instance.locale_id))


class Region(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


def keep_translations_on_the_same_slug(sender, instance, **kwargs):
    """A new slug on the English term reaches its translations at once, without a Sync."""
    if instance.locale_id != Locale.get_default().pk:
        return
    for translation in sender.objects.filter(translation_key=instance.translation_key).exclude(
        slug=instance.slug
    ):
        translation.slug = instance.slug
        translation.save(update_fields=["slug"])


for term_model in (Region, Topic):
    post_save.connect(
        keep_translations_on_the_same_slug,
        sender=term_model,
        dispatch_uid=f"slug-follows-{term_model.__name__}",
    )
    post_save.connect(
        forget_cached_choices, sender=term_model, dispatch_uid=f"choices-save-{term_model.__name__}"
    )
    post_delete.connect(
        forget_cached_choices, sender=term_model, dispatch_uid=f"choices-delete-{term_model.__name__}"
    )
# Tags and filter choices are part of the article and listing fragments.
follow(Region, Topic)
