"""The Forum: its section page with debates in progress and the archive, and one page per debate."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.paging import elided_page_range
from core.search_text import TextSearchField
from core.translation import SynchronisedFromSourceMixin
from core.tree_paths import children_of
from core.visibility import public_only
from experts.authorship import ExpertLink, ExpertLinksMixin
from forum import replies
from forum.posts import ForumPost, PostStatus
from pages.blocks import BodyBlock
from pages.forms import LocaleAwarePageForm

TOPICS_PAGE_SIZE = 10
ARCHIVE_ROUTE = "archive"


class TopicStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    CLOSED = "closed", _("Closed")


class ForumIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(
        blank=True, help_text="What the Forum is and who takes part, shown above the debates."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["forum.ForumTopicPage", "pages.StandardPage", "pages.MenuLinkPage"]
    page_description = "The Forum section: expert debates, its rules and help pages."

    class Meta:
        verbose_name = "Forum section"

    def topics(self, status):
        """Live debates of one status, newest activity first, with everything a row shows."""
        approved_posts = (
            ForumPost.objects.filter(
                status=PostStatus.APPROVED, topic__translation_key=OuterRef("translation_key")
            )
            .order_by()
            .values("status")
            .annotate(count=Count("pk"))
            .values("count")
        )
        topics = public_only(children_of(ForumTopicPage.objects.live(), self)).filter(status=status)
        return (
            topics.defer_streamfields()
            .annotate(
                activity=Coalesce("last_activity", "first_published_at"),
                post_count=Coalesce(Subquery(approved_posts), 0),
            )
            .prefetch_related(ForumTopicPage.experts_prefetch())
            .order_by(F("activity").desc(nulls_last=True), "-pk")
        )

    def listing_context(self, request, status):
        topics_page = Paginator(self.topics(status), TOPICS_PAGE_SIZE).get_page(request.GET.get("page"))
        return {
            "showing_archive": status == TopicStatus.CLOSED,
            "topics_page": topics_page,
            "page_range": elided_page_range(topics_page),
            "in_progress_url": self.url,
            "archive_url": self.url + self.reverse_subpage(ARCHIVE_ROUTE),
        }

    def menu_routes(self, request):
        """The Forum's entries in the main menu, before its sub-pages (core.menus asks for them)."""
        url = self.get_url(request)
        return [(_("In progress"), url), (_("Archive"), url + self.reverse_subpage(ARCHIVE_ROUTE))]

    @path("")
    def in_progress(self, request):
        return self.render(request, context_overrides=self.listing_context(request, TopicStatus.OPEN))

    @path("archive/", name=ARCHIVE_ROUTE)
    def archive(self, request):
        return self.render(request, context_overrides=self.listing_context(request, TopicStatus.CLOSED))


class ForumTopicPage(ExpertLinksMixin, SynchronisedFromSourceMixin, RoutablePageMixin, Page):
    opening_statement = StreamField(
        BodyBlock(),
        help_text="The question put to the debate and the background readers need, shown above the replies.",
    )
    status = models.CharField(
        max_length=10,
        choices=TopicStatus.choices,
        default=TopicStatus.OPEN,
        db_index=True,
        help_text=(
            "'In progress': members can reply. 'Closed': the debate moves to the Forum archive and "
            "stays readable, but no one can reply any more."
        ),
    )
    # Set when a post is approved; lists sort by it (or by first publication while there are no posts).
    last_activity = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    # Status and experts are the same in every language; wagtail-localize copies them from the source.
    override_translatable_fields = [SynchronizedField("status"), SynchronizedField("invited_experts")]
    synchronised_tags = ()
    expert_links = "invited_experts"

    base_form_class = LocaleAwarePageForm
    content_panels = Page.content_panels + [
        FieldPanel("status"),
        FieldPanel("opening_statement"),
        MultiFieldPanel(
            [InlinePanel("invited_experts", label="Invited expert")],
            heading="Invited experts",
            help_text="The experts asked to take part, in the order readers will see them.",
        ),
    ]
    search_fields = Page.search_fields + [TextSearchField("opening_statement"), index.FilterField("status")]
    parent_page_types = ["forum.ForumIndexPage"]
    subpage_types = []
    page_description = "A debate: an opening statement, invited experts and the replies members post."

    class Meta:
        verbose_name = "Forum debate"

    def clean(self):
        super().clean()
        if self.slug == ARCHIVE_ROUTE:
            raise ValidationError({"slug": "This address is taken by the Forum archive; choose another."})

    @classmethod
    def mark_activity(cls, translation_keys, when):
        """A debate's newest activity is shared by its language versions, so all of them move up together."""
        cls.objects.filter(translation_key__in=set(translation_keys)).update(last_activity=when)

    @property
    def is_open(self):
        return self.status == TopicStatus.OPEN

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if self.locale_id == Locale.get_default().pk and (update_fields is None or "status" in update_fields):
            # Closing a debate closes every language version at once: the replies are shared, so a
            # version left open until the next translation sync would take replies for a closed debate.
            ForumTopicPage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
                status=self.status
            )
        return result

    def delete(self, *args, **kwargs):
        """Replies belong to the debate in every language: deleting one language version moves its
        replies to another version instead of taking them along (they go with the last version)."""
        other = (
            ForumTopicPage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).first()
        )
        if other is not None:
            ForumPost.objects.filter(topic=self).update(topic=other)
        return super().delete(*args, **kwargs)

    def with_content_json(self, content):
        """Activity lives on the live row: publishing an older draft must not move the debate down."""
        page = super().with_content_json(content)
        page.last_activity = self.last_activity
        return page

    def get_context(self, request, *args, **kwargs):
        self.prefetch_experts(request)  # one query for the experts and their profiles
        context = super().get_context(request, *args, **kwargs)
        context.update(replies.topic_context(self, request))
        return context

    @path("")
    def debate(self, request):
        return self.render(request)

    @path("reply/", name="reply")
    def reply(self, request):
        return replies.post_reply(self, request)

    @path("posts/<int:post_id>/edit/", name="edit_post")
    def edit_post(self, request, post_id):
        return replies.edit_post(self, request, post_id)


class InvitedExpert(ExpertLink):
    topic = ParentalKey(ForumTopicPage, on_delete=models.CASCADE, related_name="invited_experts")
