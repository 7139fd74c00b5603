"""The admin's "Mark handled" step for order requests: a confirmation page, then the change."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages

from shop.models import OrderRequest, OrderStatus


def mark_handled(request, pk):
    if not request.user.has_perm("shop.change_orderrequest"):
        raise PermissionDenied
    order = get_object_or_404(OrderRequest, pk=pk)
    listing_url = reverse("orderrequest:index")
    if request.method != "POST":
        return TemplateResponse(
            request, "shop/admin/mark_handled.html", {"order": order, "listing_url": listing_url}
        )

    # Only a request still new changes, so two staff members clicking at once cannot both handle it.
    changed = OrderRequest.objects.filter(pk=order.pk, status=OrderStatus.NEW).update(
        status=OrderStatus.HANDLED, handled_at=timezone.now(), handled_by=request.user
    )
    if changed:
        messages.success(
            request, f"The order request from {order.name} ({order.product_title}) is marked handled."
        )
    else:
        messages.warning(request, f"The order request from {order.name} had already been marked handled.")
    return redirect(listing_url)
