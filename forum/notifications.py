"""Telling moderators that a post waits for them (in English: the e-mail goes to staff)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse

from core.mail import send_or_log
from forum.groups import MODERATORS_GROUP
from forum.posts import PostStatus


def moderator_addresses():
    """Active moderators with an e-mail address; the office when there are none."""
    addresses = sorted(
        set(
            get_user_model()
            .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    return addresses or [settings.CONTACT_EMAIL]


def pending_posts_url():
    listing = reverse("forumpost:index")
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{listing}?status={PostStatus.PENDING}"


def notify_moderators(post):
    """One e-mail per post waiting for moderation (in English: it goes to staff)."""
    body = (
        f'{post.author_name} wrote in the debate "{post.topic.title}" ({post.topic.locale.language_code}):\n\n'
        f"{post.body}\n\n"
        f"Approve, reject or hide it here:\n{pending_posts_url()}\n"
    )
    send_or_log(
        EmailMessage(f"Forum post awaiting moderation: {post.topic.title}", body, to=moderator_addresses())
    )
