"""Forum posts: what members write under a debate, and which of it each reader may see.

A post belongs to the language version of the topic its author wrote on, but a debate is one
conversation in every language: each version shows the posts of all pages that share its
``translation_key``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

# How long an author may still correct a post after writing it.
FORUM_EDIT_MINUTES = 15
POST_MAX_LENGTH = 5000
POSTS_PAGE_SIZE = 20


class PostStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    APPROVED = "approved", "approved"
    REJECTED = "rejected", "rejected"
    HIDDEN = "hidden", "hidden"


# A post its author may still correct; rejected and hidden posts are the moderators' decision.
EDITABLE_STATUSES = (PostStatus.PENDING, PostStatus.APPROVED)

FORMER_MEMBER = _("former member")


class ForumPost(models.Model):
    topic = models.ForeignKey(
        "forum.ForumTopicPage",
        on_delete=models.CASCADE,
        related_name="posts",
        help_text="The debate (in the language the member wrote in).",
    )
    # SET_NULL: a member who deletes their account leaves their posts to the debate.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    body = models.TextField(max_length=POST_MAX_LENGTH, help_text="Plain text as the member wrote it.")
    status = models.CharField(
        max_length=10,
        choices=PostStatus.choices,
        default=PostStatus.PENDING,
        db_index=True,
        help_text="Only approved posts are shown to readers; the author also sees their own pending posts.",
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)
    edited = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "forum post"
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.author_name}: {self.excerpt}"

    @property
    def author_name(self):
        if self.author is None:
            return FORMER_MEMBER
        return self.author.get_full_name() or self.author.get_username()

    @property
    def excerpt(self):
        return Truncator(" ".join(self.body.split())).chars(80)

    @property
    def is_pending(self):
        return self.status == PostStatus.PENDING

    @property
    def edit_deadline(self):
        return self.created + timedelta(minutes=FORUM_EDIT_MINUTES)

    def editable_by(self, user):
        """Its author may correct a post that is still shown (or waiting) within the edit window."""
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status in EDITABLE_STATUSES
            and timezone.now() <= self.edit_deadline
        )


def posts_shown_on(topic, user):
    """Approved posts of every language version of the topic, plus the reader's own pending ones."""
    shown = Q(status=PostStatus.APPROVED)
    if user.is_authenticated:
        shown |= Q(status=PostStatus.PENDING, author=user)
    return (
        ForumPost.objects.filter(shown, topic__translation_key=topic.translation_key)
        .select_related("author")
        .order_by("created", "pk")
    )
