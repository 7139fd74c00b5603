from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from . import menus  # noqa: F401  (connects the menu cache invalidation signals)
