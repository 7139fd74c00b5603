"""Children of a page, found through the page path's index on every database.

Wagtail's ``child_of`` matches ``path LIKE 'prefix%'``. SQLite reads an index for LIKE only when
LIKE is case-sensitive, which Django's SQLite backend leaves off (its ``icontains`` relies on it),
so each such listing read the whole page table: 15 ms for the shop's eight products at 100,000
articles, growing with the archive. A page's children have paths in the interval treebeard's own
``get_children`` reads (the page's path followed by one step of the tree's alphabet), a range any
database answers from the path's index. It is for the listings of a page's children (a few rows
of a large tree); a whole section's articles are read through the listing's own indexes.
"""

from wagtail.models import Page


def children_of(queryset, page):
    """The pages of ``queryset`` that are children of ``page``."""
    return queryset.filter(depth=page.depth + 1, path__range=Page._get_children_path_interval(page.path))
