"""A view restriction set on any language version of a page holds for every version of it.

Editors restrict a section once, in whichever language they are working; readers of the other
language must not find the translation open. Wagtail keeps a restriction per page and
wagtail-localize copies it only when a translation is created or synchronised, so this module
copies each change at once: a restriction saved, its groups changed, or it removed. The copy is
made when the change commits (Wagtail's privacy dialog saves the restriction, then its groups)
and only where a version differs, so copying back from a version that was just updated stops at once.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction


def _other_versions(page_id):
    page = Page.objects.filter(pk=page_id).only("translation_key").first()
    if page is None:  # deleted with its restriction: its translations keep theirs
        return []
    return list(Page.objects.filter(translation_key=page.translation_key).exclude(pk=page_id))


def _shape(restriction):
    return (
        restriction.restriction_type,
        restriction.password,
        frozenset(restriction.groups.values_list("pk", flat=True)),
    )


def _match(version, shape):
    """Gives ``version`` exactly one restriction of this shape (or none when ``shape`` is None)."""
    restrictions = list(PageViewRestriction.objects.filter(page=version).order_by("pk"))
    if shape is None:
        for restriction in restrictions:
            restriction.delete()
        return
    for duplicate in restrictions[1:]:
        duplicate.delete()
    restriction = restrictions[0] if restrictions else None
    if restriction is not None and _shape(restriction) == shape:
        return
    restriction_type, password, groups = shape
    if restriction is None:
        restriction = PageViewRestriction(page=version)
    restriction.restriction_type = restriction_type
    restriction.password = password
    restriction.save()
    restriction.groups.set(groups)


def copy_to_other_versions(page_id):
    """Every other language version of the page gets the page's restriction as it is now."""
    own = PageViewRestriction.objects.filter(page_id=page_id).order_by("pk").first()
    shape = _shape(own) if own is not None else None
    # One transaction: the copies' own signals then run after it, when every version already matches.
    with transaction.atomic():
        for version in _other_versions(page_id):
            _match(version, shape)


def _after_commit(page_id):
    transaction.on_commit(lambda: copy_to_other_versions(page_id))


def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _after_commit(instance.page_id)


def restriction_deleted(sender, instance, **kwargs):
    _after_commit(instance.page_id)


def restriction_groups_changed(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        _after_commit(instance.page_id)


def connect():
    post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid="shared-restriction-saved")
    post_delete.connect(
        restriction_deleted, sender=PageViewRestriction, dispatch_uid="shared-restriction-deleted"
    )
    m2m_changed.connect(
        restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="shared-restriction-groups",
    )
