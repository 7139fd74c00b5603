"""Telling a member, in their language, that a moderator approved or rejected their reply."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import send_or_log
from forum.posts import PostStatus


def language_of(post):
    """The language the member signed up in; else the one they wrote the post in."""
    profile = getattr(post.author, "member_profile", None)
    return (profile.language if profile else "") or post.topic.locale.language_code


def notice(post, status, reason):
    if status == PostStatus.APPROVED:
        subject = _("[EGF] Your reply is published")
        opening = _('your reply in the debate "%(debate)s" has been approved and is now shown to readers:')
    else:
        subject = _("[EGF] Your reply was not published")
        opening = _('a moderator decided not to publish your reply in the debate "%(debate)s".')
    lines = [
        _("Hello %(name)s,") % {"name": post.author.get_full_name() or post.author.email},
        "",
        opening % {"debate": post.topic.title},
    ]
    if status == PostStatus.APPROVED:
        lines.append(settings.SITE_BASE_URL.rstrip("/") + post.topic.url)
    if reason.strip():
        lines += ["", _("The moderator's note:"), reason.strip()]
    lines += ["", _("Your reply:"), post.body, ""]
    return EmailMessage(subject, "\n".join(lines), to=[post.author.email])


def tell_authors(posts, status, reason=""):
    """One e-mail per approved or rejected post whose author still has an account and an address."""
    if status not in (PostStatus.APPROVED, PostStatus.REJECTED):
        return
    for post in posts:
        if post.author is None or not post.author.email:
            continue
        with translation.override(language_of(post)):
            send_or_log(notice(post, status, reason))
