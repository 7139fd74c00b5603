"""Settings shared by every environment.

Every environment variable the project reads is declared in the block below, typed and with
a local default, so that running with no variables at all gives a working development site
(SQLite, database search, local-memory cache, console e-mail).
"""

import ipaddress
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from botocore.config import Config as BotoConfig
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from config.database import database_from_url
from config.search_backends import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Environment -----------------------------------------------------------------------------
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
# Media (images, renditions, documents) in S3-compatible object storage when a bucket is named;
# otherwise files under MEDIA_ROOT. Read by core.media.MediaStorage (django-storages' names).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # unset: AWS itself
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None  # unset: boto3's own chain (e.g. a role)
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None  # "path", "virtual"
AWS_LOCATION = os.environ.get("AWS_LOCATION", "")  # key prefix inside the bucket, e.g. "staging"
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "EGF <no-reply@egf.example>")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "office@egf.example")
SHOP_ORDER_EMAIL = os.environ.get("SHOP_ORDER_EMAIL", CONTACT_EMAIL)  # where shop order requests go
EMAIL_URL = os.environ.get("EMAIL_URL", "")  # smtp://user:password@host:587, "smtp+tls://" for STARTTLS
# Seconds before a mail server that does not answer counts as failed (the mail is retried later).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Background tasks: "immediate" runs them in the request (zero setup), "database" queues them for
# `manage.py db_worker` (production's default).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
SCHEDULER_INTERVAL = int(os.environ.get("SCHEDULER_INTERVAL", "30"))  # seconds between publish_scheduled runs
REDIS_URL = os.environ.get("REDIS_URL", "")
# Seconds before a Redis that does not connect or answer counts as down (pages then render uncached),
# and how long a process then leaves it alone before trying again (core/redis_cache.py).
REDIS_CONNECT_TIMEOUT = float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25"))
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "2"))
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_MAJOR = int(os.environ.get("ELASTICSEARCH_MAJOR", "8"))
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "egf_")
# Addresses or networks of our proxies in front of gunicorn (Varnish, a load balancer), e.g.
# 127.0.0.1,10.0.0.0/8: X-Forwarded-For is believed only from them (accounts/rate_limit.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is neither an IP address nor a network."
        ) from None
# Sites whose players pages may embed in a frame (Wagtail embeds), besides the site itself.
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES", "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com"
)
DEMO_APP = env_bool("DEMO_APP", True)  # seed_demo and the benchmarks; production defaults to off
# Page cache in front of the site (core/cache_headers.py): seconds a public page is kept by
# readers' browsers and by the shared cache (Varnish, CDN), which core/cache_purge.py purges.
CACHE_CONTROL_MAX_AGE = int(os.environ.get("CACHE_CONTROL_MAX_AGE", "60"))
CACHE_CONTROL_S_MAXAGE = int(os.environ.get("CACHE_CONTROL_S_MAXAGE", "600"))
# Seconds the shared cache keeps a page part that every reader sees alike (core.fragments); 0: none.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", str(CACHE_CONTROL_S_MAXAGE)))
# Where purges go: Varnish servers taking PURGE/BAN (comma-separated, e.g. http://127.0.0.1:6081),
# a Cloudflare zone (API token with Cache Purge), a CloudFront distribution (boto3's credentials).
FRONTEND_CACHE_PURGE_URL = env_list("FRONTEND_CACHE_PURGE_URL", "")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
CLOUDFRONT_DISTRIBUTION_ID = os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", "")

# --- Applications ----------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_filters",
    "allauth",
    "allauth.account",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]
# In dependency order: each app imports only those above it. Django runs their ready() in this
# order, so core's cache invalidation is connected before the handlers of search that rely on it.
LOCAL_APPS = [
    "core",
    "accounts",
    "experts",
    "pages",
    "home",
    "forum",
    "shop",
    "search",
    "archive",
]
if DEMO_APP:
    LOCAL_APPS.append("demo")
