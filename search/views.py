"""The Advanced Search page and the header box's suggestions."""

from django.http import JsonResponse
from django.shortcuts import render
from wagtail.models import Locale

from search.query import AdvancedSearch, suggestions


def search(request):
    outcome = AdvancedSearch(request.GET, Locale.get_active()).run()
    return render(request, "search/search.html", {"search": outcome, "form": outcome.form})


def suggest(request):
    return JsonResponse({"suggestions": suggestions(request.GET.get("q", ""), Locale.get_active())})
