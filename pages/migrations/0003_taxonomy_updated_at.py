import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_taxonomy_slugs_same_in_every_language")]

    operations = [
        migrations.AddField(
            model_name=name,
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        )
        for name in ("region", "topic")
    ]
