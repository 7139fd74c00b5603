from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from core import menus, visibility

        # Cache invalidation first: other apps' handlers (search) may read these caches.
        visibility.connect()
        menus.connect()
