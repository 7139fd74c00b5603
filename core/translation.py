"""Keeping translated pages in step with their English source where wagtail-localize does not.

wagtail-localize copies plain fields and child relations but skips many-to-many fields and
keeps page references pointing at the source language. Regions, topics and authors are
synchronised fields in this project, so a translated page takes them from its source on
every save, mapped to their translations in its own language where those exist.
"""

from wagtail.models import Locale


def in_locale(model, objects, locale_id):
    """The same objects in another locale (matched by translation_key), the original where missing."""
    objects = list(objects)
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
            for name in self.synchronised_tags:
                relation = getattr(source, name)
                setattr(self, name, in_locale(relation.model, relation.all(), self.locale_id))
            self.synchronise_extra_from(source)
        return super().save(*args, **kwargs)

    def synchronise_extra_from(self, source):
        """Hook for page types with more synchronised relations."""

    def _source_page(self):
        default = Locale.get_default()
        if not self.pk or self.locale_id in (None, default.pk):
            return None
        return type(self).objects.filter(translation_key=self.translation_key, locale=default).first()
