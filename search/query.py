"""Advanced Search: words and filters in, one page of results with facets out.

Runs on the engine when there is one, and on the database when there is none or it fails
(``search.backends``). Nothing here writes to the database.
"""

import logging
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.search.query import MATCH_ALL

from config.search_backends import DATABASE_ALIAS
from core.paging import elided_page_range
from experts.models import ExpertPage
from pages.models import Region, Topic
from search import fulltext
from search.backends import (
    backend_aliases,
    database_facets,
    date_order,
    engine_configured,
    engine_facets,
    pause_engine,
    search_backend,
    uses_engine,
)
from search.forms import MAX_QUERY_LENGTH, SearchForm, clean_words
from search.highlight import WORD, highlighted_title, snippet
from search.models import EntryKind, SearchEntry

logger = logging.getLogger(__name__)

RESULTS_PAGE_SIZE = 10
# Readers page through at most this many results (engines refuse deep offsets); they refine instead.
MAX_RESULTS = 1000
SUGGESTIONS = 8
FILTERS = ("type", "region", "topic", "expert", "date_from", "date_to")
# Facet name → the SearchEntry filter field counted.
FACETS = {"type": "kind", "region": "regions__slug", "year": "year"}
# Kinds whose date means something to a reader (an expert's or a page's does not).
DATED_KINDS = {
    EntryKind.NEWS,
    EntryKind.PUBLICATION,
    EntryKind.REVIEW,
    EntryKind.PRESENTATION,
    EntryKind.PRESS,
    EntryKind.EVENT,
    EntryKind.DOCUMENT,
}


def expert_choices(locale):
    return (
        ExpertPage.objects.live()
        .filter(locale=locale)
        .order_by("last_name", "title")
        .values_list("slug", "title")
    )


class SearchResult:
    """One row as the results list shows it."""

    def __init__(self, entry, words, locale):
        self.entry = entry
        self.url = entry.url
        self.title = highlighted_title(entry.title, words)
        self.kind_label = EntryKind(entry.kind).label
        self.date = entry.date if entry.kind in DATED_KINDS else None
        self.byline = entry.byline
        self.snippet = snippet(f"{entry.summary} {entry.body}", words)
        self.other_language = entry.locale_id not in (None, locale.pk)


