"""Admin for editors: the cross-tree Articles list and the Region/Topic snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from pages.models import ArticlePage, Region, Topic


class ArticleAdmin(ModelAdmin):
    model = ArticlePage
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
