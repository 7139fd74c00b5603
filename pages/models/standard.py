"""General-purpose pages: section landing pages, text pages and menu links."""

from django.db import models
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.search_text import TextSearchField
from core.visibility import public_only
from pages.blocks import BodyBlock


class SectionPage(Page):
    intro = models.TextField(
        blank=True, help_text="A short introduction above the cards of this section's pages."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "pages.StandardPage",
        "pages.TopicListPage",
        "pages.ArticleIndexPage",
        "experts.ExpertListingPage",
        "pages.PartnersPage",
        "pages.ContactPage",
        "pages.MenuLinkPage",
    ]
    page_description = "A section such as About: an introduction followed by a card for each page inside it."

    class Meta:
        verbose_name = "Section landing page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cards"] = public_only(self.get_children().live())
        return context


class StandardPage(Page):
    intro = models.TextField(blank=True, help_text="Optional lead paragraph in larger type.")
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="The text of the page: paragraphs, headings, images, quotes and downloads.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), TextSearchField("body")]
    parent_page_types = ["home.HomePage", "pages.SectionPage", "forum.ForumIndexPage"]
    subpage_types = []
    page_description = "A page of text, e.g. Who we are, Terms and Conditions, Forum rules."

    class Meta:
        verbose_name = "Text page"


class MenuLinkPage(Page):
    """A menu entry that leads to a part of the site that is not a page, such as sign-up."""

    DESTINATIONS = [
        ("account_signup", _("Registration")),
        ("account_login", _("Login")),
        ("account_reset_password", _("Forgot password")),
        ("search", _("Advanced search")),
    ]
    VISITOR_DESTINATIONS = {"account_signup", "account_login", "account_reset_password"}
    destination = models.CharField(
        max_length=50, choices=DESTINATIONS, help_text="Where readers go when they choose this menu item."
    )

    content_panels = Page.content_panels + [FieldPanel("destination")]
    promote_panels = [FieldPanel("slug"), FieldPanel("show_in_menus")]
    parent_page_types = ["pages.SectionPage", "forum.ForumIndexPage"]
    subpage_types = []
    page_description = "A menu item that leads to Registration, Login or Advanced search."

    class Meta:
        verbose_name = "Menu link"

    @property
    def menu_url(self):
        """Where the menus link instead of this page (core.menus looks for this property)."""
        try:
            return reverse(self.destination)
        except NoReverseMatch:
            return "/"

    @property
    def menu_visitors_only(self):
        """Signed-in members have no use for Registration, Login or Forgot password (core.menus)."""
        return self.destination in self.VISITOR_DESTINATIONS

    def serve(self, request, *args, **kwargs):
        return redirect(self.menu_url)
