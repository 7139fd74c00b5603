"""Resolve a page from its URL in two queries, however deep it sits in the tree.

Wagtail's default routing walks the tree one level at a time, two queries per level
(child lookup, then the specific page). Articles sit four levels below the home page, so
the section root looks the deepest page up by its stored ``url_path`` instead and lets
that page's own ``route`` handle what is left (e.g. an event's ``ics/`` sub-route). The first
query reads only the page's id and type, so the page is built once, as its own class, by the
second (instead of as a plain page first, then again through ``.specific``).
"""

from django.contrib.contenttypes.models import ContentType
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
        found = (
            Page.objects.filter(url_path__in=candidates, path__startswith=self.path)
            .order_by("-depth")
            .values_list("pk", "content_type_id", "url_path")
            .first()
        )
        if found is None:
            raise Http404
        pk, content_type_id, url_path = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a page type no longer in the code: Wagtail routes it as a plain page
            model = Page
        target = model._default_manager.get(pk=pk)
        if target.depth == self.depth + 1:
            target._cached_parent_obj = self
        return target.route(request, path_components[candidates[url_path] :])
