"""A covering index of the entries' language, type and year, on PostgreSQL only.

Facet counts and ranking read these columns for every matched entry; from this narrow index
instead of the table, whose rows carry each body's text. SQLite has no covering indexes (Django
would make it a second index of the primary key there), so it is created by hand.
"""

from django.db import migrations

INDEX = "search_entry_facets"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON site_search_searchentry (id) INCLUDE (locale_id, kind, year)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0003_full_text_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
