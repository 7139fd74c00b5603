"""Paginated lists as the site shows them (1 … 4 5 6 … 20), at the same cost on every page.

An SQL ``OFFSET`` makes the database walk past every row before the page, so the last page of a
large archive costs many times the first, and the count walks all of them again on every request.
``AnchoredPaginator`` instead keeps, per listing, the total and the sort key of every
``ANCHOR_STRIDE``-th row in the cache (one query over the whole listing, repeated only when the
listing's ``version`` changes or after ``INDEX_TIMEOUT``). A page then starts from the nearest
anchor before it (``WHERE (date, pk) < anchor``), with an offset below ``ANCHOR_STRIDE``: page
1,000 costs what page 1 costs, in the same queries. The numbered links stay as they were.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import F, Q, Window
from django.db.models.functions import Mod, RowNumber
from django.utils.functional import cached_property

# Rows between two anchors: a page's own query skips fewer rows than this.
ANCHOR_STRIDE = 200
# A listing whose version missed a change (rows written without signals) is right again after this.
INDEX_TIMEOUT = 60 * 10
INDEX_KEY_PREFIX = "listing-index"


def elided_page_range(page):
    return page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)


class AnchoredPaginator(Paginator):
    """A Paginator over ``object_list`` ordered by ``ordering`` (field names, all descending with
    "-" or all ascending, unique together, never NULL, e.g. ``["-date", "-pk"]``).

    ``version`` is part of the cache key: pass a value that changes whenever rows are added,
    removed or reordered (e.g. ``core.menus.tree_generation()`` for pages)."""

    def __init__(self, object_list, per_page, ordering, version):
        descending = {name.startswith("-") for name in ordering}
        if len(descending) != 1:
            raise ValueError("AnchoredPaginator needs every ordering field in the same direction.")
        self.descending = descending.pop()
        self.fields = [name.lstrip("-") for name in ordering]
        self.version = version
        super().__init__(object_list.order_by(*ordering), per_page)

    @cached_property
    def _index(self):
        """(count, anchors): anchors[i] is the sort key of row (i + 1) × ANCHOR_STRIDE."""
        # The SQL with its parameters names the listing exactly: section, filters, hidden paths.
        try:
            sql = str(self.object_list.query).encode()
        except EmptyResultSet:  # a listing that matches nothing by construction (.none())
            return 0, []
        key = f"{INDEX_KEY_PREFIX}:{self.version}:{hashlib.sha256(sql).hexdigest()[:32]}"
        index = cache.get(key)
        if index is None:
            index = self._read_index()
            cache.set(key, index, INDEX_TIMEOUT)
        return index

    def _read_index(self):
        count = self.object_list.count()
        if count <= ANCHOR_STRIDE:
            return count, []
        ordering = [F(name).desc() if self.descending else F(name).asc() for name in self.fields]
        rows = (
            self.object_list.prefetch_related(None)
            .annotate(row_number=Window(RowNumber(), order_by=ordering))
            .annotate(place=Mod(F("row_number"), ANCHOR_STRIDE))
            .filter(place=0)
            .values_list("row_number", *self.fields)
            .order_by()
        )
        return count, [tuple(key) for _number, *key in sorted(rows)]

    @cached_property
    def count(self):
        return self._index[0]

    def page(self, number):
        number = self.validate_number(number)
        first = (number - 1) * self.per_page
        anchor_number = min(first // ANCHOR_STRIDE, len(self._index[1]))
        rows = self.object_list
        if anchor_number:
            rows = rows.filter(self._after(self._index[1][anchor_number - 1]))
        offset = first - anchor_number * ANCHOR_STRIDE
        return Page(list(rows[offset : offset + self.per_page]), number, self)

    def _after(self, key):
        """Rows that come after the row whose sort key is ``key`` (a keyset condition)."""
        beyond, up_to = ("lt", "lte") if self.descending else ("gt", "gte")
        condition = Q(pk__in=[])
        for position, name in enumerate(self.fields):
            same = dict(zip(self.fields[:position], key, strict=False))
            condition |= Q(**same, **{f"{name}__{beyond}": key[position]})
        # Redundant, but it lets the database start its index scan at the anchor instead of
        # testing the OR on every row before it.
        return Q(**{f"{self.fields[0]}__{up_to}": key[0]}) & condition
