"""The dashboard panel for moderators: forum replies awaiting moderation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.dashboard import CountPanel
from forum.posts import ForumPost, PostStatus


@hooks.register("construct_homepage_panels")
def replies_awaiting_moderation(request, panels):
    if request.user.has_perm("forum.change_forumpost"):
        panels.append(
            CountPanel(
                "forum-replies",
                order=40,
                heading=_("Forum replies awaiting moderation"),
                count=ForumPost.objects.filter(status=PostStatus.PENDING).count,
                url=reverse("forumpost:index") + f"?status={PostStatus.PENDING}",
                link_text=_("Moderate them"),
            )
        )
