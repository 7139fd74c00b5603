from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"

    def ready(self):
        from search import checks, related, signals  # noqa: F401  (checks register themselves)

        signals.connect()
        related.connect()
