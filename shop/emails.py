"""The two plain-text e-mails of an order request: a notice to the shop staff (in English, with
a link to the admin list) and a confirmation to the buyer in the language they ordered in.

Nothing the buyer typed goes into a header except their validated address as the staff
message's Reply-To, so staff can simply answer it. The confirmation repeats none of the buyer's
free text (name, address, note): anyone can type any address into the form, and the site must
not carry their words to it.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from core.mail import send_or_log


def send_order_emails(order, product):
    """Sends both messages; a mail server failure is logged, the stored request stays for staff."""
    for message in (staff_notice(order, product), buyer_confirmation(order, product)):
        send_or_log(message)


def admin_list_url():
    return urljoin(settings.WAGTAILADMIN_BASE_URL, reverse("orderrequest:index"))


def product_url(product):
    return urljoin(settings.SITE_BASE_URL, product.url)


def staff_notice(order, product):
    lines = [
        f"A reader has asked for printed copies on the {get_language_info(order.language)['name']} website.",
        "",
        f"Publication: {order.product_title}",
        f"Price per copy: {product.price} {product.currency}",
        f"Copies: {order.quantity}",
        f"Name: {order.name}",
        f"E-mail: {order.email}",
        "Postal address:",
        order.address,
        f"Note: {order.note or '-'}",
        "",
        "Reply to this message to write to the buyer with the payment and delivery details,",
        "then mark the request handled in the admin:",
        admin_list_url(),
    ]
    return EmailMessage(
        subject=f"Order request: {order.quantity} × {order.product_title}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.SHOP_ORDER_EMAIL],
        reply_to=[order.email],
    )


def buyer_confirmation(order, product):
    with translation.override(order.language):
        lines = [
            _("Hello,"),
            "",
            _("Thank you for your order request. We have received it as follows:"),
            "",
            _("Publication: %(title)s") % {"title": product.title},
            _("Price per copy: %(price)s") % {"price": product.price_display},
            _("Copies: %(quantity)s") % {"quantity": order.quantity},
            "",
            _(
                "What happens next: we do not take card payments on the website. Within a few working days "
                "the EGF office will write to you with the total including postage, how to pay by bank "
                "transfer and when the copies will be sent."
            ),
            "",
            _("If you did not send this request, you can ignore this message."),
            "",
            _("European Geopolitical Forum"),
            product_url(product),
        ]
        subject = _("Your order request: %(title)s") % {"title": product.title}
    return EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[order.email],
        reply_to=[settings.SHOP_ORDER_EMAIL],
    )
