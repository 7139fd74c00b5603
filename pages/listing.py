"""The article listing behind Context and every article section: filters, order, pagination.

Reads ``region``, ``type``, ``topic`` and ``page`` from the query string. Unknown values
never raise: a bad page number gives the first or last page, an unknown filter value gives
an empty list with a message. Every row is fetched with its authors and image renditions in
a fixed number of queries, whatever the size of the archive, and the last page costs what the
first does (``core.paging.AnchoredPaginator``).
"""

import re
from urllib.parse import urlencode

from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from core.menus import tree_generation
from core.paging import AnchoredPaginator, elided_page_range
from core.visibility import public_only

LISTING_PAGE_SIZE = 10
LISTING_ORDER = ["-date", "-pk"]
LISTING_PARAMETERS = {"region", "topic", "type", "page"}
PAGE_NUMBER_RE = re.compile(r"[1-9][0-9]{0,8}")


class ArticleListing:
    """One page of ``articles`` (a queryset with its listing data), filtered by the query string.

    ``regions`` and ``topics`` return (slug, name) choices when called (only a listing that is
    rendered or filtered asks for them); ``type_choices`` are (kind, label) pairs, and when given
    only those kinds are listed.
    """

    def __init__(
        self,
        request,
        articles,
        regions,
        topics,
        type_choices=(),
        include_private=False,
        page_size=LISTING_PAGE_SIZE,
    ):
        self.articles = articles
        self._regions = regions
        self._topics = topics
        self.type_choices = list(type_choices)
        self.include_private = include_private
        self.page_size = page_size
        self.params = request.GET

    # --- filters ---------------------------------------------------------------------------
    @cached_property
    def regions(self):
        return self._regions()

    @cached_property
    def topics(self):
        return self._topics()

    @property
    def selected_region(self):
        return self.params.get("region", "")

    @property
    def selected_topic(self):
        return self.params.get("topic", "")

    @property
    def selected_type(self):
        return self.params.get("type", "")

    @cached_property
    def invalid_filters(self):
        """Names of filters whose value matches nothing that exists."""
        invalid = []
        if self.selected_region and self.selected_region not in dict(self.regions):
            invalid.append("region")
        if self.selected_topic and self.selected_topic not in dict(self.topics):
            invalid.append("topic")
        if self.selected_type and self.selected_type not in {value for value, _label in self.type_choices}:
            invalid.append("type")
        return invalid

    @property
    def is_filtered(self):
        return bool(self.selected_region or self.selected_topic or self.selected_type)

    # --- results ---------------------------------------------------------------------------
    def queryset(self):
        articles = self.articles
        if not self.include_private:
            articles = public_only(articles)
        if self.type_choices:
            articles = articles.filter(kind__in=[value for value, _label in self.type_choices])
        if self.invalid_filters:
            return articles.none()
        if self.selected_region:
            articles = articles.filter(regions__slug=self.selected_region)
        if self.selected_topic:
            articles = articles.filter(topics__slug=self.selected_topic)
        if self.selected_type:
            articles = articles.filter(kind=self.selected_type)
        return articles.order_by(*LISTING_ORDER)

    @cached_property
    def paginator(self):
        # Every publish, unpublish, move or deletion of a page changes the tree generation.
        return AnchoredPaginator(self.queryset(), self.page_size, LISTING_ORDER, tree_generation())

    @cached_property
    def page(self):
        return self.paginator.get_page(self.params.get("page"))

    @property
    def fragment_variant(self):
        """What the listing's HTML takes from the query string (its filters, in the order the
        page links repeat them, and the page shown), or None for a query string the site's own
        links never make (another parameter, a repeated or unknown value): that one is rendered
        afresh, so the shared cache keeps a copy per filter and page, not per address."""
        if set(self.params) - LISTING_PARAMETERS or self.invalid_filters:
            return None
        if any(len(values) > 1 for _name, values in self.params.lists()):
            return None
        page = self.params.get("page", "1")
        if not PAGE_NUMBER_RE.fullmatch(page):
            return None
        filters = [(name, value) for name, value in self.params.items() if name != "page"]
        return urlencode(filters), min(int(page), self.paginator.num_pages)

    @property
    def page_range(self):
        return elided_page_range(self.page)

    @property
    def message(self):
        if self.invalid_filters:
            return _("No articles match the chosen filters. Choose another region, type or topic.")
        if not self.page.object_list:
            if self.is_filtered:
                return _("No articles match the chosen filters.")
            return _("No articles have been published here yet.")
        return ""


def query_for_other_language(params, regions, topics, kinds):
    """The filters and page number of ``params`` that the same listing in another language knows:
    region and topic slugs among that language's choices (``regions``/``topics`` return them when
    called, asked only for a filter the query has), a type among ``kinds``, a page number (an
    out-of-range one gives the last page there)."""
    known = {"region": lambda: dict(regions()), "topic": lambda: dict(topics()), "type": lambda: set(kinds)}
    kept = {
        name: params[name] for name, values in known.items() if params.get(name) and params[name] in values()
    }
    if params.get("page", "").isdigit():
        kept["page"] = params["page"]
    return urlencode(kept)
