from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ForumIndexPage(Page):
    intro = models.TextField(blank=True, help_text="What the Forum is and who takes part, shown above the debates.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.StandardPage", "pages.MenuLinkPage"]
    page_description = "The Forum section: expert debates, its rules and help pages."

    class Meta:
        verbose_name = "Forum section"