class AdvancedSearch:
    def __init__(self, params, locale):
        self.params = params
        self.locale = locale
        self.form = SearchForm(
            params,
            regions=Region.choices_for(locale.pk),
            topics=Topic.choices_for(locale.pk),
            experts=expert_choices(locale),
        )
        self.words = self.form.valid_value("q") or ""
        # What reaches the backends: plain lower-case words. Quotes, brackets, stars and
        # upper-case AND/OR/NOT mean something to some backends' query syntax, never to readers.
        self.terms = " ".join(WORD.findall(self.words)).lower()
        self.used_fallback = False

    @cached_property
    def filters(self):
        return {
            name: self.form.valid_value(name) for name in FILTERS if self.form.valid_value(name) is not None
        }

    @property
    def has_criteria(self):
        return bool(self.terms or self.filters)

    @property
    def all_languages(self):
        return self.form.valid_value("lang") == "all"

    @property
    def sort_by_date(self):
        return self.form.valid_value("sort") == "date" or not self.terms

    def entries(self):
        entries = SearchEntry.objects.select_related("locale")
        if not self.all_languages:
            entries = entries.filter(Q(locale=self.locale) | Q(locale__isnull=True))
        lookups = {
            "type": "kind",
            "region": "regions__slug",
            "topic": "topics__slug",
            "expert": "experts__slug",
            "date_from": "date__gte",
            "date_to": "date__lte",
        }
        return entries.filter(**{lookups[name]: value for name, value in self.filters.items()})

    def _engine_page(self, backend):
        entries = self.entries()
        if self.sort_by_date:
            entries = entries.order_by(*date_order(backend))
        results = backend.search(
            self.terms or MATCH_ALL, entries, operator="and", order_by_relevance=not self.sort_by_date
        )
        page = Paginator(results[:MAX_RESULTS], RESULTS_PAGE_SIZE).get_page(self.params.get("page"))
        return list(page.object_list), page, engine_facets(results, FACETS)

    def _database_page(self):
        """The database's full-text index ranks the ids; only one page of entries is read."""
        entries = self.entries()
        matches = fulltext.matching(entries, self.terms) if self.terms else entries
        if self.sort_by_date:
            ids = list(matches.order_by(*date_order(None)).values_list("pk", flat=True)[:MAX_RESULTS])
        else:
            ids = fulltext.ranked_ids(entries, self.terms, MAX_RESULTS)
        page = Paginator(ids, RESULTS_PAGE_SIZE).get_page(self.params.get("page"))
        found = SearchEntry.objects.select_related("locale").in_bulk(page.object_list)
        return [found[pk] for pk in page.object_list if pk in found], page, database_facets(matches, FACETS)

    def run(self):
        """Search, on the engine or else the database; sets ``page``, ``facets`` and ``used_fallback``."""
        self.page, self.facets = None, {}
        if not self.has_criteria:
            return self
        for alias in backend_aliases():
            backend = search_backend(alias)
            try:
                if uses_engine(backend):
                    entries, page, facets = self._engine_page(backend)
                else:
                    entries, page, facets = self._database_page()
            except Exception:
                if not uses_engine(backend):
                    raise
                logger.exception("The search engine failed; answering from the database")
                pause_engine()
                continue
            page.object_list = [SearchResult(entry, self.words, self.locale) for entry in entries]
            self.page, self.facets = page, facets
            self.used_fallback = alias == DATABASE_ALIAS and engine_configured()
            return self
        return self

    # --- what the template shows -----------------------------------------------------------
    @property
    def page_range(self):
        return elided_page_range(self.page)

    @property
    def results_capped(self):
        return self.page is not None and self.page.paginator.count >= MAX_RESULTS

    def facet_links(self):
        """[(heading, [(label, count, query string, active)])] for type, region and year."""
        groups = []
        for heading, name, labels in (
            (_("Type"), "type", dict(EntryKind.choices)),
            (_("Region"), "region", dict(self.form.fields["region"].choices)),
        ):
            counts = self.facets.get(name, {})
            ranked = sorted((value for value in counts if value in labels), key=lambda value: -counts[value])
            groups.append(
                (heading, [self._facet_link(name, value, labels[value], counts[value]) for value in ranked])
            )
        years = self.facets.get("year", {})
        groups.append(
            (_("Year"), [self._year_link(year, years[year]) for year in sorted(years, reverse=True)])
        )
        return [(heading, links) for heading, links in groups if links]

    def _facet_link(self, name, value, label, count):
        params = self.params.copy()
        active = params.get(name) == str(value)
        if active:
            params.pop(name)
        else:
            params[name] = value
        params.pop("page", None)
        return label, count, params.urlencode(), active

    def _year_link(self, year, count):
        params = self.params.copy()
        first, last = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
        active = params.get("date_from") == first and params.get("date_to") == last
        if active:
            params.pop("date_from")
            params.pop("date_to")
        else:
            params["date_from"], params["date_to"] = first, last
        params.pop("page", None)
        return str(year), count, params.urlencode(), active

    @property
    def messages(self):
        notes = [
            f"{self.form.fields[name].label}: {' '.join(errors)}" for name, errors in self.form.errors.items()
        ]
        if self.words and not self.terms:
            notes.append(_("Search words need letters or digits; punctuation alone finds nothing."))
        if self.form.query_was_shortened:
            notes.append(_("Your search words were shortened to the first 200 characters."))
        return notes


def suggestions(words, locale):
    """Up to SUGGESTIONS titles that start with the words typed so far, for the header box."""
    words = " ".join(WORD.findall(clean_words(words)[:MAX_QUERY_LENGTH])).lower()
    if len(words) < 2:
        return []
    entries = SearchEntry.objects.filter(Q(locale=locale) | Q(locale__isnull=True))
    for alias in backend_aliases():
        backend = search_backend(alias)
        try:
            if uses_engine(backend):
                matches = list(backend.autocomplete(words, entries)[:SUGGESTIONS])
            else:
                ids = fulltext.title_prefix_ids(entries, words, SUGGESTIONS)
                found = SearchEntry.objects.in_bulk(ids)
                matches = [found[pk] for pk in ids if pk in found]
        except Exception:
            if not uses_engine(backend):
                raise
            logger.exception("The search engine failed on suggestions; answering from the database")
            pause_engine()
            continue
        return [
            {"title": entry.title, "url": entry.url, "type": EntryKind(entry.kind).label} for entry in matches
        ]
    return []
