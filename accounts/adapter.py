"""allauth's e-mails (address confirmation, password reset) go through the site's background mail."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site

from core.mail import send_or_log


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context_data):
        data = {"request": context.request, "email": email, "current_site": get_current_site(context.request)}
        data.update(context_data)
        send_or_log(self.render_mail(template_prefix, email, data))
