"""/healthz/serve/, the probe Varnish asks before sending a server readers: it fails when the server
cannot render a page, and passes whatever the shared services do (docs/decisions/0002)."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.served_site import fetch, serve_without_database

DEAD_REDIS = {
    "default": {
        "BACKEND": "core.redis_cache.SharedRedisCache",  # what production runs
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_the_probe_passes_through_every_middleware_and_touches_no_service(client):
    # No db fixture: any query would fail this test; the cache is a Redis nobody runs.
    with override_settings(CACHES=DEAD_REDIS):
        response = client.get("/healthz/serve/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "object-src 'none'" in response["Content-Security-Policy"]  # the site's middleware ran
    assert response["Cache-Control"] == "no-store"


def test_a_server_deployed_without_its_static_files_fails_the_probe(tmp_path):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):  # no collectstatic ran here
        response = Client(raise_request_exception=False).get("/healthz/serve/")
    assert response.status_code == 500


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    yield from serve_without_database(tmp_path_factory.mktemp("gone"))


def test_with_the_database_down_the_server_stays_in_and_answers_with_the_sites_503(site_without_database):
    assert fetch(site_without_database + "/healthz/serve/")[0] == 200
    status, headers, body = fetch(site_without_database + "/en/")
    assert (status, headers["Retry-After"]) == (503, "30")
    assert "The site is not available just now" in body
