"""Admin for editors: the cross-tree Articles list and the Region/Topic snippets."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.article_admin import ArticleListingViewSet
from pages.models import Region, Topic
from pages.translation_buttons import replace_localize_buttons
from pages.tree_rules import TreeRulePageViewSet

replace_localize_buttons()


@hooks.register("register_admin_viewset")
def article_listing_viewset():
    return ArticleListingViewSet("articles", url_prefix="articles")


@hooks.register("insert_editor_js")
def publish_after_autosave_js():
    return format_html('<script src="{}" defer></script>', static("pages/admin/publish_after_autosave.js"))


@hooks.register("insert_editor_js")
def translation_editor_panels_js():
    return format_html('<script src="{}" defer></script>', static("pages/admin/translation_editor_panels.js"))


@hooks.register("register_admin_viewset")
def tree_rule_page_viewsets():
    """Every page type of the site refuses a wrong parent by naming the rule."""
    return [TreeRulePageViewSet(model=model) for model in get_page_models() if model is not Page]


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
