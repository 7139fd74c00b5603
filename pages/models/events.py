"""Events: upcoming and past lists, one page per event with a calendar (.ics) download."""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.search_text import TextSearchField
from core.translation import SynchronisedFromSourceMixin
from core.tree_paths import children_of
from core.visibility import public_only
from pages.blocks import BodyBlock
from pages.forms import LocaleAwarePageForm
from pages.ics import event_calendar
from pages.models.image_alt import main_image_alt_field

PAST_EVENTS_PAGE_SIZE = 10


class EventIndexPage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two above the list of events.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.ContextIndexPage"]
    subpage_types = ["pages.EventPage"]
    page_description = "Lists upcoming events first, then past events."

    class Meta:
        verbose_name = "Events section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = public_only(children_of(EventPage.objects.live(), self)).select_related("main_image")
        now = timezone.now()
        context["upcoming"] = events.filter(start__gte=now).order_by("start", "pk")
        past = events.filter(start__lt=now).order_by("-start", "-pk")
        context["past_page"] = Paginator(past, PAST_EVENTS_PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class EventPage(SynchronisedFromSourceMixin, RoutablePageMixin, Page):
    start = models.DateTimeField(help_text="When the event begins (Brussels time).")
    end = models.DateTimeField(null=True, blank=True, help_text="When it ends; leave empty if unknown.")
    venue = models.CharField(
        max_length=200, blank=True, help_text="Building and city, e.g. 'Residence Palace, Brussels'."
    )
    summary = models.TextField(max_length=600, help_text="Two or three sentences shown in lists.")
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture shown on the event page.",
    )
    main_image_alt = main_image_alt_field()
    body = StreamField(BodyBlock(), blank=True, help_text="Programme, speakers and practical details.")
    regions = ParentalManyToManyField("pages.Region", blank=True, related_name="events")
    topics = ParentalManyToManyField("pages.Topic", blank=True, related_name="events")

    base_form_class = LocaleAwarePageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("venue")],
            heading="When and where",
        ),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("main_image"), FieldPanel("main_image_alt")], heading="Picture"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("regions"), FieldPanel("topics")], heading="Regions and topics"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue"),
        TextSearchField("body"),
        index.FilterField("start"),
    ]
    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []
    page_description = "A conference, round table or briefing, with date, venue and a calendar download."

    class Meta:
        verbose_name = "Event"
        # Upcoming and past events are read by start time; without it SQLite scanned every page.
        indexes = [models.Index(fields=["start", "page_ptr"], name="event_start_idx")]

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "The end must be after the start."})

    @property
    def is_upcoming(self):
        return self.start >= timezone.now()

    @path("")
    def event(self, request):
        return self.render(request)

    @path("ics/")
    def calendar(self, request):
        response = HttpResponse(event_calendar(self, request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response
