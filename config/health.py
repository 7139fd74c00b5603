"""Probes for load balancers and orchestration.

``/healthz/`` is liveness: the process answers, nothing else is touched (also the floor of the
benchmarks). ``/readyz/`` is readiness: it checks each service a page needs and names the ones
that failed, so an operator sees at once whether the database, the cache or the engine is down.
"""

import logging
from http import HTTPStatus

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse

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
