"""Site search over published public pages, with Wagtail's configured search backend."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

from pages.visibility import public_only

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Drop control characters and cut overly long input; search syntax is treated as words."""
    return "".join(ch for ch in raw if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results_page = None
    if query:
        pages = public_only(Page.objects.live().filter(locale=Locale.get_active())).specific()
        results = pages.search(query, operator="and")
        results_page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "results_page": results_page})
