"""allauth, fitted to the site: its e-mails go through the background mail, its failed logins
are counted by accounts.login_throttle, like the staff login's, its rate limits see visitors as
ours do (accounts.rate_limit.client_address), and it names members as they know themselves."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.login_throttle import (
    THROTTLED,
    SignInRefused,
    count_login_attempt,
    login_succeeded,
)
from accounts.mail_context import named_site, on_public_site
from accounts.rate_limit import client_address
from core.mail import send_or_log


def member_display_name(user):
    """How allauth's messages and pages name a member ("Signed in as ..."): never the username."""
    return user.get_full_name() or user.email


def _login(credentials):
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "sign_in_unavailable": _("Signing in is unavailable for a moment. Please try again shortly."),
    }

    def send_mail(self, template_prefix, email, context_data):
        # The site by its name and public address, whatever Host the request came in on.
        data = {
            "request": context.request,
            "email": email,
            "current_site": named_site(),
            "site_url": settings.SITE_BASE_URL,
        }
        data.update(on_public_site(context_data, context.request))
        send_or_log(self.render_mail(template_prefix, email, data))

    def get_client_ip(self, request):
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def pre_authenticate(self, request, **credentials):
        try:
            count_login_attempt(request, _login(credentials))
        except SignInRefused as refusal:
            code = "too_many_login_attempts" if refusal.reason == THROTTLED else "sign_in_unavailable"
            raise self.validation_error(code) from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_succeeded(request, _login(credentials))
        return user
