"""Experts: the A–Z index, one profile page per expert, and listings by role (Staff, Affiliated)."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.paging import elided_page_range
from core.search_text import TextSearchField
from core.tree_paths import children_of
from core.visibility import public_only

EXPERT_ARTICLES_PAGE_SIZE = 20

# (page type, ordering) of the works each expert's profile lists, all of them, a page at a time;
# set by list_on_profiles().
PROFILE_WORKS = []


def list_on_profiles(model, ordering):
    """Called from an app's ready(): expert profiles list their live, public pages of this type."""
    PROFILE_WORKS[:] = [(model, ordering)]


class ExpertRole(models.TextChoices):
    STAFF = "staff", _("Staff")
    AFFILIATED = "affiliated", _("Affiliated expert")


def experts_for_listing(locale_id):
    return (
        public_only(ExpertPage.objects.live())
        .filter(locale_id=locale_id)
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .order_by("last_name", "title", "pk")
    )


class ExpertIndexPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the A–Z list.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["experts.ExpertPage"]
    page_description = "All experts from A to Z. Add every expert's profile here."

    class Meta:
        verbose_name = "Experts A–Z"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        experts = children_of(experts_for_listing(self.locale_id), self)
        letters = sorted({initial for initial in experts.values_list("initial", flat=True) if initial})
        letter = request.GET.get("letter", "").upper()[:1]
        if letter:
            # Only known initials reach the database (a null byte would make PostgreSQL fail).
            experts = experts.filter(initial=letter) if letter in letters else experts.none()
        context.update(letters=letters, selected_letter=letter, experts=experts)
        return context


class ExpertPage(Page):
    last_name = models.CharField(
        max_length=100, help_text="Surname, used to sort the A–Z list. The page title is the full name."
    )
    initial = models.CharField(max_length=1, editable=False, db_index=True)
    job_title = models.CharField(
        max_length=200, blank=True, help_text="Shown after the name in bylines, e.g. 'Senior Fellow'."
    )
    affiliation = models.CharField(
        max_length=200, blank=True, help_text="Organisation, e.g. 'University of Vienna'."
    )
    role = models.CharField(
        max_length=20,
        choices=ExpertRole.choices,
        default=ExpertRole.AFFILIATED,
        help_text="Staff appear under About › Staff; affiliated experts under About › Affiliated Experts.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A portrait, ideally square.",
    )
    bio = RichTextField(
        blank=True, features=["bold", "italic", "link", "ul", "ol"], help_text="A short biography."
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("last_name"), FieldPanel("job_title"), FieldPanel("affiliation"), FieldPanel("role")],
            heading="Who they are",
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = Page.search_fields + [
        TextSearchField("bio"),
        index.SearchField("affiliation"),
        index.FilterField("role"),
    ]
    parent_page_types = ["experts.ExpertIndexPage"]
    subpage_types = []
    page_description = "One expert's profile: photo, title, biography and their articles."

    class Meta:
        verbose_name = "Expert"

    def save(self, *args, **kwargs):
        self.initial = (self.last_name or self.title)[:1].upper()
        super().save(*args, **kwargs)

    @property
    def name_with_title(self):
        return f"{self.title}, {self.job_title}" if self.job_title else self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = None
        for model, ordering in PROFILE_WORKS:
            works = (
                public_only(model.objects.live())
                .filter(**{f"{model.expert_links}__expert": self})
                .defer_streamfields()
                .order_by(*ordering)
            )
            page = Paginator(works, EXPERT_ARTICLES_PAGE_SIZE).get_page(request.GET.get("page"))
            context.update(articles=page, page_range=elided_page_range(page))
        return context


class ExpertListingPage(Page):
    role = models.CharField(
        max_length=20, choices=ExpertRole.choices, help_text="Which experts this page lists."
    )
    intro = models.TextField(blank=True, help_text="A sentence or two above the list.")

    content_panels = Page.content_panels + [FieldPanel("role"), FieldPanel("intro")]
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    page_description = (
        "Lists the experts of one role, e.g. Staff. The profiles themselves live under Experts."
    )

    class Meta:
        verbose_name = "Expert listing"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["experts"] = experts_for_listing(self.locale_id).filter(role=self.role)
        return context
