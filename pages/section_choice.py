"""Choosing the section of a new article from the Articles list: the sections themselves.

Wagtail asks for the parent page with its page chooser, which opens at the deepest page shared by
every page that could be the parent: with English and Russian sections that is Root, three clicks
from Context. Wagtail offers no way to start the chooser elsewhere (docs/editor-admin-notes.md).
The sections an editor may add articles to, in the language chosen, are few: the form lists them.
"""

from django import forms
from wagtail.admin.forms.pages import ParentChooserForm
from wagtail.admin.views.pages.choose_parent import ChooseParentView


class SectionChoiceForm(ParentChooserForm):
    def __init__(self, child_page_type, user, sections, *args, **kwargs):
        super().__init__(child_page_type, user, *args, **kwargs)
        # Wagtail's own checks (permission, page type) still run in clean_parent_page.
        self.fields["parent_page"] = forms.ModelChoiceField(
            queryset=sections,
            widget=forms.RadioSelect,
            empty_label=None,
            label="Section",
            help_text="The new article goes into this section.",
        )
        self.fields["parent_page"].label_from_instance = lambda section: (
            f"{section.get_parent().title} › {section.title}"
        )


class ChooseSectionView(ChooseParentView):
    page_title = "Choose a section"

    def get_form(self):
        sections = self.get_valid_parent_pages(self.request.user).order_by("path")
        data = self.request.POST if self.request.method == "POST" else None
        return SectionChoiceForm(self.model, self.request.user, sections, data)
