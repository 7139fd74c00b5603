"""The search index's rows: one flat entry per public page or document readers can find.

Search runs over this one model instead of the page types themselves, so that a single query
can rank, filter and facet articles, events, maps, experts, documents and pages together
(Wagtail can only filter and facet on fields of the model it searches). Entries exist only for
live, public content; ``search.entries`` keeps them in step with the pages and documents.
"""

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class EntryKind(models.TextChoices):
    NEWS = "news", _("News")
    PUBLICATION = "publication", _("Publication")
    REVIEW = "review", _("Book review")
    PRESENTATION = "presentation", _("Expert presentation")
    PRESS = "press", _("EGF in press")
    EVENT = "event", _("Event")
    MAP = "map", _("Map")
    EXPERT = "expert", _("Expert")
    DOCUMENT = "document", _("Document")
    DEBATE = "debate", _("Forum debate")
    PRODUCT = "product", _("Shop publication")
    PAGE = "page", _("Page")


# The links the engine filters on, by slug.
FILTERED_LINKS = ("regions", "topics", "experts")


class SearchEntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchEntry(index.Indexed, models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    document = models.OneToOneField(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    # Documents belong to no language: their entries have no locale and show in both.
    locale = models.ForeignKey(
        "wagtailcore.Locale", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    byline = models.CharField(max_length=500, blank=True)
    # The names of its regions and topics, in its own language: a search for a topic's name finds
    # what is filed under it even when the text never uses the word.
    terms = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=1000)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    regions = models.ManyToManyField("pages.Region", blank=True, related_name="+")
    topics = models.ManyToManyField("pages.Topic", blank=True, related_name="+")
    experts = models.ManyToManyField("experts.ExpertPage", blank=True, related_name="+")

    search_fields = [
        index.SearchField("title", boost=4),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("byline"),
        index.SearchField("terms"),
        index.SearchField("body"),
        index.FilterField("locale"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.FilterField("year"),
        index.FilterField("id"),
        *(index.RelatedFields(name, [index.FilterField("slug")]) for name in FILTERED_LINKS),
    ]
    objects = SearchEntryQuerySet.as_manager()

    # search.entries indexes entries itself, once their regions, topics and experts are written.
    search_auto_update = False

    @classmethod
    def attach_filter_slugs(cls, entries):
        """Give loaded entries their regions', topics' and experts' slugs, all the engine's filters
        read: from each link table in one query, with one shared object per region, topic or
        expert. Prefetching loaded an expert page per link, which cost more than the entries."""
        ids = [entry.pk for entry in entries]
        for name in FILTERED_LINKS:
            field = cls._meta.get_field(name)
            target = f"{field.m2m_reverse_field_name()}_id"
            links = list(
                field.remote_field.through.objects.filter(searchentry_id__in=ids).values_list(
                    "searchentry_id", target
                )
            )
            linked = field.related_model.objects.only("slug").in_bulk({target_id for _, target_id in links})
            per_entry = defaultdict(list)
            for entry_id, target_id in links:
                per_entry[entry_id].append(target_id)
            # Entries with the same links share one filled queryset, as a prefetch would fill it:
            # a queryset built per entry through its related manager cost more than its document.
            shared = {}
            for entry in entries:
                key = tuple(per_entry[entry.pk])
                if key not in shared:
                    shared[key] = filled = field.related_model.objects.filter(pk__in=key)
                    filled._result_cache, filled._prefetch_done = [linked[pk] for pk in key], True
                entry.__dict__.setdefault("_prefetched_objects_cache", {})[name] = shared[key]

    class Meta:
        verbose_name_plural = "search entries"
        # On PostgreSQL migration 0004 adds a covering index of the language, type and year
        # (search_entry_facets); SQLite has no covering indexes.
        indexes = [models.Index(fields=["locale", "kind"], name="search_entry_locale_kind")]

    def __str__(self):
        return self.title
