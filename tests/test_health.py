"""Liveness, readiness, and what readers see when the database is gone."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings

from tests.served_site import fetch, serve_without_database


def test_liveness_touches_nothing(client):
    response = client.get("/healthz/")  # no db fixture: any query would fail this test
    assert response.status_code == 200
    assert response.content == b"ok"


def test_readiness_checks_every_service(client, db):
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert set(body["services"]) == {"database", "cache", "search engine", "media storage"}
    assert set(body["services"].values()) == {"ok"}


def test_readiness_names_the_cache_when_it_is_down(client, db):
    dead_redis = {
        "default": {
            "BACKEND": "core.redis_cache.SharedRedisCache",  # what production runs
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=dead_redis):  # Django swaps the cache handlers on this change
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert response.json()["services"]["database"] == "ok"


def test_readiness_names_the_search_engine_when_it_is_down(client, db):
    backends = dict(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"] = {
        "BACKEND": "wagtail.search.backends.opensearch3",
        "URLS": ["http://127.0.0.1:1"],
        "INDEX_PREFIX": "egf_down_",
        "TIMEOUT": 1,
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["search engine"]


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    yield from serve_without_database(tmp_path_factory.mktemp("gone"))


@pytest.mark.parametrize(
    "path, heading",
    [("/en/", "The site is not available just now"), ("/ru/context/", "Сайт сейчас недоступен")],
)
def test_without_the_database_readers_get_a_503_page_in_their_language(site_without_database, path, heading):
    status, headers, body = fetch(site_without_database + path)
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert BeautifulSoup(body, "html.parser").select_one("h1").get_text() == heading
    assert "Traceback" not in body


def test_without_the_database_suggestions_answer_json(site_without_database):
    status, headers, body = fetch(site_without_database + "/en/search/suggest/?q=energy")
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert '"suggestions": []' in body


def test_without_the_database_readiness_says_so_and_liveness_does_not(site_without_database):
    status, _headers, body = fetch(site_without_database + "/readyz/")
    assert status == 503
    assert '"failed": ["database"' in body
    assert fetch(site_without_database + "/healthz/")[0] == 200
