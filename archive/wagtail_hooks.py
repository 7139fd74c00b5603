"""The archive import in Wagtail's admin: a Settings menu item and its pages, for superusers."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from archive import views


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def archive_import_urls():
    return [
        path("archive-import/", views.run_list, name="archive_import_runs"),
        path("archive-import/<int:pk>/", views.run_detail, name="archive_import_run"),
    ]


@hooks.register("register_settings_menu_item")
def archive_import_menu_item():
    return SuperuserMenuItem("Archive import", reverse("archive_import_runs"), icon_name="upload", order=900)
