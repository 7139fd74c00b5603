"""'Issues we work on': the list of topics, each leading to the Context archive filtered by it."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from pages.models.articles import ContextIndexPage
from pages.models.taxonomy import Topic


class TopicListPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the topics.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    page_description = "Lists the topics (edit them under Snippets › Topics); each links to its articles."

    class Meta:
        verbose_name = "Topic list"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topic_list"] = Topic.shown_in(self.locale_id)
        context["context_page"] = ContextIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        return context
