"""Taking an order request on a publication's page: show the form, check it, store the request,
send the e-mails and redirect to the thank-you page (so a reload never orders twice)."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Locale

from accounts.rate_limit import allow, client_address
from shop.emails import send_order_emails
from shop.forms import OrderRequestForm

# Enough for a reader ordering several titles; a script sending more is stopped for an hour.
ORDERS_PER_ADDRESS = 5
ORDER_PERIOD_SECONDS = 60 * 60
TOO_MANY_REQUESTS = 429


def order_form_response(product, request):
    if not product.in_stock:
        return product.render(request, context_overrides={"form": None})
    if request.method != "POST":
        return product.render(request, context_overrides={"form": OrderRequestForm()})

    form = OrderRequestForm(request.POST)
    if not form.is_valid():
        return product.render(request, context_overrides={"form": form})
    if not allow("shop-order", client_address(request), ORDERS_PER_ADDRESS, ORDER_PERIOD_SECONDS):
        form.add_error(
            None,
            _(
                "You have sent several order requests in the last hour, so we cannot take another one "
                "just now. Please try again in an hour, or write to us through the Contact page."
            ),
        )
        response = product.render(request, context_overrides={"form": form})
        response.status_code = TOO_MANY_REQUESTS
        return response

    order = store_order(product, form.cleaned_data)
    send_order_emails(order, product)
    return redirect(product.url + product.reverse_subpage("thank_you"))


def store_order(product, data):
    from shop.models import OrderRequest

    english = product.get_translation_or_none(Locale.get_default()) or product
    return OrderRequest.objects.create(
        product=english,
        product_title=english.title,
        name=data["name"],
        email=data["email"],
        address=data["address"],
        quantity=data["quantity"],
        note=data["note"],
        language=product.locale.language_code,
    )
