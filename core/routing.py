"""Resolve a page from its URL in two queries, however deep it sits in the tree.

Wagtail's default routing walks the tree one level at a time, two queries per level
(child lookup, then the specific page). Articles sit four levels below the home page, so
the section root looks the deepest page up by its stored ``url_path`` instead and lets
that page's own ``route`` handle what is left (e.g. an event's ``ics/`` sub-route).
"""

from django.http import Http404
from wagtail.models import Page


class DirectRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        candidates = {
            self.url_path + "/".join(path_components[:length]) + "/": length
            for length in range(1, len(path_components) + 1)
        }
        target = (
            Page.objects.filter(url_path__in=candidates, path__startswith=self.path)
            .order_by("-depth")
            .first()
        )
        if target is None:
            raise Http404
        if target.depth == self.depth + 1:
            target._cached_parent_obj = self
        remaining = path_components[candidates[target.url_path] :]
        return target.specific.route(request, remaining)
