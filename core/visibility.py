"""Which pages anonymous readers may see, without a query per listing.

Wagtail's ``.public()`` reads every view restriction each time it is called; a page view
can call it several times (the listing, the home page's two lists). The restricted paths
change only when a restriction is added or removed or a page moves, so they are cached
and forgotten on exactly those events.
"""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.signals import post_page_move

from core.menus import tree_generation
from core.request_memo import once_per_request

RESTRICTED_PATHS_KEY = "restricted-page-paths"
RESTRICTED_PATHS_TIMEOUT = 60 * 60 * 24  # each generation's copy; a publish starts the next one


def _cache_key():
    # Under the tree generation as well: after a cache outage the generation moves on, so a list
    # kept from before a restriction was added (its delete never reached the cache) is not read again.
    return f"{RESTRICTED_PATHS_KEY}:{tree_generation()}"


def restricted_paths_now():
    """Read from the database: for decisions that outlive a request, such as what goes into search."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


@once_per_request
def restricted_paths():
    key = _cache_key()
    paths = cache.get(key)
    if paths is None:
        paths = restricted_paths_now()
        cache.set(key, paths, RESTRICTED_PATHS_TIMEOUT)
    return paths


def public_only(pages):
    """The pages of a queryset that lie outside every restricted section (like .public())."""
    private = Q(pk__in=[])
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.exclude(private)


def hidden_collection_paths(request):
    """Tree paths of the restricted document collections this reader does not pass (with everything
    below each): documents there are neither listed nor served to them."""
    restrictions = CollectionViewRestriction.objects.select_related("collection")
    return [r.collection.path for r in restrictions if not r.accept_request(request)]


def forget_restricted_paths(**kwargs):
    restricted_paths.forget()
    cache.delete(_cache_key())


def connect():
    post_save.connect(
        forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="restricted-paths-save"
    )
    post_delete.connect(
        forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="restricted-paths-delete"
    )
    post_page_move.connect(forget_restricted_paths, dispatch_uid="restricted-paths-move")
