"""Test run: the same apps as production, with fast and isolated pieces."""

import os
import tempfile

from .base import *  # noqa: F401,F403

SECRET_KEY = "test-secret-key"
DEBUG = False
# Fast hashing: password hashing strength is not under test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process keeps its own cache: a REDIS_URL in the environment must never be flushed by tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Background work (Wagtail's tasks) runs at once, so a test sees its effects without a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Outgoing mail lands in django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploaded images and documents go to a throwaway folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="egf-test-media-")
# Static files are served from the apps' folders; an empty root keeps whitenoise quiet.
STATIC_ROOT = tempfile.mkdtemp(prefix="egf-test-static-")
# Tests run without collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Hosts used by Django's test client and the live server.
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
# No persistent connections: the live server's thread must not hold the test database open.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The engine's test indexes never overwrite the development ones; TEST_SEARCH_INDEX_PREFIX keeps
# two test runs sharing one engine apart.
if "URLS" in WAGTAILSEARCH_BACKENDS["default"]:  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = os.environ.get(  # noqa: F405
        "TEST_SEARCH_INDEX_PREFIX", "egf_test_"
    )
# Renditions are made afresh in every test (their rows roll back): AVIF takes about a second per
# picture, so tests offer WebP alone; tests/test_responsive_images.py switches AVIF back on.
RESPONSIVE_IMAGE_FORMATS = ("webp",)
