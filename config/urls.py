from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import liveness, readiness, serving
from core import media, site_files
from core.sitemap import PageSitemap
from pages import feeds
from search import views as search_views


def sitemap_view(request):
    return sitemap(request, sitemaps={"pages": PageSitemap(request)})


handler400 = "core.error_pages.bad_request"
handler500 = "core.unavailable.server_error"

urlpatterns = [
    path("healthz/", liveness, name="health"),
    path("healthz/serve/", serving, name="serving"),
    path("readyz/", readiness, name="readiness"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    *site_files.urlpatterns,  # robots.txt, favicon.ico
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    if not media.in_object_storage():  # files under MEDIA_ROOT
        urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Renditions streamed from the media bucket (core.media; answers 404 when media stay on disk).
urlpatterns += media.urlpatterns()

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Before Wagtail's catch-all, which would look for a page called "feeds".
    path("feeds/", feeds.feed_list, name="feeds"),
    path("feeds/rss/", feeds.ArticleFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.AtomArticleFeed(), name="feed_atom"),
    path("", include(wagtail_urls)),
)
