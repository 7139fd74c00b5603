"""Admin for shop staff: the Order requests list with filters, search, CSV/XLSX export, an inspect
page and a "Mark handled" button."""

import django_filters
from django import forms
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin_menu import CountedMenuViewSetMixin
from core.site_time import in_site_time
from core.spreadsheets import FormulaSafeExportMixin
from shop import dashboard_panel  # noqa: F401 (registers the dashboard panel)
from shop.admin_views import mark_handled
from shop.models import OrderRequest, OrderStatus, ProductPage
from shop.prices import price_text

# The listing opens on the requests still to answer; "Any status" shows them all.
ANY_STATUS = "any"


def product_choices():
    """Products by their English title: requests from both language sites point at the English page."""
    products = ProductPage.objects.filter(locale=Locale.get_default()).order_by("title")
    return list(products.values_list("pk", "title"))


class StatusFilter(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        if value == ANY_STATUS:
            return queryset
        return super().filter(queryset, value)


class OrderRequestFilterSet(WagtailFilterSet):
    status = StatusFilter(
        label="Status",
        choices=[(ANY_STATUS, "Any status"), *OrderStatus.choices],
        empty_label=None,
        widget=forms.RadioSelect,
    )
    product = django_filters.ChoiceFilter(label="Product", choices=product_choices, field_name="product_id")

    class Meta:
        model = OrderRequest
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = OrderStatus.NEW
        super().__init__(data, *args, **kwargs)


class OrderRequestPermissionPolicy(ModelPermissionPolicy):
    """Requests come from the website; staff read, mark handled or delete them, never write them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_can_mark_handled(self, user):
        return super().user_has_permission(user, "change")


register_permission_policy(OrderRequest, OrderRequestPermissionPolicy(OrderRequest))


class OrderRequestIndexView(FormulaSafeExportMixin, generic.IndexView):
    """The list; its exports hold what readers typed, so no cell runs as a formula."""

    any_permission_required = ["view", "delete"]
    # Times in the site's zone as on the admin's pages: a spreadsheet cell cannot hold a zone, so
    # the XLSX cell is the site's clock time; the CSV text carries its UTC offset.
    custom_field_preprocess = {
        "created_at": {
            "xlsx": lambda moment: in_site_time(moment).replace(tzinfo=None),
            "csv": lambda moment: in_site_time(moment).isoformat(sep=" ", timespec="seconds"),
        }
    }

    def to_row_dict(self, item):
        # The stored values: an empty note stays an empty cell, not the list's "-".
        return {field: getattr(item, field) for field in self.list_export}

    def get_list_more_buttons(self, order):
        buttons = super().get_list_more_buttons(order)
        if order.status == OrderStatus.NEW and self.permission_policy.user_can_mark_handled(
            self.request.user
        ):
            buttons.insert(
                0,
                ListingButton(
                    "Mark handled",
                    url=reverse("shop_mark_order_handled", args=[order.pk]),
                    attrs={"title": f"Mark the request from {order.name} as handled"},
                    priority=0,
                ),
            )
        return buttons


def unit_price(order):
    if order.product is None:
        return None
    return order.product.price


class OrderRequestInspectView(generic.InspectView):
    """Each detail once, as staff need it to answer: the address as the reader wrote it, the price."""

    any_permission_required = ["view", "delete"]
    labels = {
        "product_title": "Product",
        "name": "Name",
        "email": "E-mail",
        "address": "Postal address",
        "quantity": "Quantity",
        "unit_price": "Unit price",
        "total": "Total",
        "note": "Note",
        "language": "Language",
        "created_at": "Received",
        "status": "Status",
        "handled_at": "Handled at",
        "handled_by": "Handled by",
    }

    def get_object(self, queryset=None):
        order = super().get_object(queryset)
        return OrderRequest.objects.select_related("product", "handled_by").get(pk=order.pk)

    def get_field_label(self, field_name, field):
        return self.labels[field_name]

    def get_address_display_value(self):
        return linebreaksbr(self.object.address, autoescape=True)

    def price(self, amount):
        if amount is None:
            return "Unknown: the product page has been deleted"
        return price_text(amount, self.object.product.currency)

    def get_unit_price_display_value(self):
        return self.price(unit_price(self.object))

    def get_total_display_value(self):
        price = unit_price(self.object)
        return self.price(None if price is None else price * self.object.quantity)

    def get_note_display_value(self):
        return linebreaksbr(self.object.note, autoescape=True) or "—"

    def get_handled_by_display_value(self):
        user = self.object.handled_by
        return (user.get_full_name() or user.email or user.get_username()) if user else "—"


class OrderRequestViewSet(CountedMenuViewSetMixin, ModelViewSet):
    model = OrderRequest
    icon = "mail"
    menu_label = "Order requests"
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OrderRequestIndexView
    inspect_view_class = OrderRequestInspectView
    inspect_view_fields = list(OrderRequestInspectView.labels)
    filterset_class = OrderRequestFilterSet
    form_fields = ["status"]  # never shown: staff cannot add or edit requests
    list_display = [
        "created_at",
        Column("product_title", label="Product"),
        Column("name", label="Name"),
        Column("email", label="E-mail"),
        Column("quantity", label="Quantity"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("language", label="Language", accessor="get_language_display"),
    ]
    list_export = [
        "created_at",
        "product_title",
        "name",
        "email",
        "address",
        "quantity",
        "note",
        "language",
        "status",
    ]
    # The headings the shop's spreadsheets have always had.
    export_headings = {
        "created_at": "Received",
        "product_title": "Product",
        "name": "Name",
        "email": "E-Mail",
        "address": "Postal Address",
        "quantity": "Quantity",
        "note": "Note",
        "language": "Language",
        "status": "Status",
    }
    export_filename = "order-requests"
    search_fields = ["name", "email"]
    search_backend_name = None
    list_per_page = 50

    def waiting_count(self):
        return OrderRequest.objects.filter(status=OrderStatus.NEW).count()


@hooks.register("register_admin_viewset")
def order_request_viewset():
    return OrderRequestViewSet("orderrequest", url_prefix="shop/orderrequest")


@hooks.register("register_admin_urls")
def order_request_urls():
    return [path("shop/order-requests/<int:pk>/handled/", mark_handled, name="shop_mark_order_handled")]
