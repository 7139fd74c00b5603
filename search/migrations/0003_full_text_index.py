"""The database's own full-text index beside the search entries (search.fulltext), filled from
the entries already written."""

from django.db import migrations


def create_and_fill(apps, schema_editor):
    from search import fulltext

    fulltext.create_tables(schema_editor)
    entries = apps.get_model("site_search", "SearchEntry").objects.order_by("pk")
    last = 0
    while batch := list(entries.filter(pk__gt=last)[:1000]):
        fulltext.write(batch)
        last = batch[-1].pk


def drop(apps, schema_editor):
    from search import fulltext

    fulltext.drop_tables(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_debates_and_shop_publications")]

    operations = [migrations.RunPython(create_and_fill, drop)]
