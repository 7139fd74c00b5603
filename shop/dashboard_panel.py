"""The dashboard panel for shop staff: new order requests."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dashboard import register_count_panel, with_permission
from shop.models import OrderRequest, OrderStatus

register_count_panel(
    with_permission("shop.change_orderrequest"),
    "order-requests",
    order=41,
    heading=_("New order requests"),
    count=OrderRequest.objects.filter(status=OrderStatus.NEW).count,
    url=lambda: reverse("orderrequest:index") + f"?status={OrderStatus.NEW}",
    link_text=_("Handle them"),
)
