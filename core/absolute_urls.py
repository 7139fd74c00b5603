"""Every absolute address the site gives out, on one base: ``SITE_BASE_URL``.

Canonical links, mails, "Cite this" with BibTeX and RIS, share links, calendar files, feeds, the
sitemap and robots.txt all name pages by this base, never by the request's Host or the Wagtail
Site's hostname: a page kept by the cache in front, or reached through an internal address, must
still point readers and search engines to the public one. In development ``make run`` sets it to
the address it serves.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_base_url():
    return settings.SITE_BASE_URL.rstrip("/")


def absolute_url(url):
    """``url`` on the site's base; an address that is already absolute (a file on S3) is kept."""
    if url.startswith(("http://", "https://")):
        return url
    return site_base_url() + url


def site_scheme_and_host():
    parts = urlsplit(site_base_url())
    return parts.scheme, parts.netloc
