"""Signing staff in on a test client the way the admin's login leaves them."""

import re
from base64 import b32decode
from urllib.parse import urlsplit

from django.core import mail
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def sign_in_staff(client, user):
    """Signs a staff member in as the admin's login would: password and two-factor code both
    accepted (their authenticator set up, the session marked as having entered its code)."""
    device = TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def admin_tab(chromium, live_server, viewport):
    """(context, tab) of a browser signed in to the admin as a new superuser, past the two-factor step."""
    from django.test import Client

    from tests.factories import UserFactory

    user = UserFactory(username="editor", is_staff=True, is_superuser=True)
    client = Client()
    sign_in_staff(client, user)
    context = chromium.new_context(viewport=viewport)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, context.new_page()


def authenticator_code(shown_key):
    """The code an authenticator app shows for the key the set-up page displays (RFC 6238)."""
    return f"{totp(b32decode(shown_key.replace(' ', ''))):06d}"


SETUP_LINK = re.compile(r"https?://\S+/admin/two-factor/setup/\S+/")


def mailed_setup_link(to):
    """The path of the newest two-factor set-up link mailed to the address ``to``."""
    for message in reversed(mail.outbox):
        found = SETUP_LINK.search(message.body)
        if found and message.to == [to]:
            return urlsplit(found.group()).path
    raise AssertionError(f"no set-up link was mailed to {to}")
