"""What a page says about itself in its <head>: description, canonical address, robots rule,
OpenGraph and Twitter card, and schema.org JSON-LD (the page type's own nodes plus a breadcrumb
trail). The choices behind each are under "Sharing cards and structured data" in README.md.

Every address is absolute on ``SITE_BASE_URL``, never on the request's Host: a page kept by the
page cache must not carry whatever host one visitor sent. Nothing here costs a query on a warm
page: the trail is cached like the menus, renditions come from Wagtail's rendition cache, and
the image and authors are the ones the page's own template reads.
"""

import html
import re
from functools import cached_property

from django.core.cache import cache
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import escape_uri_path
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, SourceImageIOError
from wagtail.models import Page

from core.absolute_urls import absolute_url
from core.language_switch import language_versions
from core.menus import MENU_TIMEOUT, site_menus, tree_generation
from core.structured_data import description_of, nodes_of, script_json
from core.visibility import restricted_paths

SITE_NAME = _("European Geopolitical Forum")
SITE_DESCRIPTION = _(
    "The European Geopolitical Forum: independent analysis, debates and events on the geopolitics "
    "of Europe and its neighbours."
)
DESCRIPTION_LENGTH = 200  # what search results and sharing cards show at most
SOCIAL_RENDITION = "fill-1200x630"  # the large card of Facebook, LinkedIn, X and Telegram
DEFAULT_IMAGE = ("img/social-default.png", 1200, 630)
LOGO = ("img/logo.png", 512, 512)
# Fields a page type may have, in the order they are tried.
TEXT_FIELDS = ("summary", "intro", "description", "bio")
STREAM_FIELDS = ("body", "opening_statement")
IMAGE_FIELDS = ("main_image", "cover", "photo", "map_image")
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}
NOINDEX = "noindex, follow"
# Campaign parameters (the ones deploy/varnish/default.vcl strips) do not make a page another page.
TRACKING_PARAMETER_RE = re.compile(r"^(utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid)$")
# Views outside the page tree that search engines should not list: results and account forms.
NOINDEX_VIEWS_RE = re.compile(r"^/[^/]+/(search|accounts)/")
PAGE_NUMBER_RE = re.compile(r"[0-9]{1,9}")
# Non-page views that deserve a card title of their own (URL name → title).
VIEW_TITLES = {"search": _("Search"), "feeds": _("RSS feeds")}


def plain_text(value):
    """Text without markup or runs of white space, from a string or a RichText."""
    source = getattr(value, "source", value)
    return " ".join(html.unescape(strip_tags(str(source or ""))).split())


def first_text_block(stream):
    for block in stream or ():
        text = plain_text(block.value) if block.block_type == "paragraph" else ""
        if text:
            return text
    return ""


def own_description(page):
    """The editor's SEO description, else the page's summary or introduction, else its first paragraph."""
    if page.search_description:
        return page.search_description
    for field in TEXT_FIELDS:
        text = plain_text(getattr(page, field, ""))
        if text:
            return text
    for field in STREAM_FIELDS:
        text = first_text_block(getattr(page, field, None))
        if text:
            return text
    return ""


def _trail_entries(page, request):
    """(title, url) of the home page and every section above page, outermost first."""
    ancestors = Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("depth")
    return [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors]


def page_trail(page, request):
    if getattr(request, "is_preview", False) or not page.pk:
        return _trail_entries(page, request) if page.pk else []
    key = f"page-trail:{tree_generation()}:{page.pk}"
    trail = cache.get(key)
    if trail is None:
        trail = _trail_entries(page, request)
        cache.set(key, trail, MENU_TIMEOUT)
    return trail


