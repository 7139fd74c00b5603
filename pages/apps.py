from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from wagtail.signals import post_page_move

        from core.structured_data import describe
        from experts.models import list_on_profiles
        from pages.models import ArticlePage, EventPage
        from pages.models.articles import take_kind_of_new_section
        from pages.structured_data import article_schema, event_schema

        post_page_move.connect(take_kind_of_new_section, dispatch_uid="article-kind-follows-move")
        list_on_profiles(ArticlePage, ordering=("-date", "-pk"))
        describe(ArticlePage, og_type="article", schema=article_schema)
        describe(EventPage, schema=event_schema)
