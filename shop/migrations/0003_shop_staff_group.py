"""The "Shop staff" group: may enter the admin and read, mark handled and delete order requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SHOP_STAFF_GROUP = "Shop staff"
ORDER_REQUEST_PERMISSIONS = ["view_orderrequest", "change_orderrequest", "delete_orderrequest"]


def create_shop_staff_group(apps, schema_editor):
    # Django adds model permissions after all migrations; make the order request ones exist now.
    shop = apps.get_app_config("shop")
    shop.models_module = True  # a migration-state app config has none; create_permissions needs one
    create_permissions(shop, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=SHOP_STAFF_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="shop", codename__in=ORDER_REQUEST_PERMISSIONS),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )


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
