"""The Advanced Search form: every query parameter the search page reads, checked and typed.

A bad value never breaks the page: the field gets an error message and the search runs
without it. The words are cleaned rather than refused: control characters go, and text
beyond ``MAX_QUERY_LENGTH`` is cut with a note. Control characters are also taken out of every
other value before the form reads it, since an invalid value is shown back in its field and in
its error message.
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from search.models import EntryKind

MAX_QUERY_LENGTH = 200


def clean_words(raw):
    """Printable characters only (null bytes and controls dropped), spaces collapsed."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())


def printable_params(params):
    """A copy of the query parameters with every value cleaned like the words."""
    cleaned = QueryDict(mutable=True)
    for name, values in params.lists():
        cleaned.setlist(name, [clean_words(value) for value in values])
    return cleaned


class WordsField(forms.CharField):
    def to_python(self, value):
        return clean_words(super().to_python(value))


class SearchForm(forms.Form):
    q = WordsField(label=_("Words"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    expert = forms.ChoiceField(label=_("Expert"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    lang = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("This language")), ("all", _("All languages"))]
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[("", _("Relevance")), ("date", _("Date, newest first"))]
    )

    def __init__(self, data, *, regions, topics, experts):
        super().__init__(printable_params(data))
        self.fields["type"].choices = [("", _("Any type"))] + list(EntryKind.choices)
        self.fields["region"].choices = [("", _("Any region"))] + list(regions)
        self.fields["topic"].choices = [("", _("Any topic"))] + list(topics)
        self.fields["expert"].choices = [("", _("Any expert"))] + list(experts)
        self.query_was_shortened = False

    def clean_q(self):
        words = self.cleaned_data["q"]
        if len(words) > MAX_QUERY_LENGTH:
            self.query_was_shortened = True
            words = words[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
        return words

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def valid_value(self, name):
        """The field's cleaned value, or its empty value when the input was invalid."""
        self.is_valid()
        return self.cleaned_data.get(name) or None
