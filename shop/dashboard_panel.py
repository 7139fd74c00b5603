"""The dashboard panel for shop staff: new order requests."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.dashboard import CountPanel
from shop.models import OrderRequest, OrderStatus


@hooks.register("construct_homepage_panels")
def new_order_requests(request, panels):
    if request.user.has_perm("shop.change_orderrequest"):
        panels.append(
            CountPanel(
                "order-requests",
                order=41,
                heading=_("New order requests"),
                count=OrderRequest.objects.filter(status=OrderStatus.NEW).count,
                url=reverse("orderrequest:index") + f"?status={OrderStatus.NEW}",
                link_text=_("Handle them"),
            )
        )
