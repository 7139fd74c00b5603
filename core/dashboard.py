"""Dashboard panels that say how much is waiting and link to it. Each app adds its own through
Wagtail's ``construct_homepage_panels`` hook, so no app needs to know another's models."""

from wagtail import hooks
from wagtail.admin.ui.components import Component


class CountPanel(Component):
    """One dashboard panel: a heading, how many things wait (counted when shown) and a link to them."""

    template_name = "core/dashboard/count_panel.html"

    def __init__(self, name, order, heading, count, url, link_text):
        self.name = name
        self.order = order
        self.heading = heading
        self.count = count
        self.url = url
        self.link_text = link_text

    def get_context_data(self, parent_context=None):
        return {
            "panel_id": f"dashboard-{self.name}",
            "heading": self.heading,
            "count": self.count(),
            "url": self.url,
            "link_text": self.link_text,
        }


def with_permission(codename):
    """A test for ``register_count_panel``: the user holds this permission."""
    return lambda user: user.has_perm(codename)


def register_count_panel(allowed, name, order, heading, count, url, link_text):
    """Shows a CountPanel on the dashboard of staff for whom ``allowed(user)`` holds. ``url`` is
    called when the dashboard is drawn: URLs cannot be reversed while the apps load."""

    def add_panel(request, panels):
        if allowed(request.user):
            panels.append(CountPanel(name, order, heading, count, url(), link_text))

    add_panel.__name__ = f"dashboard_panel_{name.replace('-', '_')}"
    hooks.register("construct_homepage_panels", add_panel)
