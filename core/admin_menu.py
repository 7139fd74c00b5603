"""Admin menu items that say how many things wait for staff: "Forum posts (3)"."""

from django.utils.functional import cached_property


class CountedMenuItemMixin:
    """For a MenuItem class: its label ends with the count, when there is something to count.

    ``count()`` is one query per admin page, each over an indexed column."""

    def count(self):
        raise NotImplementedError

    def render_component(self, request):
        component = super().render_component(request)
        if waiting := self.count():
            component.label = f"{self.label} ({waiting})"
        return component


class CountedMenuViewSetMixin:
    """For a ModelViewSet: its menu item counts what ``waiting_count()`` returns."""

    def waiting_count(self):
        raise NotImplementedError

    @cached_property
    def menu_item_class(self):
        return type(
            f"Counted{self.model.__name__}MenuItem",
            (CountedMenuItemMixin, super().menu_item_class),
            {"count": lambda _item: self.waiting_count()},
        )
