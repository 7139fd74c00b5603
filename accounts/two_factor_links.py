"""Set-up links for two-factor sign-in: a staff member binds an authenticator app only after opening a
link that reached them, so a password alone (a guessed one, or one passed on with a new account)
never lets anyone else bind theirs.

A link is signed and dated with the site's SECRET_KEY (django.core.signing) and names the account
and a fingerprint of its state: password, e-mail address and two-factor devices. Opening it creates
the device to be set up, which changes the fingerprint, so a link works once; changing the password
or the address, or setting up an app, also ends every link sent before. Opening one also needs the
account's password (the admin asks for it first), so a link read by someone else is of no use.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from wagtail.users.models import UserProfile

from accounts.rate_limit import allow
from core.mail import send_or_log

SALT = "accounts.two_factor_links"
VALID_DAYS = 3
# A staff member asking again and again, or someone with their password doing it for them, fills no
# mailbox: a few links an hour at most.
LINKS_PER_HOUR = 3


def _fingerprint(user):
    devices = sorted(
        (type(device).__name__, device.pk, device.confirmed)
        for device in devices_for_user(user, confirmed=None)
    )
    state = f"{user.pk}|{user.password}|{user.email}|{devices}"
    return salted_hmac(SALT, state).hexdigest()[:24]


def setup_path(user):
    token = signing.dumps([user.pk, _fingerprint(user)], salt=SALT)  # a list: a shorter link
    return reverse("staff_two_factor_setup", args=[token])


def setup_url(user):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + setup_path(user)


VALID, OTHER_ACCOUNT, EXPIRED = "valid", "other account", "expired"


def check(user, token):
    """VALID when the link was made for ``user`` and nothing has changed since; OTHER_ACCOUNT when it
    is another staff member's; EXPIRED when it is too old, already used, or not one of ours."""
    try:
        user_id, state = signing.loads(token, salt=SALT, max_age=timedelta(days=VALID_DAYS))
    except signing.BadSignature:  # the expired ones too
        return EXPIRED
    if user_id != user.pk:
        return OTHER_ACCOUNT
    return VALID if state == _fingerprint(user) else EXPIRED


def masked_address(address):
    """Enough of the address for its owner to recognise it: a•••@egf.example."""
    name, _at, domain = address.partition("@")
    return f"{name[:1]}•••@{domain}"


def staff_language(user):
    """The language the staff member reads the admin in (their profile's choice, else the site's)."""
    return UserProfile.get_for_user(user).get_preferred_language()


def send(user, language=None):
    """Mails a fresh link to the staff member; False (nothing sent) past the hourly limit."""
    if not allow("two-factor-link", user.pk, LINKS_PER_HOUR, 60 * 60):
        return False
    with translation.override(language or staff_language(user)):
        context = {
            "user": user,
            "setup_url": setup_url(user),
            "days": VALID_DAYS,
            "site_url": settings.SITE_BASE_URL,
        }
        send_or_log(
            EmailMessage(
                subject=_("[EGF] Set up two-factor sign-in"),
                body=render_to_string("accounts/email/two_factor_setup_message.txt", context),
                to=[user.email],
            )
        )
    return True
