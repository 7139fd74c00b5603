"""Articles and the listings that show them: Context, its sections and the Members Area."""

from functools import cache as cache_result
from functools import partial

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index

from accounts.membership import MEMBERS_GROUP
from core.absolute_urls import absolute_url
from core.menus import MENU_TIMEOUT, tree_generation
from core.search_text import TextSearchField
from core.translation import SynchronisedFromSourceMixin
from experts.authorship import ExpertLink, ExpertLinksMixin
from pages.blocks import BodyBlock
from pages.citation import Citation
from pages.forms import LocaleAwarePageForm
from pages.listing import ArticleListing, query_for_other_language
from pages.models.image_alt import main_image_alt_field
from pages.models.taxonomy import Region, TaggedPageMixin, Topic
from pages.reading_time import reading_minutes
from pages.related import related_articles
from pages.sharing import share_links


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
        context["listing"] = article_listing(request, self, kinds=CONTEXT_KINDS)
        return context

    def query_kept_across_languages(self, params, locale_id):
        """core.language_switch keeps the listing's filters and page in the other language."""
        return query_for_other_language(
            params,
            partial(Region.choices_for, locale_id),
            partial(Topic.choices_for, locale_id),
            CONTEXT_KINDS,
        )


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
    page_description = (
        "A list of articles of one kind: News, Publications, Book reviews, Press, Presentations."
    )
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
        context["listing"] = article_listing(request, self, include_private=self.kind == ArticleKind.MEMBERS)
        return context

    def query_kept_across_languages(self, params, locale_id):
        """core.language_switch keeps the listing's filters and page in the other language."""
        return query_for_other_language(
            params, partial(Region.choices_for, locale_id), partial(Topic.choices_for, locale_id), ()
        )


class ArticleQuerySet(PageQuerySet):
    def for_listing(self):
        """Everything a listing row shows (authors, image renditions), in a fixed number of queries."""
        return (
            self.defer_streamfields()
            .select_related("main_image")
            .prefetch_related(ArticlePage.experts_prefetch(), "main_image__renditions")
        )


class ArticlePage(ExpertLinksMixin, TaggedPageMixin, SynchronisedFromSourceMixin, RoutablePageMixin, Page):
    kind = models.CharField(
        max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS, editable=False
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
    main_image_alt = main_image_alt_field()
    byline = models.CharField(
        max_length=200,
        blank=True,
        help_text="Authors who have no expert profile, e.g. 'Jane Smith, University of Vienna'.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The article itself.")
    objects = PageManager.from_queryset(ArticleQuerySet)()
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

    base_form_class = LocaleAwarePageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("summary"),
                FieldPanel("main_image"),
                FieldPanel("main_image_alt"),
            ],
            heading="Listing",
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
        TextSearchField("body"),
        index.SearchField("byline"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["pages.ArticleIndexPage"]
    subpage_types = []
    page_description = "An article: news item, publication, book review, press item or presentation."

    class Meta:
        verbose_name = "Article"
        # Listings read newest first (date, then pk) filtered by kind: this index yields that order,
        # so a page reads ten rows instead of sorting the archive. No index on kind alone: SQLite
        # would prefer it and sort every article of the chosen kinds.
        indexes = [models.Index(fields=["-date", "-page_ptr", "kind"], name="article_listing_idx")]

    @classmethod
    def can_create_at(cls, parent):
        # Articles are written in the source language; translations come through "Translate", so a
        # Russian article always has its English source.
        return super().can_create_at(parent) and parent.locale_id == Locale.get_default().pk

    def save(self, *args, **kwargs):
        parent = self.get_parent()
        if parent is not None and isinstance(parent.specific, ArticleIndexPage):
            self.kind = parent.specific.kind
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for authors and their profiles, shared by the byline, the author list, the
        # citation and the page head, and made only if one of them is rendered, not cached.
        context["author_links"] = when_rendered(self.linked_experts, request)
        # Worked out only when the article's text is rendered, not when its cached fragment is
        # shown: the template calls them, and each answers once however often it is asked (the
        # listing address once per tag).
        context["citation"] = when_rendered(Citation.of, self, request)
        context["reading_minutes"] = when_rendered(reading_minutes, self)
        context["related_articles"] = when_rendered(related_articles, self)
        context["share_links"] = when_rendered(
            lambda: share_links(self.title, absolute_url(self.get_url(request)))
        )
        context["context_listing_url"] = when_rendered(self.context_listing_url, request)
        context["section_url"] = when_rendered(self.section_url, request)
        return context

    def context_listing_url(self, request):
        """The Context listing of this article's language, where its region and topic tags lead
        (cached until pages are next published or moved, like the menus)."""
        key = f"context-listing-url:{self.locale_id}:{tree_generation()}"
        url = cache.get(key)
        if url is None:
            listing = (
                ContextIndexPage.objects.live().filter(locale_id=self.locale_id).order_by("path").first()
            )
            url = listing.get_url(request) if listing else ""
            cache.set(key, url, MENU_TIMEOUT)
        return url

    # Served through Wagtail's page view, so the article's view restrictions apply to them too.
    @path("cite/bibtex/")
    def citation_bibtex(self, request):
        self.prefetch_experts(request)
        return Citation.of(self, request).bibtex_file()

    @path("cite/ris/")
    def citation_ris(self, request):
        self.prefetch_experts(request)
        return Citation.of(self, request).ris_file()

    def section_url(self, request):
        """The section's address, derived from this page's own so no query is needed."""
        url = self.get_url(request) or ""
        return url[: url.rstrip("/").rfind("/") + 1] if url else ""


def when_rendered(function, *args):
    """``function(*args)`` as a template value: worked out when the template first asks for it."""
    return cache_result(partial(function, *args))


class ArticleAuthor(ExpertLink):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")


def article_listing(request, section, kinds=(), include_private=False):
    """The filterable listing of the articles below a section (Context or one article section)."""
    return ArticleListing(
        request,
        articles=ArticlePage.objects.live().descendant_of(section).for_listing(),
        regions=partial(Region.choices_for, section.locale_id),
        topics=partial(Topic.choices_for, section.locale_id),
        type_choices=[(kind.value, kind.label) for kind in (ArticleKind(k) for k in kinds)],
        include_private=include_private,
    )


def take_kind_of_new_section(sender, instance, parent_page_after, **kwargs):
    """A moved article takes the kind of the section it now sits in (Wagtail's move skips save())."""
    if not issubclass(sender, ArticlePage):
        return
    section = parent_page_after.specific
    article = ArticlePage.objects.get(pk=instance.pk)
    if isinstance(section, ArticleIndexPage) and article.kind != section.kind:
        article.save(update_fields=["kind"])  # save() reads the kind from the new parent
