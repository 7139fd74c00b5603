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

from core.request_memo import once_per_request

RESTRICTED_PATHS_KEY = "restricted-page-paths"


def restricted_paths_now():
    """Read from the database: for decisions that outlive a request, such as what goes into search."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


@once_per_request
def restricted_paths():
    paths = cache.get(RESTRICTED_PATHS_KEY)
    if paths is None:
        paths = restricted_paths_now()
        cache.set(RESTRICTED_PATHS_KEY, paths, None)
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
    cache.delete(RESTRICTED_PATHS_KEY)


def connect():
    post_save.connect(
        forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="restricted-paths-save"
    )
    post_delete.connect(
        forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="restricted-paths-delete"
    )
    post_page_move.connect(forget_restricted_paths, dispatch_uid="restricted-paths-move")
