# The site's routing (core.routing) finds a page by its url_path in one query; Wagtail does not
# index that column, so without this every request read the whole page table.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_article_listing_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX page_url_path_idx ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX page_url_path_idx",
        ),
    ]
