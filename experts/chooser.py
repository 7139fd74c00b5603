"""The expert chooser opens on the Experts section of the page's own language and lists and finds
only that language's experts, so an editor sees each expert once, in the language of the page being
edited; a page form refuses an expert of another language by name."""

import copy

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser

from experts.models import ExpertPage

# The query parameter that keeps Wagtail's page chooser to one language: the chooser carries its
# parameters through its search, its breadcrumbs, its paging and its language switch.
LANGUAGE_PARAMETER = "language"


class ExpertChooser(AdminPageChooser):
    def __init__(self, language=None, **kwargs):
        kwargs.setdefault("target_models", [ExpertPage])
        super().__init__(**kwargs)
        self.language = language

    def get_chooser_modal_url(self):
        if self.language:
            return reverse("experts_chooser", args=[self.language])
        return super().get_chooser_modal_url()


def of_one_language(locale):
    """A validator for an expert field: the expert is in ``locale`` or is refused by name."""

    def validate(expert):
        if expert.locale_id != locale.pk:
            raise forms.ValidationError(
                _("%(terms)s belongs to another language; choose %(kind)s in %(language)s."),
                code="other_language",
                params={
                    "terms": f"“{expert.title}” ({expert.locale.get_display_name()})",
                    "kind": _("experts"),
                    "language": locale.get_display_name(),
                },
            )

    return validate


def open_expert_choosers_in(form, locale):
    """Points the expert choosers of a page form's inline panels (the blank one that "Add" copies
    too) at ``locale``'s experts and refuses another language's; the form classes Wagtail shares
    between requests stay untouched."""
    validate = of_one_language(locale)
    for formset in form.formsets.values():
        field = formset.form.base_fields.get("expert")
        if field is None or not isinstance(field.widget, ExpertChooser):
            continue
        fields = copy.deepcopy(formset.form.base_fields)
        fields["expert"].widget.language = locale.language_code
        fields["expert"].validators = [*fields["expert"].validators, validate]
        formset.form = type(formset.form.__name__, (formset.form,), {})
        formset.form.base_fields = fields
        for child_form in formset.__dict__.get("forms", []):  # forms already built
            child_form.fields["expert"].widget.language = locale.language_code
            child_form.fields["expert"].validators.append(validate)
