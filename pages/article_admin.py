"""The editors' cross-tree Articles listing: every article of both languages, with its status,
filters by kind, status, language, region, topic and expert, and a title search on the database."""

from collections import Counter

import django_filters
from django import forms
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale, Revision
from wagtail.permissions import policy_registry

from experts.models import ExpertPage
from pages.models import ArticleAuthor, ArticleKind, ArticlePage, Region, Topic
from pages.section_choice import ChooseSectionView
from pages.translation_buttons import read_translation_state


def with_schedule(pages):
    """Annotates ``scheduled_at``: when the approved, scheduled revision of the page goes live."""
    scheduled = Revision.page_revisions.filter(
        object_id=Cast(OuterRef("pk"), CharField()), approved_go_live_at__isnull=False
    ).order_by("approved_go_live_at")
    return pages.annotate(scheduled_at=Subquery(scheduled.values("approved_go_live_at")[:1]))


# status value -> (label in the filter, the pages it selects)
STATUSES = {
    "draft": ("Draft", Q(live=False, expired=False, scheduled_at__isnull=True)),
    "scheduled": ("Scheduled", Q(scheduled_at__isnull=False)),
    "live": ("Live", Q(live=True)),
    "changed": ("Live with unpublished changes", Q(live=True, has_unpublished_changes=True)),
    "expired": ("Expired", Q(expired=True)),
}


def status_text(article):
    when = article.scheduled_at
    if article.expired:
        return "Expired"
    if when and article.live:
        return f"Live, new version scheduled for {date_format(timezone.localtime(when), 'DATETIME_FORMAT')}"
    if when:
        return f"Scheduled for {date_format(timezone.localtime(when), 'DATETIME_FORMAT')}"
    if article.live:
        return "Live with unpublished changes" if article.has_unpublished_changes else "Live"
    return "Draft"


def expert_choices():
    """Each expert who wrote an article, once, by name; the language is added where a name repeats
    (the English and Russian profiles of one person)."""
    experts = list(
        ExpertPage.objects.filter(pk__in=ArticleAuthor.objects.values("expert"))
        .select_related("locale")
        .only("pk", "title", "locale")
    )
    repeated = Counter(expert.title for expert in experts)
    choices = [
        (
            expert.pk,
            f"{expert.title} ({expert.locale.get_display_name()})"
            if repeated[expert.title] > 1
            else expert.title,
        )
        for expert in experts
    ]
    return sorted(choices, key=lambda choice: choice[1].lower())


def term_choices(model, language_code):
    """(slug, name) of the terms in the language the list is filtered to, or in the default language
    when it lists every language: each term once, as the Expert filter names each profile once."""
    locale = Locale.objects.filter(language_code=language_code).first() or Locale.get_default()
    return list(model.objects.filter(locale=locale).order_by("name").values_list("slug", "name"))


class ArticleFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=ArticleKind.choices, widget=forms.RadioSelect, empty_label="All"
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[(value, label) for value, (label, _query) in STATUSES.items()],
        method="in_status",
        widget=forms.RadioSelect,
        empty_label="All",
    )
    # Choices per request, in the language chosen under "Locale" (see __init__). A term's slug is the
    # same in every language, so a choice finds the articles of every language listed.
    regions = django_filters.ChoiceFilter(label="Region", method="with_region")
    topics = django_filters.ChoiceFilter(label="Topic", method="with_topic")
    expert = django_filters.ChoiceFilter(label="Expert", choices=expert_choices, method="by_expert")

    class Meta:
        model = ArticlePage
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        language_code = (data or {}).get("locale", "")
        self.filters["regions"].extra["choices"] = term_choices(Region, language_code)
        self.filters["topics"].extra["choices"] = term_choices(Topic, language_code)

    def in_status(self, queryset, name, value):
        return queryset.filter(STATUSES[value][1])

    def with_region(self, queryset, name, value):
        return queryset.filter(
            pk__in=ArticlePage.regions.through.objects.filter(region__slug=value).values("articlepage")
        )

    def with_topic(self, queryset, name, value):
        return queryset.filter(
            pk__in=ArticlePage.topics.through.objects.filter(topic__slug=value).values("articlepage")
        )

    def by_expert(self, queryset, name, value):
        return queryset.filter(pk__in=ArticleAuthor.objects.filter(expert=value).values("article"))


class ArticleIndexView(IndexView):
    default_ordering = "-date"
    show_locale_labels = False  # the Language column says it
    page_title = "Articles"

    def get_base_queryset(self):
        return with_schedule(
            super().get_base_queryset().select_related("locale").prefetch_related("authors__expert")
        )

    def get_ordering(self):
        # The title search runs on the database, so its results keep the chosen order too.
        ordering = self.request.GET.get("ordering", self.default_ordering)
        return ordering if ordering in self.get_valid_orderings() else self.default_ordering

    def order_queryset(self, queryset):
        # A stable order across pages of the list: many articles share a date.
        return queryset.order_by(self.ordering, "-pk")

    def paginate_queryset(self, queryset, page_size):
        # The page's ids come first, read by the filters and order alone; only those rows then get
        # Wagtail's per-row annotations, which SQLite otherwise works out for every row skipped
        # (page 2,000 of 100,000 articles took 2.7 s against page 1's 0.9 s).
        ids_only = queryset.prefetch_related(None).values_list("pk", flat=True)
        paginator, page, ids, is_paginated = super().paginate_queryset(ids_only, page_size)
        ids = list(ids)
        by_pk = {row.pk: row for row in queryset.filter(pk__in=ids)}
        page.object_list = rows = [by_pk[pk] for pk in ids if pk in by_pk]
        read_translation_state(rows)
        return paginator, page, rows, is_paginated

    def search_queryset(self, queryset):
        """Every word of the query in the title, on the database: one query however large the archive."""
        for word in self.search_query.split():
            queryset = queryset.filter(title__icontains=word)
        return queryset


class ArticleListingViewSet(PageListingViewSet):
    model = ArticlePage
    icon = "doc-full-inverse"
    menu_label = "Articles"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = ArticleIndexView
    choose_parent_view_class = ChooseSectionView
    filterset_class = ArticleFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        Column("kind", label="Kind", accessor="get_kind_display", classname="field-kind"),
        Column("date", label="Date", accessor=lambda article: date_format(article.date), sort_key="date"),
        Column("authors_line", label="Authors", classname="field-authors_line"),
        Column("status", label="Status", accessor=status_text, classname="field-status", sort_key="live"),
        Column(
            "locale",
            label="Language",
            accessor=lambda article: article.locale.get_display_name(),
            classname="field-locale",
        ),
    ]

    @cached_property
    def menu_item_class(self):
        """A menu item shown only to those the listing lets in: Wagtail shows a page listing's item
        to everyone with admin access (shop staff, forum moderators), who would then be refused."""
        policy = policy_registry.get_by_type(self.model)
        required = self.index_view_class.any_permission_required

        def is_shown(_item, request):
            return policy.user_has_any_permission(request.user, required)

        return type("ArticleListingMenuItem", (super().menu_item_class,), {"is_shown": is_shown})
