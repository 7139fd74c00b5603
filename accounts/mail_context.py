"""What allauth's e-mails say about the site: its name and public address, never the request's host.

allauth names the site after the request (a RequestSite built from the Host header) and builds
its links with ``request.build_absolute_uri``, so a reader who signed up at an internal address
(``127.0.0.1:8131``, a server's own name) would get mail from and links to that address.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings


def named_site():
    """Stands in for allauth's ``current_site``: the site's name and the host of SITE_BASE_URL."""
    return SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_BASE_URL).netloc)


def on_public_site(data, request):
    """The mail's context with every link built on the request's host moved to SITE_BASE_URL."""
    origin = request.build_absolute_uri("/")
    base = settings.SITE_BASE_URL.rstrip("/") + "/"

    def moved(value):
        if isinstance(value, str) and value.startswith(origin):
            return base + value.removeprefix(origin)
        return value

    return {key: moved(value) for key, value in data.items()}
