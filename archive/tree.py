"""Adding an imported page under its section in five queries (raise the section's child count,
read its last child's path, the two inserts, the log entry) where treebeard's ``add_child`` and a
validating save take about fifteen.

``add_child`` locks and reads the parent again, reads its last child, and the page's save then
checks every foreign key and unique field with a query each. An import has its section, a free
slug (``ArchiveImport._free_slug``) and keys it set itself, so here the numchild update locks the
parent's row (until the commit, as ``add_child``'s lock does), one query reads the last child's
path, and the page is checked field by field without the database before it is saved unvalidated.
"""

from django.db.models import F, ForeignKey
from django.utils import timezone
from wagtail.models import Page, PageLogEntry


def append_page(parent, page):
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    last_path = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    page.depth = parent.depth + 1
    page.path = Page(path=last_path)._inc_path() if last_path else Page._get_path(parent.path, page.depth, 1)
    parent.numchild += 1
    page._set_core_field_defaults()
    keys = [field.name for field in type(page)._meta.get_fields() if isinstance(field, ForeignKey)]
    page.clean_fields(exclude=keys + ["page_ptr"])
    page._cached_parent_obj = parent
    page._is_site_root = False  # a section's child never is; saves asking the sites table
    page.save(clean=False, log_action=None)
    # Logged as Wagtail logs a new page; bulk_create writes the row without the entry's save, which
    # would check the keys just written with a query each.
    entry = PageLogEntry(
        page=page,
        content_type=page.content_type,
        label=page.get_admin_display_title(),
        action="wagtail.create",
        content_changed=True,
        timestamp=timezone.now(),
    )
    PageLogEntry.objects.bulk_create([entry])
    return page
