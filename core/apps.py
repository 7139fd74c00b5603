from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from core import (  # noqa: F401 (cache_headers: its hook)
            cache_headers,
            cache_purge,
            fragments,
            menus,
            request_site,
            shared_restrictions,
            translation,
            visibility,
        )

        # Cache invalidation first: other apps' handlers (search) may read these caches.
        visibility.connect()
        menus.connect()
        request_site.connect()
        fragments.connect()
        # Purges of the page cache in front of the site (Varnish, CDN) on publish, move and delete.
        cache_purge.connect()
        # Publishing an English page carries its synchronised fields to the translations.
        translation.connect()
        # A view restriction set on one language version of a page holds for all of them.
        shared_restrictions.connect()
