"""The dashboard panel for moderators: forum replies awaiting moderation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dashboard import register_count_panel, with_permission
from forum.posts import ForumPost, PostStatus

register_count_panel(
    with_permission("forum.change_forumpost"),
    "forum-replies",
    order=40,
    heading=_("Forum replies awaiting moderation"),
    count=ForumPost.objects.filter(status=PostStatus.PENDING).count,
    url=lambda: reverse("forumpost:index") + f"?status={PostStatus.PENDING}",
    link_text=_("Moderate them"),
)
