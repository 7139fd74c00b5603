"""Sending purges to the caches in front: PURGE and BAN to Varnish at once, CDN APIs as a task."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

import requests
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import CloudflareBackend, CloudfrontBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

HTTP_PURGE_TIMEOUT = 3  # seconds for one PURGE or BAN request to Varnish


def _send(backend, method, url):
    parts = urlsplit(url)
    target = urlunsplit((backend.cache_scheme, backend.cache_netloc, parts.path or "/", parts.query, ""))
    request = Request(target, method=method, headers={"Host": parts.netloc, "User-Agent": "egf-page-cache"})
    with urlopen(request, timeout=HTTP_PURGE_TIMEOUT) as response:  # the configured cache only
        response.read()


def purge_http_cache(backend, urls, subtrees):
    """PURGE each page and BAN each subtree on one Varnish (Wagtail's HTTPBackend settings), at once:
    a few requests on the local network, so a reader asking a second later gets the new page
    (a task queue polled every second could not promise that). A cache that does not answer is
    logged and skipped for the rest of this change; its copies expire after CACHE_CONTROL_S_MAXAGE."""
    requests_to_send = [("PURGE", url) for url in sorted(urls)] + [("BAN", url) for url in sorted(subtrees)]
    for method, url in requests_to_send:
        if not backend.invalidates_hostname(urlsplit(url).netloc):
            continue
        try:
            _send(backend, method, url)
        except HTTPError as error:
            logger.error("Varnish at %s refused %s %s: %s", backend.cache_netloc, method, url, error)
        except (URLError, OSError) as error:
            logger.error(
                "Varnish at %s does not answer (%s %s): %s", backend.cache_netloc, method, url, error
            )
            return


def _cloudflare_purge_everything(backend):
    """Cloudflare drops no subtree by URL, but empties a whole zone on any plan."""
    if backend.cloudflare_token:
        headers = {"Authorization": f"Bearer {backend.cloudflare_token}"}
    else:
        headers = {"X-Auth-Email": backend.cloudflare_email, "X-Auth-Key": backend.cloudflare_api_key}
    try:
        response = requests.post(
            backend.cloudflare_purge_endpoint_url,
            json={"purge_everything": True},
            headers=headers,
            timeout=30,
        )
        response.raise_for_status()
    except requests.RequestException as error:
        logger.error("Could not empty the Cloudflare zone %s: %s", backend.cloudflare_zoneid, error)


@task()
def purge_subtrees(urls, backends=None):
    """Drops each address and everything below it from the front-end caches (all, or those named):
    a BAN to Varnish, a wildcard invalidation on CloudFront, the whole zone on Cloudflare for a site
    root; otherwise the address alone (what is below it expires after CACHE_CONTROL_S_MAXAGE)."""
    for backend in get_backends(backends=backends).values():
        mine = [url for url in urls if backend.invalidates_hostname(urlsplit(url).netloc)]
        if not mine:
            continue
        if hasattr(backend, "purge_subtrees"):
            backend.purge_subtrees(mine)
        elif isinstance(backend, HTTPBackend):
            purge_http_cache(backend, [], mine)
        elif isinstance(backend, CloudfrontBackend):
            backend.purge_batch([f"{url}*" for url in mine])
        elif isinstance(backend, CloudflareBackend) and any(urlsplit(url).path == "/" for url in mine):
            _cloudflare_purge_everything(backend)
        else:
            backend.purge_batch(mine)
