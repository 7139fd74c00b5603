from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from core.routing import DirectRoutingMixin
from core.visibility import public_only
from pages.models import CONTEXT_KINDS, ArticlePage, EventPage

HOME_LATEST_ARTICLES = 6  # the lead article and five more
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
        InlinePanel(
            "featured_articles",
            max_num=HOME_LATEST_ARTICLES,
            label="Featured article",
            heading="Lead and featured articles",
            help_text=(
                "The first is the lead article, shown large; up to five more follow it. Places left "
                "empty show the newest articles, so with no choice the home page shows the latest."
            ),
        ),
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
        # Called by the template only when the page's cached fragment is not there to show.
        context["latest_articles"] = self.lead_and_featured
        context["upcoming_events"] = (
            public_only(EventPage.objects.live().descendant_of(self))
            .filter(start__gte=timezone.now())
            .defer_streamfields()
            .order_by("start", "pk")[:HOME_UPCOMING_EVENTS]
        )
        return context

    def lead_and_featured(self):
        """The editors' choices in their order (their versions in this language, if live and public),
        then the newest other articles up to HOME_LATEST_ARTICLES, in one query with their listing data."""
        chosen_keys = list(
            self.featured_articles.order_by("sort_order").values_list("article__translation_key", flat=True)
        )
        articles = public_only(ArticlePage.objects.live().descendant_of(self).filter(kind__in=CONTEXT_KINDS))
        chosen = articles.filter(translation_key__in=chosen_keys).values("pk")
        newest = articles.exclude(translation_key__in=chosen_keys).order_by("-date", "-pk").values("pk")
        # Two id subqueries on the primary key: with the filters in the outer query instead, SQLite
        # walks the whole archive to test the OR on every row.
        rows = list(
            ArticlePage.objects.filter(Q(pk__in=chosen) | Q(pk__in=newest[:HOME_LATEST_ARTICLES]))
            .for_listing()
            .order_by("-date", "-pk")
        )
        place = {key: number for number, key in enumerate(chosen_keys)}
        picked = sorted(
            (row for row in rows if row.translation_key in place), key=lambda row: place[row.translation_key]
        )
        return (picked + [row for row in rows if row.translation_key not in place])[:HOME_LATEST_ARTICLES]


class FeaturedArticle(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey(
        "pages.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An article to feature; an unpublished or members-only one is left out.",
    )

    panels = [PageChooserPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = "featured article"
