"""Parts of a page that are the same for everyone who may see the page, rendered once and kept in
the shared cache: an article's text, a listing's results, the home page's latest articles, a
page's head.

The header, the messages and anything else that depends on the reader stay outside them. A
fragment's key holds what its HTML depends on besides its page: the tree generation (every publish,
unpublish, move or deletion changes it, as for the menus, and so does saving or deleting a term,
an image, a document or a view restriction), the language, the site, and the variant a template
passes (a listing's filters and page number). What no key follows, the clock
(an event no longer upcoming, the date a citation was read), shows within
``FRAGMENT_CACHE_SECONDS`` (by default ``CACHE_CONTROL_S_MAXAGE``, the bound the page cache in
front already keeps; 0 renders every part every time). Previews and pages
not saved yet are rendered every time.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site

from core.menus import invalidate_menus, tree_generation

# What Wagtail writes back onto an image or document the first time it reads the file: nothing shown.
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def invalidate_fragments(update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    invalidate_menus()


def fragment_key(request, name, page, variant):
    """The cache key of fragment ``name`` of ``page`` for this request, or None when it must be
    rendered afresh: outside a request, in a preview, for an unsaved page, or with no variant."""
    if request is None or getattr(request, "is_preview", False) or getattr(page, "pk", None) is None:
        return None
    if variant is None:
        return None
    site = Site.find_for_request(request)
    variant_digest = hashlib.sha1(str(variant).encode()).hexdigest()[:16]
    return (
        f"fragment:{name}:{page.pk}:{tree_generation()}:"
        f"{translation.get_language()}:{site.pk if site else 0}:{variant_digest}"
    )


def cached_fragment(key, render):
    """The HTML kept under ``key``, or ``render()``'s, then kept for the next reader."""
    if key is None or not settings.FRAGMENT_CACHE_SECONDS:
        return render()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, settings.FRAGMENT_CACHE_SECONDS)
    return html


def follow(*models):
    """Saving or deleting one of ``models`` drops every fragment (called from apps' ready()): it
    changes the tree generation, which the menus and listing indexes follow too (rare, cheap)."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(invalidate_fragments, sender=model, dispatch_uid=f"fragments-save-{label}")
        post_delete.connect(invalidate_fragments, sender=model, dispatch_uid=f"fragments-delete-{label}")


def connect():
    follow(get_image_model(), get_document_model(), PageViewRestriction)
