"""Admin for shop staff: the Order requests list with filters, search, CSV/XLSX export and a "Mark
handled" button."""

from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from wagtail import hooks
from wagtail.models import Locale
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from core.spreadsheets import FormulaSafeExportMixin
from shop import dashboard_panel  # noqa: F401 (registers the dashboard panel)
from shop.admin_views import mark_handled
from shop.models import OrderRequest, OrderStatus, ProductPage


class ProductFilter(SimpleListFilter):
    """Products by their English title: requests from both language sites point at the English page."""

    title = "product"
    parameter_name = "product"

    def lookups(self, request, model_admin):
        products = ProductPage.objects.filter(locale=Locale.get_default()).order_by("title")
        return [(str(pk), title) for pk, title in products.values_list("pk", "title")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdecimal():
            return queryset.filter(product_id=self.value())
        return queryset


class OrderRequestPermissionHelper(PermissionHelper):
    """Requests come from the website; staff read, mark handled or delete them, never write them."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class OrderRequestButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, *args, **kwargs):
        buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
        if obj.status == OrderStatus.NEW and self.request.user.has_perm("shop.change_orderrequest"):
            buttons.insert(
                0,
                {
                    "url": reverse("shop_mark_order_handled", args=[obj.pk]),
                    "label": "Mark handled",
                    "classname": self.finalise_classname(["button-secondary"]),
                    "title": f"Mark the request from {obj.name} as handled",
                },
            )
        return buttons


class OrderRequestIndexView(FormulaSafeExportMixin, IndexView):
    """The list; its exports hold what readers typed, so no cell runs as a formula."""

    def to_row_dict(self, item):
        # The stored values: an empty note stays an empty cell, not the list's "-".
        return {field: getattr(item, field) for field in self.list_export}


class OrderRequestAdmin(ModelAdmin):
    model = OrderRequest
    menu_label = "Order requests"
    menu_icon = "mail"
    menu_order = 160
    add_to_settings_menu = False
    permission_helper_class = OrderRequestPermissionHelper
    button_helper_class = OrderRequestButtonHelper
    inspect_view_enabled = True
    index_view_class = OrderRequestIndexView
    list_display = ("created_at", "product_title", "name", "email", "quantity", "status", "language")
    list_export = (
        "created_at",
        "product_title",
        "name",
        "email",
        "address",
        "quantity",
        "note",
        "language",
        "status",
    )
    export_filename = "order-requests"
    list_filter = ("status", ProductFilter)
    search_fields = ("name", "email")
    ordering = ("-created_at", "-pk")
    list_per_page = 50


modeladmin_register(OrderRequestAdmin)


@hooks.register("register_admin_urls")
def order_request_urls():
    return [path("shop/order-requests/<int:pk>/handled/", mark_handled, name="shop_mark_order_handled")]