class PageHead:
    """The head of one response; ``page`` is the Wagtail page shown, or None for other views."""

    def __init__(self, request, page=None):
        self.request = request
        self.page = page if isinstance(page, Page) else None
        self.language = translation.get_language()

    # --- what the page is ---------------------------------------------------------------------
    @cached_property
    def members_only(self):
        path = getattr(self.page, "path", "")
        return bool(path) and any(path.startswith(restricted) for restricted in restricted_paths())

    @cached_property
    def public_page(self):
        """The page, when what it holds may be described to everyone."""
        return None if self.page is None or self.members_only else self.page

    @cached_property
    def filtered(self):
        return any(key != "page" and not TRACKING_PARAMETER_RE.match(key) for key in self.request.GET)

    @cached_property
    def title(self):
        if self.page is not None:
            return self.page.seo_title or self.page.title
        match = getattr(self.request, "resolver_match", None)
        return str(VIEW_TITLES.get(getattr(match, "url_name", ""), SITE_NAME))

    @property
    def site_name(self):
        return str(SITE_NAME)

    @cached_property
    def description(self):
        page = self.public_page
        text = own_description(page) if page is not None else ""
        return Truncator(" ".join(text.split()) or str(SITE_DESCRIPTION)).chars(DESCRIPTION_LENGTH)

    # --- where it lives ------------------------------------------------------------------------
    @cached_property
    def canonical(self):
        """The address without filters; a later page of an unfiltered listing keeps its number."""
        query = ""
        number = self.request.GET.get("page", "")
        # ASCII digits only, and few of them: "²" passes isdigit() and int() refuses 5,000 digits.
        if not self.filtered and PAGE_NUMBER_RE.fullmatch(number) and int(number) > 1:
            query = f"?page={int(number)}"
        return absolute_url(escape_uri_path(self.request.path)) + query

    @property
    def variant(self):
        """What tells two heads of the same page apart (the address it stands for and its robots
        rule), or None for a filtered address: any parameters may come, none is kept."""
        return None if self.filtered else f"{self.canonical} {self.robots}"

    @cached_property
    def robots(self):
        """'noindex, follow' for filtered listings, search and account views and members-only pages;
        '' (index) otherwise, later pages of a listing included: they lead to its older items."""
        if self.filtered or self.members_only or NOINDEX_VIEWS_RE.match(self.request.path):
            return NOINDEX
        return ""

    @cached_property
    def page_url(self):
        url = self.page.get_url(self.request) if self.page is not None and self.page.pk else None
        return absolute_url(url) if url else self.canonical

    @cached_property
    def home_url(self):
        return absolute_url(site_menus(self.request)["home_url"])

    @cached_property
    def versions(self):
        return language_versions(self.request, self.page)

    @property
    def locale(self):
        return OG_LOCALES.get(self.language, self.language)

    @property
    def locale_alternates(self):
        return [
            OG_LOCALES.get(version["code"], version["code"])
            for version in self.versions
            if version["translated"] and not version["current"]
        ]

    # --- pictures -----------------------------------------------------------------------------
    @cached_property
    def image(self):
        """url, width, height and alt of the sharing picture: the page's own, else the site's."""
        page = self.public_page
        for field in IMAGE_FIELDS if page is not None else ():
            image = getattr(page, field, None)
            if not isinstance(image, AbstractImage):
                continue
            try:
                rendition = image.get_rendition(SOCIAL_RENDITION)
            except (SourceImageIOError, OSError):
                continue  # the file is gone: the site's picture rather than a broken card
            return {
                "url": absolute_url(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": getattr(page, f"{field}_alt", "") or "",
            }
        path, width, height = DEFAULT_IMAGE
        return {"url": absolute_url(static(path)), "width": width, "height": height, "alt": str(SITE_NAME)}

    def logo(self):
        path, width, height = LOGO
        return {"@type": "ImageObject", "url": absolute_url(static(path)), "width": width, "height": height}

    # --- schema.org ---------------------------------------------------------------------------
    @property
    def organization_id(self):
        return absolute_url("/#organization")

    def publisher(self):
        """The Forum as publisher: a reference to the home page's Organization plus what Google
        wants repeated on every article (name and logo)."""
        return {
            "@type": "Organization",
            "@id": self.organization_id,
            "name": self.site_name,
            "url": self.home_url,
            "logo": self.logo(),
        }

    def search_url_template(self):
        return absolute_url(reverse("search")) + "?q={search_term_string}"

    @cached_property
    def og_type(self):
        return description_of(self.public_page).og_type if self.public_page is not None else "website"

    def breadcrumbs(self):
        if self.page is not None:
            entries = page_trail(self.page, self.request) + [(self.page.title, self.page_url)]
        else:
            entries = [(gettext("Home"), site_menus(self.request)["home_url"]), (self.title, self.canonical)]
        items = [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(url)}
            for position, (name, url) in enumerate((entry for entry in entries if entry[1]), start=1)
        ]
        return {"@type": "BreadcrumbList", "itemListElement": items}

    @cached_property
    def nodes(self):
        own = nodes_of(self.public_page, self) if self.public_page is not None else []
        return own + [self.breadcrumbs()]

    def json_ld(self):
        return script_json(self.nodes)

    @cached_property
    def og_extra(self):
        """article:* properties, read from the article's own schema.org node."""
        if self.og_type != "article":
            return []
        node = self.nodes[0]
        pairs = [
            ("article:published_time", node.get("datePublished")),
            ("article:modified_time", node.get("dateModified")),
            ("article:section", node.get("articleSection")),
        ]
        pairs += [("article:author", author["url"]) for author in node.get("author", []) if author.get("url")]
        return [(name, value) for name, value in pairs if value]
