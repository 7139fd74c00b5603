from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Page

from core.routing import DirectRoutingMixin
from core.visibility import public_only
from pages.models import CONTEXT_KINDS, ArticlePage, EventPage

HOME_LATEST_ARTICLES = 6
HOME_UPCOMING_EVENTS = 3


class HomePage(DirectRoutingMixin, Page):
    intro = models.TextField(
        blank=True,
        help_text="The welcome text at the top of the home page: who EGF is, in two or three sentences.",
    )
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked as 'Terms and Conditions' in the footer of every page.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked as 'Privacy Policy' in the footer of every page.",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked as 'Contact us' in the footer of every page.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                PageChooserPanel("terms_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("contact_page"),
            ],
            heading="Footer links",
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.SectionPage",
        "forum.ForumIndexPage",
        "experts.ExpertIndexPage",
        "pages.ContextIndexPage",
        "shop.ShopIndexPage",
        "pages.StandardPage",
        "pages.ContactPage",
    ]
    page_description = "The home page of one language of the site. Its sub-pages form the main menu."

    class Meta:
        verbose_name = "Home page"

    @property
    def footer_page_ids(self):
        """The footer's links, in the order they are shown (read by core.menus)."""
        return {"terms": self.terms_page_id, "privacy": self.privacy_page_id, "contact": self.contact_page_id}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            public_only(ArticlePage.objects.live().descendant_of(self).filter(kind__in=CONTEXT_KINDS))
            .for_listing()
            .order_by("-date", "-pk")[:HOME_LATEST_ARTICLES]
        )
        context["upcoming_events"] = (
            public_only(EventPage.objects.live().descendant_of(self))
            .filter(start__gte=timezone.now())
            .defer_streamfields()
            .order_by("start", "pk")[:HOME_UPCOMING_EVENTS]
        )
        return context
