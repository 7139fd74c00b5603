"""The "Shop staff" group: may enter the admin and read, mark handled and delete order requests."""

from django.db import migrations

from accounts.staff_groups import ensure_staff_group

SHOP_STAFF_GROUP = "Shop staff"
ORDER_REQUEST_PERMISSIONS = ["view_orderrequest", "change_orderrequest", "delete_orderrequest"]


def create_shop_staff_group(apps, schema_editor):
    ensure_staff_group(apps, SHOP_STAFF_GROUP, "shop", ORDER_REQUEST_PERMISSIONS)


def remove_shop_staff_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SHOP_STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_productpage_productauthor_orderrequest"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_shop_staff_group, remove_shop_staff_group)]
