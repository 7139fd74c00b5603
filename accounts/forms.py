"""Forms members fill in: the extra registration details, their profile, deleting the account."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.membership import profile_of
from accounts.models import AFFILIATION_MAX_LENGTH, COUNTRY_MAX_LENGTH
from core.single_line import single_line

# The length of Django's own first_name and last_name columns.
NAME_MAX_LENGTH = 150


class MemberDetailsForm(forms.Form):
    """Fields allauth adds to its sign-up form (ACCOUNT_SIGNUP_FORM_CLASS), all optional. Each is one
    line: the name greets the member in mails, and staff are told of new members by it."""

    first_name = forms.CharField(
        label=_("First name"), max_length=NAME_MAX_LENGTH, required=False, validators=[single_line]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=NAME_MAX_LENGTH, required=False, validators=[single_line]
    )
    affiliation = forms.CharField(
        label=_("Affiliation"),
        max_length=AFFILIATION_MAX_LENGTH,
        required=False,
        help_text=_("Your organisation or university, if any."),
        validators=[single_line],
    )
    country = forms.CharField(
        label=_("Country"), max_length=COUNTRY_MAX_LENGTH, required=False, validators=[single_line]
    )

    def signup(self, request, user):
        self.save_details(user)
        profile = profile_of(user)
        profile.language = get_language()
        profile.save(update_fields=["language"])

    def save_details(self, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        profile = profile_of(user)
        profile.affiliation = self.cleaned_data["affiliation"]
        profile.country = self.cleaned_data["country"]
        profile.save(update_fields=["affiliation", "country"])


class ProfileForm(MemberDetailsForm):
    """The same details, changed later from the account page."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        profile = profile_of(user)
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "affiliation": profile.affiliation,
            "country": profile.country,
        }
        super().__init__(*args, initial=initial, **kwargs)

    def save(self):
        self.save_details(self.user)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account is deleted for good; my forum posts stay, signed “former member”."
        )
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password
