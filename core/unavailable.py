"""What readers get when the database or the media storage is down: a 503 in their language, never a
500 or a traceback.

Django calls the project's handler500 inside the ``except`` block of whatever failed (a view, a
template, a middleware), so the handler can tell a lost service from a bug: the first answers 503
with ``Retry-After`` from a template that needs no database, the second keeps the 500 page.

A form that was being sent comes back on the 503 page with what the reader typed, ready to send
again (core.error_pages.typed_fields, as on the CSRF page): nothing typed is lost to an outage.
"""

import logging
import sys
from http import HTTPStatus

import urllib3.exceptions
from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as StorageConnectionError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

from core.error_pages import offered_again, typed_fields

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# How far down a chain of exceptions (raise ... from, or raised while handling) a lost service is
# looked for: Wagtail and django-storages sometimes wrap the error they met.
CHAIN_DEPTH = 5


def _language_of(request):
    prefix = request.path.strip("/").split("/", 1)[0]
    return translation.get_supported_language_variant(prefix) if prefix else translation.get_language()


def _storage_is_down(error):
    """The bucket's server refused, dropped or timed out the connection, or answered a 5xx."""
    if isinstance(error, (StorageConnectionError, HTTPClientError, urllib3.exceptions.HTTPError)):
        return True
    if isinstance(error, ClientError):
        return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) >= 500
    return False


def lost_service(error):
    """The name of the shared service whose loss raised ``error``, or None for any other error."""
    for _depth in range(CHAIN_DEPTH):
        if error is None:
            return None
        # Lost connections and refused ones are OperationalError or InterfaceError on every backend.
        if isinstance(error, (OperationalError, InterfaceError)):
            return "database"
        if _storage_is_down(error):
            return "media storage"
        error = error.__cause__ or error.__context__
    return None


# As Django's own error views: the form on the page gets a token matching the reader's CSRF cookie
# (or a new cookie) even when the error came before, or after, the CSRF middleware's turn.
@requires_csrf_token
def server_error(request):
    service = lost_service(sys.exc_info()[1])
    if service is None:
        return django_server_error(request)
    logger.error("The %s is unavailable while serving %s", service, request.path, exc_info=True)
    try:
        language = _language_of(request)
    except LookupError:
        language = translation.get_language()
    with translation.override(language):
        if request.path.rstrip("/").endswith("/search/suggest"):
            response = JsonResponse(
                {"suggestions": [], "error": translation.gettext("Suggestions are not available just now.")}
            )
        else:
            context = {
                "language": language,
                "fields": typed_fields(request) if offered_again(request) else [],
                "form_url": request.get_full_path(),
            }
            # With the request: the form needs a CSRF token, which comes from a cookie, not the database.
            response = HttpResponse(render_to_string("503.html", context, request))
    response.status_code = HTTPStatus.SERVICE_UNAVAILABLE
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # the page may hold what the reader typed
    return response
