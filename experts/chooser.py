"""The expert chooser opens on the Experts section of the page's own language, so an editor sees each
expert once, in the language of the page being edited."""

import copy

from django.urls import reverse
from wagtail.admin.widgets import AdminPageChooser

from experts.models import ExpertPage


class ExpertChooser(AdminPageChooser):
    def __init__(self, language=None, **kwargs):
        kwargs.setdefault("target_models", [ExpertPage])
        super().__init__(**kwargs)
        self.language = language

    def get_chooser_modal_url(self):
        if self.language:
            return reverse("experts_chooser", args=[self.language])
        return super().get_chooser_modal_url()


def open_expert_choosers_in(form, language):
    """Points the expert choosers of a page form's inline panels (the blank one that "Add" copies
    too) at ``language``; the form classes Wagtail shares between requests stay untouched."""
    for formset in form.formsets.values():
        field = formset.form.base_fields.get("expert")
        if field is None or not isinstance(field.widget, ExpertChooser):
            continue
        fields = copy.deepcopy(formset.form.base_fields)
        fields["expert"].widget.language = language
        formset.form = type(formset.form.__name__, (formset.form,), {})
        formset.form.base_fields = fields
        for child_form in formset.__dict__.get("forms", []):  # forms already built
            child_form.fields["expert"].widget.language = language
