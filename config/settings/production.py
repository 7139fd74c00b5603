"""Production: every secret and host comes from the environment; refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, env_bool

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

# Several app servers share one cache (rate limits, menus, restricted sections, sessions' throttles):
# a cache of each process's own would let them disagree, so production refuses to start without Redis.
if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):  # noqa: F405
    raise ImproperlyConfigured(
        "REDIS_URL must name the shared Redis cache in production, e.g. redis://127.0.0.1:6379/0."
    )
# TRUSTED_PROXY_COUNT believed X-Forwarded-For from anyone; left alone it would now be ignored, and
# every visitor behind the proxy would share the proxy's one sign-in limit.
if "TRUSTED_PROXY_COUNT" in os.environ:  # noqa: F405
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT is no longer read: set TRUSTED_PROXIES to your proxies' addresses instead, "
        "e.g. TRUSTED_PROXIES=127.0.0.1 for a Varnish on the same machine."
    )
# Mail, search updates and Wagtail's own background work go to the worker (manage.py db_worker).
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "database")]}}  # noqa: F405
# A Cloudflare zone without its token would fail only at the first purge, long after the deploy.
if CLOUDFLARE_ZONE_ID and not CLOUDFLARE_API_TOKEN:  # noqa: F405
    raise ImproperlyConfigured(
        "CLOUDFLARE_API_TOKEN (a token allowed to purge the zone's cache) must be set."
    )

DEBUG = False
# The demo app (seed_demo, benchmarks) is for development; DEMO_APP=true brings it back.
if not env_bool("DEMO_APP", False):
    INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"]  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
