"""Admin for editors: the expert chooser that opens on the Experts section of the page's language."""

from django.urls import path
from wagtail import hooks

from experts.admin_views import choose_expert


@hooks.register("register_admin_urls")
def expert_chooser_urls():
    return [
        path("choose-expert/<str:language>/", choose_expert, name="experts_chooser"),
        path(
            "choose-expert/<str:language>/<int:parent_page_id>/", choose_expert, name="experts_chooser_child"
        ),
    ]
