"""sitemap.xml: every public live page of every language of the site."""

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from core.absolute_urls import site_scheme_and_host
from core.menus import link_page_types
from core.visibility import public_only


class PageSitemap(Sitemap):
    limit = 5000  # entries per sitemap file; Django adds a sitemap index beyond that

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)
        homes = (
            Page.objects.filter(translation_key=site.root_page.translation_key)
            if site
            else Page.objects.none()
        )
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return (
            public_only(pages.live())
            .not_type(*link_page_types())
            .only("path", "depth", "url_path", "last_published_at", "locale_id")
            .order_by("path")
        )

    # Addresses on SITE_BASE_URL, as everywhere else, whatever host the sitemap was asked through.
    def get_protocol(self, protocol=None):
        return site_scheme_and_host()[0]

    def get_domain(self, site=None):
        return site_scheme_and_host()[1]

    def location(self, page):
        return page.get_url(self.request)

    def lastmod(self, page):
        return page.last_published_at
