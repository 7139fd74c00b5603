"""Articles and the listings that show them: Context, its sections and the Members Area."""

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.dispatch import receiver
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import post_page_move

from pages.blocks import BodyBlock
from pages.listing import ArticleListing
from pages.translation import SynchronisedFromSourceMixin, relink_experts

MEMBERS_GROUP = "Members"


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    PUBLICATION = "publication", _("Publication")
    REVIEW = "review", _("Book review")
    PRESENTATION = "presentation", _("Expert presentation")
    PRESS = "press", _("EGF in press")
    MEMBERS = "members", _("Members briefing")


# Kinds a reader can pick in the Context "type" filter (the Members Area is never offered).
CONTEXT_KINDS = [ArticleKind.NEWS, ArticleKind.PUBLICATION, ArticleKind.REVIEW]


class ContextIndexPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the list of articles.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "pages.ArticleIndexPage",
        "pages.EventIndexPage",
        "pages.DocumentLibraryPage",
        "pages.MapIndexPage",
    ]
    page_description = "The Context section: lists every article of the sections inside it, newest first."
    template = "pages/article_listing_page.html"

    class Meta:
        verbose_name = "Context section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = ArticleListing(request, root=self, kinds=CONTEXT_KINDS)
        return context


class ArticleIndexPage(Page):
    kind = models.CharField(
        max_length=20,
        choices=ArticleKind.choices,
        default=ArticleKind.NEWS,
        help_text=(
            "What the articles in this section are. Every article you add here is labelled with it. "
            "'Members briefing' makes the section visible to logged-in members only."
        ),
    )
    intro = models.TextField(blank=True, help_text="A sentence or two above the list of articles.")

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["pages.ContextIndexPage", "pages.SectionPage"]
    subpage_types = ["pages.ArticlePage"]
    page_description = "A list of articles of one kind: News, Publications, Book reviews, Press, Presentations."
    template = "pages/article_listing_page.html"

    class Meta:
        verbose_name = "Article section"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.kind == ArticleKind.MEMBERS:
            self.restrict_to_members()

    def restrict_to_members(self):
        members, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
        # wagtail-localize copies restrictions onto translations: keep exactly one.
        restrictions = list(PageViewRestriction.objects.filter(page=self).order_by("pk"))
        restriction = restrictions[0] if restrictions else PageViewRestriction(page=self)
        for duplicate in restrictions[1:]:
            duplicate.delete()
        if restriction.restriction_type != PageViewRestriction.GROUPS or not restriction.pk:
            restriction.restriction_type = PageViewRestriction.GROUPS
            restriction.save()
        restriction.groups.add(members)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = ArticleListing(
            request, root=self, include_private=self.kind == ArticleKind.MEMBERS
        )
        return context


class ArticlePage(SynchronisedFromSourceMixin, Page):
    kind = models.CharField(
        max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS, editable=False, db_index=True
    )
    date = models.DateField(help_text="Publication date shown to readers; lists are sorted by it.")
    summary = models.TextField(
        max_length=600, help_text="Two or three sentences shown in lists and search results."
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture shown at the top and in lists.",
    )
    byline = models.CharField(
        max_length=200,
        blank=True,
        help_text="Authors who have no expert profile, e.g. 'Jane Smith, University of Vienna'.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The article itself.")
    regions = ParentalManyToManyField("pages.Region", blank=True, related_name="articles")
    topics = ParentalManyToManyField("pages.Topic", blank=True, related_name="articles")
    outlet = models.CharField(
        max_length=150, blank=True, help_text="Press items only: the newspaper or broadcaster."
    )
    external_url = models.URLField(
        blank=True, help_text="Press items and presentations: where the original can be read or watched."
    )
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional file to download, e.g. the full publication or the slides.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("summary"), FieldPanel("main_image")], heading="Listing"
        ),
        MultiFieldPanel(
            [InlinePanel("authors", label="Expert author"), FieldPanel("byline")], heading="Authors"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("outlet"), FieldPanel("external_url"), FieldPanel("attachment")],
            heading="Source and files",
        ),
        MultiFieldPanel([FieldPanel("regions"), FieldPanel("topics")], heading="Regions and topics"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["pages.ArticleIndexPage"]
    subpage_types = []
    page_description = "An article: news item, publication, book review, press item or presentation."

    class Meta:
        verbose_name = "Article"
        indexes = [models.Index(fields=["-date"], name="article_date_idx")]

    def save(self, *args, **kwargs):
        parent = self.get_parent()
        if parent is not None and isinstance(parent.specific, ArticleIndexPage):
            self.kind = parent.specific.kind
        super().save(*args, **kwargs)

    def synchronise_extra_from(self, source):
        relink_experts(self.authors.all(), self.locale_id)

    def get_context(self, request, *args, **kwargs):
        # One query for authors and their profiles, shared by the byline and the author list.
        # A preview shows the editor's unsaved authors, which live in memory, not in the database.
        if not getattr(request, "is_preview", False):
            prefetch_related_objects(
                [self], Prefetch("authors", queryset=ArticleAuthor.objects.select_related("expert"))
            )
        return super().get_context(request, *args, **kwargs)

    @property
    def authors_line(self):
        """'NAME, TITLE and NAME, TITLE' from expert authors (prefetched in listings) and the byline."""
        names = [author.expert.name_with_title for author in self.authors.all()]
        if self.byline:
            names.append(self.byline)
        return get_text_list(names, _("and"))

    @property
    def parent_url(self):
        """The section's address, derived from this page's own so no query is needed."""
        url = self.url or ""
        return url[: url.rstrip("/").rfind("/") + 1] if url else ""


class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    expert = models.ForeignKey(
        "experts.ExpertPage", on_delete=models.CASCADE, related_name="authored", help_text="Choose the expert."
    )

    panels = [FieldPanel("expert")]


@receiver(post_page_move, dispatch_uid="article-kind-follows-move")
def take_kind_of_new_section(sender, instance, parent_page_after, **kwargs):
    """A moved article takes the kind of the section it now sits in (Wagtail's move skips save())."""
    if not issubclass(sender, ArticlePage):
        return
    section = parent_page_after.specific
    article = ArticlePage.objects.get(pk=instance.pk)
    if isinstance(section, ArticleIndexPage) and article.kind != section.kind:
        article.save(update_fields=["kind"])  # save() reads the kind from the new parent
