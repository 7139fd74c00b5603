"""The site's own 400 (bad request) and CSRF-failure (403) pages: the site's layout, the reader's language.

A 400 can answer a request whose Host is not ours (DisallowedHost): then nothing may build URLs
from that host (the menus and language links do), so the page is drawn without the request, from
the fixed parts of the header and footer. A database that fails while the menus are read gives the
same plain layout, never a second error.

A form refused for its CSRF token comes back with what the reader typed, in a form that posts to the
same address with a fresh token, so one click sends it again. Passwords, files and the old token are
never shown back. This is offered only for a form sent from this site (its Origin, or else its
Referer, is ours): a form another site posts to ours must not come back ready to send with a valid
token, which would turn a refused cross-site request into a one-click one. The 503 page shown while
the database is down (core.unavailable) keeps what was typed the same way.
"""

import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from wagtail.models import Page

BAD_REQUEST = 400
FORBIDDEN = 403
# Longer or multi-line text is given a text area when the form's own field type is not known.
LONG_LINE = 80
# Characters kept from the control range: line breaks and tabs belong to typed text.
KEPT_CONTROLS = "\t\n\r"


def _host_is_ours(request):
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def render_error_page(request, template, context, status):
    """The page in the site's layout and the language of the URL's prefix."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    context = {"language": language, **context}
    with translation.override(language):
        content = None
        if _host_is_ours(request):
            try:
                content = render_to_string(template, context, request)
            except DatabaseError:
                pass  # the plain layout below reads nothing from the database
        if content is None:
            content = render_to_string(template, context)
    return HttpResponse(content, status=status)


def bad_request_page(request, message=""):
    """The 400 page; ``message`` says what was wrong when the caller knows it."""
    return render_error_page(request, "400.html", {"message": message}, BAD_REQUEST)


def bad_request(request, exception):
    """handler400: SuspiciousOperation, DisallowedHost, too many fields, unreadable data."""
    return bad_request_page(request)


def _printable(value):
    """Typed text without control characters (NUL included), line breaks and tabs kept."""
    return "".join(ch for ch in value if ch in KEPT_CONTROLS or unicodedata.category(ch) != "Cc")


def _sent_from_this_site(request):
    """True when the browser says the form was on one of our pages: Origin, or Referer without it."""
    ours = f"{request.scheme}://{request.get_host()}"
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        origin = f"{referer.scheme}://{referer.netloc}"
    return origin == ours


def offered_again(request):
    """Whether a refused or failed request was a form of this site's, to be shown back filled in."""
    return request.method == "POST" and _host_is_ours(request) and _sent_from_this_site(request)


def _form_page_fields(request):
    """{name: field} of the Wagtail form page the form was posted to (editors' labels and types);
    empty when the database cannot say (the 503 page): labels then come from the fields' names."""
    match = request.resolver_match
    if match is None or match.url_name != "wagtail_serve":
        return {}
    try:
        page = Page.find_for_request(request, match.args[0])
        get_form_fields = getattr(page.specific if page else None, "get_form_fields", None)
        return {field.clean_name: field for field in get_form_fields()} if get_form_fields else {}
    except DatabaseError:
        return {}


def _never_shown_back(request, name):
    return name == "csrfmiddlewaretoken" or "password" in name.lower() or name in request.FILES


def typed_fields(request):
    """What the reader typed, one entry per value: name, label, value, and whether it is long text."""
    known = _form_page_fields(request)
    fields = []
    for name, values in request.POST.lists():
        if _never_shown_back(request, name):
            continue
        field = known.get(name)
        for value in map(_printable, values):
            if not value.strip():
                continue  # an empty field sends nothing worth keeping
            if field is not None:
                multiline = field.field_type == "multiline"
            else:
                multiline = "\n" in value or len(value) > LONG_LINE
            fields.append(
                {
                    "name": name,
                    "label": field.label if field is not None else capfirst(name.replace("_", " ")),
                    "value": value,
                    "multiline": multiline,
                }
            )
    return fields


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: why the form was refused, and what was typed, ready to send again."""
    context = {
        "fields": typed_fields(request) if offered_again(request) else [],
        "form_url": request.get_full_path(),
    }
    response = render_error_page(request, "403_csrf.html", context, FORBIDDEN)
    add_never_cache_headers(response)  # the page holds what the reader typed
    return response
