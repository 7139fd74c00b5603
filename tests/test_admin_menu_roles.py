"""Each staff role's admin menu offers exactly what that role may open: every item shown opens (200),
and the items of the full menu that are not shown refuse them."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from forum.groups import MODERATORS_GROUP
from tests.factories import SHOP_STAFF_GROUP, UserFactory
from tests.html import html
from tests.sign_in import sign_in_staff

# The project's staff groups and Wagtail's own two.
ROLES = [SHOP_STAFF_GROUP, MODERATORS_GROUP, "Editors", "Moderators"]
# Wagtail's site history opens for anyone with admin access (listing only the changes they may see),
# though it is in the menu only of those who edit something.
OPEN_TO_ALL_STAFF = {("Site history", "/admin/reports/site-history/")}


def menu_items(client):
    """(label, address) of every admin item in the sidebar menu, submenus included (a label can
    come twice: "Workflows" under Reports and under Settings)."""
    props = json.loads(html(client.get("/admin/")).find(id="wagtail-sidebar-props").string)
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str) and "label" in node and node["url"].startswith("/admin/"):
                found.add((node["label"], node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return found


def staff_client(group_name):
    user = UserFactory(username=f"staff-{group_name.lower().replace(' ', '-')}")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    sign_in_staff(client, user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_shows_a_role_exactly_what_it_may_open(admin_client, demo, role):
    everything = menu_items(admin_client)
    client = staff_client(role)

    shown = menu_items(client)

    opened = {item for item in everything if client.get(item[1]).status_code == 200}
    assert shown <= everything
    assert shown <= opened, shown - opened
    assert opened - shown <= OPEN_TO_ALL_STAFF, opened - shown


def test_shop_staff_and_forum_moderators_see_only_their_own_work(demo):
    def labels(group_name):
        return {label for label, _url in menu_items(staff_client(group_name))}

    assert labels(SHOP_STAFF_GROUP) == {"Order requests", "Account"}
    assert labels(MODERATORS_GROUP) == {"Forum posts", "Account"}
