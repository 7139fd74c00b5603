"""Moderating posts: changing their status, moving debates up the list and telling the authors."""

from django.utils import timezone

from core.cache_purge import page_changed
from forum.author_notices import tell_authors
from forum.models import ForumTopicPage
from forum.posts import PostStatus


def moderate(posts, status, moderator, reason=""):
    """Gives the posts a new status, noting who decided and when; returns how many changed.

    Authors of approved or rejected posts get an e-mail, with the moderator's reason if given."""
    now = timezone.now()
    posts = posts.exclude(status=status)
    decided = list(posts.select_related("author__member_profile", "topic__locale"))
    keys = {post.topic.translation_key for post in decided}
    changed = posts.filter(pk__in=[post.pk for post in decided]).update(
        status=status, moderated_by=moderator, moderated_at=now
    )
    if changed:
        if status == PostStatus.APPROVED:
            ForumTopicPage.mark_activity(list(keys), now)
        # A reply shown or withdrawn changes each language version of its debate (and the forum's
        # lists): the page cache must drop them, as it does on a publish.
        for debate in ForumTopicPage.objects.filter(translation_key__in=keys):
            page_changed(debate)
        tell_authors(decided, status, reason)
    return changed
