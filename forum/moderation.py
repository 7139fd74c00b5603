"""Moderating posts: changing their status and moving debates up the list."""

from django.utils import timezone

from core.cache_purge import page_changed
from forum.models import ForumTopicPage
from forum.posts import PostStatus


def moderate(posts, status, moderator):
    """Gives the posts a new status, noting who decided and when; returns how many changed."""
    now = timezone.now()
    posts = posts.exclude(status=status)
    keys = list(posts.values_list("topic__translation_key", flat=True).distinct())
    changed = posts.update(status=status, moderated_by=moderator, moderated_at=now)
    if changed:
        if status == PostStatus.APPROVED:
            ForumTopicPage.mark_activity(keys, now)
        # A reply shown or withdrawn changes each language version of its debate (and the forum's
        # lists): the page cache must drop them, as it does on a publish.
        for debate in ForumTopicPage.objects.filter(translation_key__in=keys):
            page_changed(debate)
    return changed
