"""The Wagtail admin's login: the same failed-login limits as the site's, and the staff member's
two-factor code once they have set one up (accounts/two_factor.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from wagtail.admin.forms.auth import LoginForm

from accounts.login_throttle import SignInRefused, count_login_attempt, login_succeeded


class StaffLoginForm(LoginForm):
    otp_token = forms.CharField(
        label=_("Two-factor code"),
        help_text=_("The 6-digit code from your authenticator app, once you have set one up."),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _("Your username, password or two-factor code didn't match. Please try again."),
        "throttled": _("Too many failed sign-in attempts. Please wait a few minutes and try again."),
        "unavailable": _("Signing in is unavailable for a moment. Please try again shortly."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # a field is missing: no password is checked
        try:
            count_login_attempt(self.request, username)
        except SignInRefused as refusal:
            raise forms.ValidationError(self.error_messages[refusal.reason], code=refusal.reason) from None
        cleaned_data = super().clean()
        self._check_second_factor()
        login_succeeded(self.request, username)
        return cleaned_data

    def _check_second_factor(self):
        """A wrong or missing code gets the same answer as a wrong password, so that a guesser
        never learns that the password was right."""
        user = self.get_user()
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            return  # not enrolled yet: accounts.two_factor asks them to before the admin opens
        token = self.cleaned_data.get("otp_token", "").replace(" ", "")
        device = next((device for device in devices if token and device.verify_token(token)), None)
        if device is None:
            self.user_cache = None
            raise self.get_invalid_login_error()
        user.otp_device = device  # django_otp's login signal keeps it in the session
