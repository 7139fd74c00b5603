"""Regions and topics translated before slugs were synchronised take their English term's slug again,
so shared filter links (?region=caucasus) find them in every language."""

from django.conf import settings
from django.db import migrations


def take_english_slugs(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    for name in ("Region", "Topic"):
        model = apps.get_model("pages", name)
        english = dict(model.objects.filter(locale=default).values_list("translation_key", "slug"))
        for term in model.objects.exclude(locale=default).filter(translation_key__in=list(english)):
            slug = english[term.translation_key]
            taken = model.objects.filter(locale_id=term.locale_id, slug=slug).exclude(pk=term.pk).exists()
            if term.slug != slug and not taken:
                term.slug = slug
                term.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(take_english_slugs, migrations.RunPython.noop)]
