"""Choosing the section of a new article from the Articles list: the sections themselves.

Wagtail asks for the parent page with its page chooser, which opens at the deepest page shared by
every page that could be the parent: with English and Russian sections that is Root, three clicks
from Context. Wagtail offers no way to start the chooser elsewhere (docs/editor-admin-notes.md).
The sections that take new articles are few: the form lists them.
"""

from django import forms
from wagtail.admin.forms.pages import ParentChooserForm
from wagtail.admin.views.pages.choose_parent import ChooseParentView


class SectionChoiceForm(ParentChooserForm):
    def __init__(self, child_page_type, user, sections, *args, **kwargs):
        super().__init__(child_page_type, user, *args, **kwargs)
        field = self.fields["parent_page"]
        field.label = "Section"
        field.help_text = "The new article goes into this section."
        # Only the sections are offered; any page sent is still checked by Wagtail's
        # clean_parent_page, which says why a page cannot take the article.
        field.widget = forms.RadioSelect(
            choices=[(section.pk, f"{section.get_parent().title} › {section.title}") for section in sections]
        )


class ChooseSectionView(ChooseParentView):
    page_title = "Choose a section"

    def get_locale(self):
        # Articles are written in the default language and reach the others through Translate
        # (ArticlePage.can_create_at): the same sections are offered whichever language is listed.
        return None

    def get_form(self):
        sections = [
            section
            for section in self.get_valid_parent_pages(self.request.user).order_by("path")
            if self.model.can_create_at(section)
        ]
        data = self.request.POST if self.request.method == "POST" else None
        return SectionChoiceForm(self.model, self.request.user, sections, data)
