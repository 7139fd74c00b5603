"""Staff groups made by migrations (and again by the demo after tests empty the database)."""

from django.contrib.auth.management import create_permissions


def ensure_staff_group(apps, name, app_label, codenames):
    """The group ``name`` with access to the Wagtail admin and the named permissions of one app.

    ``apps`` is a migration's app registry or Django's own. Django adds model permissions only
    after every migration has run, so the app's permissions are created here first."""
    app_config = apps.get_app_config(app_label)
    # A migration-state app config has no models module, and create_permissions skips such apps.
    if getattr(app_config, "models_module", None) is None:
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return group
