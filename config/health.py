"""Probes for load balancers and orchestration.

``/healthz/`` is liveness: the process answers, nothing else is touched (also the floor of the
benchmarks). ``/healthz/serve/`` is what Varnish probes: the process can serve a page, whatever
the shared services do (docs/decisions/0002-readiness-probe.md). ``/readyz/`` is readiness: it
checks each service a page needs and names the ones that failed, so an operator sees at once
whether the database, the cache or the engine is down.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation

from config.search_backends import ENGINE_ALIAS
from search.backends import engine_configured, search_backend

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    cache.set("readiness-probe", "ok", 10)
    if cache.get("readiness-probe") != "ok":
        raise RuntimeError("the cache did not return what was stored")


def check_search_engine():
    if engine_configured() and not search_backend(ENGINE_ALIAS).es.ping():
        raise RuntimeError("the search engine does not answer")


def check_media_storage():
    default_storage.exists("readiness-probe")


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search engine": check_search_engine,
    "media storage": check_media_storage,
}


def liveness(request):
    return HttpResponse("ok", content_type="text/plain")


def serving(request):
    """The request has come through every middleware; the view then renders, in each language, the
    page this process answers with when a shared service is away (503.html: the template engine,
    the translations and the static files' manifest, but no database, cache or storage). A server
    that cannot do that answers 500 and Varnish stops sending it readers; an outage of a shared
    service leaves every server in, each answering with the site's own 503 page."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            render_to_string("503.html", {"language": language}, request=request)
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def readiness(request):
    results, failed = {}, []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # every failure is reported, whatever the service raised
            logger.warning("Readiness: %s failed: %s", name, error)
            results[name] = f"failed: {type(error).__name__}"
            failed.append(name)
        else:
            results[name] = "ok"
    response = JsonResponse({"ready": not failed, "failed": failed, "services": results})
    if failed:
        response.status_code = HTTPStatus.SERVICE_UNAVAILABLE
    response["Cache-Control"] = "no-store"
    return response
