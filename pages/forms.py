"""Admin page forms that know the page's language: regions and topics offered as checkboxes of that
language only (another language's term is refused by name), experts chosen from its Experts section."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale

from experts.chooser import open_expert_choosers_in


class TermsOfOneLanguageField(forms.ModelMultipleChoiceField):
    """Checkboxes for the terms of one locale; a term of another locale is refused with its name."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model, locale, **kwargs):
        super().__init__(queryset=model.objects.filter(locale=locale), **kwargs)
        self.model = model
        self.locale = locale

    def _check_values(self, value):
        pks = [pk for pk in value if str(pk).isdigit()]
        foreign = self.model.objects.filter(pk__in=pks).exclude(locale=self.locale).select_related("locale")
        if foreign:
            raise forms.ValidationError(
                _("%(terms)s belongs to another language; choose %(kind)s in %(language)s."),
                code="other_language",
                params={
                    "terms": ", ".join(
                        f"“{term.name}” ({term.locale.get_display_name()})" for term in foreign
                    ),
                    "kind": self.model._meta.verbose_name_plural,
                    "language": self.locale.get_display_name(),
                },
            )
        return super()._check_values(value)


class LocaleAwarePageForm(WagtailAdminPageForm):
    """For page types with expert links and (optionally) regions and topics."""

    term_fields = ("regions", "topics")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.page_locale()
        for name in self.term_fields:
            if name in self.fields:
                old = self.fields[name]
                model = self._meta.model._meta.get_field(name).related_model
                self.fields[name] = TermsOfOneLanguageField(
                    model, locale, required=old.required, label=old.label, help_text=old.help_text
                )
        open_expert_choosers_in(self, locale)

    def page_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        if self.parent_page is not None:
            return self.parent_page.locale
        return Locale.get_default()
