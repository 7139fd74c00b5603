"""The order request form readers fill in on a publication's page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.honeypot import HoneypotFormMixin
from core.single_line import SingleLineEmailField, single_line

MAX_QUANTITY = 100
# Caps on what a reader types; the order request's columns share them.
NAME_MAX_LENGTH = 200
ADDRESS_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 2000


class OrderRequestForm(HoneypotFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX_LENGTH, validators=[single_line])
    email = SingleLineEmailField(
        label=_("Your e-mail"), max_length=254, help_text=_("We will write to you at this address.")
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=ADDRESS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where the copies should be sent, with postcode and country."),
    )
    quantity = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=MAX_QUANTITY, initial=1)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["name", "email", "address", "quantity", "note"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels read as the questions they are, like Contact Us
        super().__init__(*args, **kwargs)
