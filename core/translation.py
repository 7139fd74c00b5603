"""Keeping translated pages in step with their English source where wagtail-localize does not.

wagtail-localize copies plain fields and child relations but skips many-to-many fields and
keeps page references pointing at the source language. Regions, topics and authors are
synchronised fields in this project, so a translated page takes them from its source on
every save, mapped to their translations in its own language where those exist.

wagtail-localize also copies synchronised fields (dates, images, authors) only when someone
syncs; `carry_synchronised_fields` copies them the moment the English page is published, and
leaves the translated text alone.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models import Locale
from wagtail.signals import page_published
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation

_remembered = ContextVar("synchronised_sources_remembered", default=None)


@contextmanager
def sources_remembered():
    """Within this block a translation reads its source and the source's tags once, however often
    it is saved: wagtail-localize saves a new translation three or four times on the way to
    publishing it. For blocks in which no source page changes (an import writing one translation)."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def _remember(key, compute):
    memo = _remembered.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def in_locale(model, objects, locale_id):
    """The same objects in another locale (matched by translation_key), the original where missing."""
    objects = list(objects)
    key = ("in_locale", model, tuple(obj.pk for obj in objects), locale_id)
    return _remember(key, lambda: _in_locale(model, objects, locale_id))


def _in_locale(model, objects, locale_id):
    translated = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            translation_key__in=[obj.translation_key for obj in objects], locale_id=locale_id
        )
    }
    return [translated.get(obj.translation_key, obj) for obj in objects]


class SynchronisedFromSourceMixin:
    """Copies the source page's tags (and expert authors) onto a translation when it is saved."""

    synchronised_tags = ("regions", "topics")

    def save(self, *args, **kwargs):
        source = self._source_page()
        if source is not None:
            self.synchronise_from(source)
        return super().save(*args, **kwargs)

    def synchronise_from(self, source):
        for name in self.synchronised_tags:
            relation = getattr(source, name)
            key = ("tags", type(source), source.pk, name)
            tags = _remember(key, lambda relation=relation: list(relation.all()))
            setattr(self, name, in_locale(relation.model, tags, self.locale_id))
        self.synchronise_extra_from(source)

    def synchronise_extra_from(self, source):
        """Hook for page types with more synchronised relations."""

    def _source_page(self):
        if not self.pk or self.locale_id is None:
            return None
        default = _remember(("default locale",), Locale.get_default)
        if self.locale_id == default.pk:
            return None
        key = ("source", type(self), self.translation_key)
        return _remember(
            key, type(self).objects.filter(translation_key=self.translation_key, locale=default).first
        )


def carry_synchronised_fields(sender, instance, revision=None, **kwargs):
    """On publishing an English page, its synchronised fields reach every synced translation.

    A translation that is live with nothing pending is published again at once; a draft, or a live
    page with a translator's changes pending, gets a new draft revision (and its live version the
    new values), so no unfinished translation goes live by this.
    """
    source = instance.specific
    if source.locale_id != Locale.get_default().pk:
        return
    synced_locales = Translation.objects.filter(
        source__object_id=source.translation_key, source__locale_id=source.locale_id, enabled=True
    ).values("target_locale_id")
    user = revision.user if revision is not None else None
    for target in type(source).objects.filter(
        translation_key=source.translation_key, locale__in=synced_locales
    ):
        if target.live and not target.has_unpublished_changes:
            _take_synchronised_fields(target, source)
            target.save_revision(user=user, clean=False).publish(user=user)
            continue
        draft = target.get_latest_revision_as_object()
        _take_synchronised_fields(draft, source)
        draft.save_revision(user=user, clean=False)
        if target.live:
            _take_synchronised_fields(target, source)
            target.save(clean=False)


def _take_synchronised_fields(target, source):
    copy_synchronised_fields(source, target)
    if isinstance(target, SynchronisedFromSourceMixin):
        target.synchronise_from(source)


def connect():
    page_published.connect(carry_synchronised_fields, dispatch_uid="translations-take-synchronised-fields")
