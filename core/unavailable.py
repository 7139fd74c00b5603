"""What readers get when the database is down: a 503 in their language, never a 500 or a traceback.

Django calls the project's handler500 inside the ``except`` block of whatever failed (a view, a
template, a middleware), so the handler can tell a lost database from a bug: the first answers
503 with ``Retry-After`` from a template that needs no database, the second keeps the 500 page.
"""

import logging
import sys
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.template.response import SimpleTemplateResponse
from django.utils import translation
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def _language_of(request):
    prefix = request.path.strip("/").split("/", 1)[0]
    return translation.get_supported_language_variant(prefix) if prefix else translation.get_language()


def _database_is_down():
    """Lost connections and refused ones are OperationalError or InterfaceError on every backend."""
    return isinstance(sys.exc_info()[1], (OperationalError, InterfaceError))


def server_error(request):
    if not _database_is_down():
        return django_server_error(request)
    logger.error("Database unavailable while serving %s", request.path, exc_info=True)
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
            response = SimpleTemplateResponse("503.html", {"language": language}).render()
    response.status_code = HTTPStatus.SERVICE_UNAVAILABLE
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
