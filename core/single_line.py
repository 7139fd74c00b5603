"""One-line form fields refuse line breaks: what a reader types there goes into a line of an e-mail
(a name after "Dear", a "Subject: ..." line of the office's notice), where a line break would let a
sender add lines of their own.

A line break at either end is only trimmed, as Django trims spaces. Control characters and Unicode's
line and paragraph separators count as line breaks: mail readers may break lines on them too.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

LINE_BREAK_CATEGORIES = {"Cc", "Zl", "Zp"}
MESSAGE = _("Please write this on one line.")


def single_line(value):
    """A validator: refuses a value with a line break (or another control character) inside it."""
    if any(unicodedata.category(char) in LINE_BREAK_CATEGORIES for char in value.strip()):
        raise forms.ValidationError(MESSAGE, code="line_break")


class SingleLineMixin:
    """Checks the value as typed, before the field reads it: a URL field would drop line breaks
    silently, and an e-mail field would add its own, vaguer, error."""

    def to_python(self, value):
        if isinstance(value, str):
            single_line(value)
        return super().to_python(value)


class SingleLineCharField(SingleLineMixin, forms.CharField):
    pass


class SingleLineEmailField(SingleLineMixin, forms.EmailField):
    pass


class SingleLineURLField(SingleLineMixin, forms.URLField):
    pass
