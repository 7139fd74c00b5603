"""Admin for editors: the cross-tree Articles list and the Region/Topic snippets."""

from django.contrib.admin.utils import lookup_spawns_duplicates
from wagtail.admin.paginator import WagtailPaginator
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from pages.models import ArticlePage, Region, Topic


class ArticlesWithSections(WagtailPaginator):
    """Pages of articles that know their section: each row's "Copy" button asks for the parent,
    which would otherwise be a query per row."""

    def _get_page(self, object_list, *args, **kwargs):
        articles = list(object_list)
        parent_paths = {article.path[: -Page.steplen] for article in articles}
        sections = {page.path: page for page in Page.objects.filter(path__in=parent_paths)}
        for article in articles:
            article._cached_parent_obj = sections.get(article.path[: -Page.steplen])
        return super()._get_page(articles, *args, **kwargs)


class ArticleIndexView(IndexView):
    paginator_class = ArticlesWithSections

    def get_filters(self, request):
        """DISTINCT only when a filter that can repeat rows (regions, topics, experts) is in use:
        modeladmin adds it whenever such a filter exists, and counting DISTINCT whole rows twice
        per request cost most of the listing's time at 10,000 articles."""
        specs, has_filters, lookup_params, _always = super().get_filters(request)
        used = [key for spec in specs for key in spec.used_parameters] + list(lookup_params)
        return (
            specs,
            has_filters,
            lookup_params,
            any(lookup_spawns_duplicates(self.opts, key) for key in used),
        )


class ArticleAdmin(ModelAdmin):
    model = ArticlePage
    index_view_class = ArticleIndexView
    menu_label = "Articles"
    menu_icon = "doc-full-inverse"
    menu_order = 150
    add_to_settings_menu = False
    list_display = ("title", "kind", "date", "authors_line", "live", "locale")
    list_filter = ("kind", "live", "locale", "regions", "topics", "authors__expert")
    search_fields = ("title",)
    ordering = ("-date", "-pk")
    list_per_page = 50

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer_streamfields()
            .select_related("locale")
            .prefetch_related("authors__expert")
            # What each row's buttons ask (scheduled? in a workflow?), read for the whole page at once.
            .annotate_approved_schedule()
            .prefetch_workflow_states()
        )


modeladmin_register(ArticleAdmin)


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    # No list_filter = ["locale"]: Wagtail adds its own locale filter (by language code) to
    # translatable snippets; a model-choice "locale" filter would send locale=<pk>, which the
    # view reads as a language code and answers 404.


class RegionViewSet(TaxonomyViewSet):
    model = Region
    icon = "site"
    menu_label = "Regions"


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"


register_snippet(RegionViewSet)
register_snippet(TopicViewSet)
