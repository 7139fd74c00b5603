"""'English version / Русская версия': where each language link of a page leads.

A page links to its own translation when one is live; otherwise to the nearest ancestor
that has a live translation (so the switch never leads to a 404), and says so. Results are
cached per page until the tree changes, because every page view shows the switch.

A listing keeps its filters and page number across the switch: page types that define
``query_kept_across_languages(params, locale_id)`` say which of the request's parameters still
mean something in the other language.
"""

from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from core.menus import MENU_TIMEOUT, tree_generation
from core.request_memo import once_per_request

# Each language is offered in its own words, whatever the current language.
LANGUAGE_LABELS = {"en": "English version", "ru": "Русская версия"}


def _page_versions(page, request):
    translations = {
        p.locale.language_code: p
        for p in Page.objects.live().filter(translation_key=page.translation_key).select_related("locale")
    }
    missing = [code for code, _name in settings.LANGUAGES if code not in translations]
    fallbacks = {}
    if missing:
        ancestor_keys = page.get_ancestors().filter(depth__gt=1).values_list("translation_key", flat=True)
        for ancestor in (
            Page.objects.live()
            .filter(translation_key__in=list(ancestor_keys), locale__language_code__in=missing)
            .select_related("locale")
            .order_by("depth")
        ):
            fallbacks[ancestor.locale.language_code] = ancestor  # deepest wins
    versions = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code) or fallbacks.get(code)
        versions.append(
            {
                "code": code,
                "label": LANGUAGE_LABELS.get(code, code),
                "url": target.get_url(request) if target else f"/{code}/",
                "translated": code in translations,
                "locale_id": target.locale_id if code in translations else None,
                "fallback_title": "" if code in translations or not target else target.title,
            }
        )
    return versions


@once_per_request
def language_versions(request, page=None):
    """One entry per language: code, label, url, translated, fallback_title, current."""
    current = translation.get_language()
    if page is not None and getattr(page, "pk", None) and not getattr(request, "is_preview", False):
        key = f"language-switch:{tree_generation()}:{page.pk}"
        versions = cache.get(key)
        if versions is None:
            versions = _page_versions(page, request)
            cache.set(key, versions, MENU_TIMEOUT)
        versions = [_with_kept_query(version, page, request) for version in versions]
    else:
        path = request.get_full_path()
        versions = [
            {
                "code": code,
                "label": LANGUAGE_LABELS.get(code, code),
                "url": translate_url(path, code),
                "translated": True,
                "fallback_title": "",
            }
            for code, _name in settings.LANGUAGES
        ]
    return [dict(version, current=version["code"] == current) for version in versions]


def _with_kept_query(version, page, request):
    keep = getattr(page, "query_kept_across_languages", None)
    if keep is None or not request.GET or version.get("locale_id") is None:
        return version
    query = keep(request.GET, version["locale_id"])
    return dict(version, url=f"{version['url']}?{query}") if query else version