# taggit first: Wagtail's indexing asks apps.is_installed("taggit") for every field of every object
# it indexes, and the registry answers by walking the apps in order (about a twentieth of a reindex).
INSTALLED_APPS = ["taggit"] + LOCAL_APPS + THIRD_PARTY_APPS + DJANGO_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (the admin's own under /admin/) and Permissions-Policy on every response.
    "core.security_headers.SecurityHeadersMiddleware",
    "core.request_memo.RequestMemoMiddleware",  # repeated shared-cache reads answered once a request
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions and CSRF, so it sees the cookies they set (core/cache_headers.py and core/cache_purge.py).
    "core.cache_headers.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.request_site.RequestSiteMiddleware",  # the Wagtail site from the shared cache, not a query
    "core.form_encoding.FormEncodingMiddleware",  # refuses form data that is not valid text
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "core.error_pages.csrf_failure"  # the site's page, with the typed text kept
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data ------------------------------------------------------------------------------------
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.SharedRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
                "outage_retry_seconds": REDIS_RETRY_SECONDS,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# "Translate this page" (and a section with its sub-pages) makes drafts: a translation goes live
# when its translator publishes it, never as an untranslated copy of the English page.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    # One private bucket for every app server. Pages link renditions at MEDIA_URL (served by
    # core.media.serve_rendition), never at the bucket; the AWS_* settings above configure it.
    STORAGES["default"] = {"BACKEND": "core.media.MediaStorage"}
    # A storage that hangs must not hold a reader for boto's minute of default timeouts and retries:
    # past these the request answers the site's 503 (core.unavailable).
    AWS_S3_CLIENT_CONFIG = BotoConfig(
        s3={"addressing_style": AWS_S3_ADDRESSING_STYLE} if AWS_S3_ADDRESSING_STYLE else None,
        connect_timeout=int(os.environ.get("AWS_S3_CONNECT_TIMEOUT", "3")),
        read_timeout=int(os.environ.get("AWS_S3_READ_TIMEOUT", "10")),
        retries={"max_attempts": 2, "mode": "standard"},
    )
# Documents always go through Wagtail's view, which checks collection restrictions, then streams the
# file from the storage (never a redirect to a bucket URL that could be passed on).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Accounts (django-allauth) ---------------------------------------------------------------
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"  # its e-mails go through the background mail
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Name, affiliation and country, asked (optionally) at sign-up and kept on MemberProfile.
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.MemberDetailsForm"
# A filled-in trap field makes allauth pretend the sign-up worked, without creating the account.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Following the link in the browser that signed up logs the reader in. allauth does so only in
# that session: a link opened elsewhere (another browser, a forwarded mail) confirms the address
# and then asks for the password, so the link alone never opens the account.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Messages name the member by their name or address; usernames are internal.
ACCOUNT_USER_DISPLAY = "accounts.adapter.member_display_name"
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up and reset answer the same whether or not the address has an account.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[EGF] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,  # counted by accounts.login_throttle, shared with the admin's login
    "login": "30/m/ip",
    "signup": "5/10m/ip",
    "reset_password": "10/m/ip,3/10m/key",
    "confirm_email": "1/3m/key",
}
# allauth's rate limits count per visitor IP as accounts.adapter.AccountAdapter.get_client_ip tells
# it (TRUSTED_PROXIES), not by its ALLAUTH_TRUSTED_PROXY_COUNT, which believes X-Forwarded-For from
# whoever connects.
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
# Pages restricted to logged-in users or groups send readers to the site's login, not Wagtail's bare form.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# --- Content-Security-Policy (django-csp; the admin's is in core/security_headers.py) ----------
# Only the site's own scripts run (a nonce admits an inline one, should a template ever need it).
# Styles may be inline: Wagtail's embeds size their frames with style attributes, and a style
# cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# --- Staff sign-in (accounts/staff_login.py, accounts/two_factor.py) --------------------------
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.staff_login.StaffLoginForm"
OTP_TOTP_ISSUER = "EGF"  # the name authenticator apps show next to the code
# Staff reset a forgotten password on the site (allauth: rate-limited, the same for every address);
# Wagtail's own reset form has no limit.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- E-mail ----------------------------------------------------------------------------------
if EMAIL_URL:
    _mail = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = "tls" in _mail.scheme
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "European Geopolitical Forum"
# No avatars from Gravatar: each would hand a hash of a staff member's address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAILSEARCH_BACKENDS = search_backends(
    DATABASES["default"]["ENGINE"],
    elasticsearch_url=ELASTICSEARCH_URL,
    elasticsearch_major=ELASTICSEARCH_MAJOR,
    opensearch_url=OPENSEARCH_URL,
    index_prefix=SEARCH_INDEX_PREFIX,
)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Formats every content picture is offered in before its JPEG/PNG fallback (core/templatetags/
# responsive_images.py); AVIF is skipped where Pillow cannot write it.
RESPONSIVE_IMAGE_FORMATS = ("avif", "webp")
# Page editors can exceed Django's default of 1000 form fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Page cache (core/cache_headers.py, core/cache_purge.py, deploy/varnish/) ----------------------------------------
# Wagtail's front-end cache purges, one backend per cache; none configured: nothing is sent.
WAGTAILFRONTENDCACHE = {}
for _number, _location in enumerate(FRONTEND_CACHE_PURGE_URL, start=1):
    WAGTAILFRONTENDCACHE[f"varnish{_number}"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _location,
    }
if CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": CLOUDFLARE_ZONE_ID,
        "BEARER_TOKEN": CLOUDFLARE_API_TOKEN,
    }
if CLOUDFRONT_DISTRIBUTION_ID:
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": CLOUDFRONT_DISTRIBUTION_ID,
    }
# core.cache_purge purges each translation at its own URL; Wagtail need not rewrite every URL into
# every language (the Russian page's slug may differ).
WAGTAILFRONTENDCACHE_LANGUAGES = []
# Never shared, whoever asks: the admins, accounts (sign-up, login, the member's pages), search and
# its suggestions. deploy/varnish/default.vcl passes the same paths.
PAGE_CACHE_PRIVATE_PATHS = [
    r"^/admin/",
    rf"^/({'|'.join(code for code, _name in LANGUAGES)})/(accounts|search)/",
]
