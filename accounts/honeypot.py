"""A field people never see and bots fill in: forms that carry it refuse such submissions.

The field is hidden with CSS and skipped by keyboard and screen readers, so a person leaves it
empty; form-filling bots complete every input they find.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotInput(forms.TextInput):
    """Renders its own off-screen label and wrapper, so any form layout hides it the same way."""

    template_name = "accounts/widgets/honeypot.html"
    # Counted with hidden fields: form layouts then give it no label or row of its own.
    is_hidden = True

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


class HoneypotField(forms.CharField):
    def __init__(self, **kwargs):
        # No label of its own: the form layout would show it; the widget carries a hidden one.
        super().__init__(required=False, label="", widget=HoneypotInput(), **kwargs)


class HoneypotFormMixin(forms.Form):
    """Adds the trap field; a filled-in trap fails the whole form with a neutral message.

    The trap's value never reaches cleaned_data, so forms that store everything they were sent
    (Wagtail's form pages) do not store it."""

    website = HoneypotField()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.pop(HONEYPOT_FIELD, ""):
            raise forms.ValidationError(_("This form could not be sent. Please try again."))
        return cleaned_data
