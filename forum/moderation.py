"""Moderating posts: changing their status and moving debates up the list."""

from django.utils import timezone

from forum.models import ForumTopicPage
from forum.posts import PostStatus


def moderate(posts, status, moderator):
    """Gives the posts a new status, noting who decided and when; returns how many changed."""
    now = timezone.now()
    posts = posts.exclude(status=status)
    keys = list(posts.values_list("topic__translation_key", flat=True).distinct())
    changed = posts.update(status=status, moderated_by=moderator, moderated_at=now)
    if status == PostStatus.APPROVED and changed:
        ForumTopicPage.mark_activity(keys, now)
    return changed
