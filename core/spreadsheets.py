"""Spreadsheet exports that are safe to open: text a visitor typed never runs as a formula.

Form submissions and order requests hold what visitors wrote. Spreadsheet programs read a cell
that starts with =, +, - or @ (or a tab or carriage return) as a formula, and a formula can fetch
addresses or run commands on the computer of the staff member who opens the file (CSV injection).
As OWASP advises, such a value gets a leading single quote, which makes the program show it as
text; the rest of the value is kept as written.
"""

from wagtail.contrib.forms.views import SubmissionsListView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """The value with a leading ' when it is text that a spreadsheet program would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For a view with Wagtail's SpreadsheetExportMixin: each cell of its CSV and XLSX exports
    goes through neutralise_formula, after Wagtail has turned the value into text."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))


class FormulaSafeSubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    """Wagtail's list of a form page's submissions, with safe exports."""
