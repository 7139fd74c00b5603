"""The Trusted forum members and Forum moderators groups, moderators with their permissions."""

from django.db import migrations

from forum.groups import MODERATORS_GROUP, TRUSTED_GROUP, ensure_forum_groups


def create_groups(apps, schema_editor):
    ensure_forum_groups(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[TRUSTED_GROUP, MODERATORS_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0002_forumtopicpage_forumpost_invitedexpert"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Wagtail gives "choose document" to every group that exists when this one runs: not to ours.
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
