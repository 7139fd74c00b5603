from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ShopIndexPage(Page):
    intro = models.TextField(blank=True, help_text="How ordering works, shown above the publications on sale.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    page_description = "The EGF Shop: publications readers can order."

    class Meta:
        verbose_name = "Shop section"
