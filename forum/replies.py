"""Replying under a debate and correcting one's own reply: who may, and what they are told."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.membership import is_member
from accounts.rate_limit import allow
from core.paging import elided_page_range
from forum.forms import PostForm
from forum.groups import is_trusted
from forum.notifications import notify_moderators
from forum.posts import (
    EDITABLE_STATUSES,
    FORUM_EDIT_MINUTES,
    POSTS_PAGE_SIZE,
    ForumPost,
    PostStatus,
    posts_shown_on,
)

# Flood limit per member: enough for a lively debate, too few for a script.
POSTS_PER_PERIOD = 5
POST_PERIOD_SECONDS = 10 * 60


def who_may_post(topic, user):
    """'closed', 'anonymous', 'not_member' or 'member': decides what the reader sees instead of or above the form."""
    if not topic.is_open:
        return "closed"
    if not user.is_authenticated:
        return "anonymous"
    return "member" if is_member(user) else "not_member"


def topic_context(topic, request):
    user = request.user
    posts_page = Paginator(posts_shown_on(topic, user), POSTS_PAGE_SIZE).get_page(request.GET.get("page"))
    for post in posts_page.object_list:
        editable = post.editable_by(user)
        post.edit_url = (
            topic.url + topic.reverse_subpage("edit_post", kwargs={"post_id": post.pk}) if editable else ""
        )
    return {
        "posts_page": posts_page,
        "page_range": elided_page_range(posts_page),
        "posting": who_may_post(topic, user),
        "form": PostForm(),
        "reply_url": topic.url + topic.reverse_subpage("reply"),
    }


def post_url(topic, post, user):
    """The address of the page of replies that shows the post, scrolled to it."""
    earlier = (
        posts_shown_on(topic, user)
        .filter(Q(created__lt=post.created) | Q(created=post.created, pk__lt=post.pk))
        .count()
    )
    page = earlier // POSTS_PAGE_SIZE + 1
    return f"{topic.url}{f'?page={page}' if page > 1 else ''}#post-{post.pk}"


def refusal(topic, user):
    """Why this reader may not post here, or '' when they may."""
    state = who_may_post(topic, user)
    if state == "closed":
        return _("This debate is closed: it no longer accepts replies.")
    if state == "not_member":
        return _("Your membership is not active yet. You can reply once the EGF office has activated it.")
    return ""


def post_reply(topic, request):
    if request.method != "POST":
        return redirect(topic.url)
    if not request.user.is_authenticated:
        return redirect_to_login(topic.url)
    reason = refusal(topic, request.user)
    if reason:
        messages.error(request, reason)
        return redirect(topic.url)

    form = PostForm(request.POST)
    if form.is_valid() and not allow("forum-post", request.user.pk, POSTS_PER_PERIOD, POST_PERIOD_SECONDS):
        form.add_error(
            None,
            _(
                "You have sent several replies in a short time. Please wait a few minutes, then send this one again."
            ),
        )
    if not form.is_valid():
        return topic.render(request, context_overrides={"form": form})

    trusted = is_trusted(request.user)
    post = ForumPost.objects.create(
        topic=topic,
        author=request.user,
        body=form.cleaned_data["body"],
        status=PostStatus.APPROVED if trusted else PostStatus.PENDING,
    )
    if trusted:
        topic.mark_activity([topic.translation_key], post.created)
        messages.success(request, _("Your reply is published."))
    else:
        notify_moderators(post)
        messages.success(
            request,
            _("Thank you. Your reply will appear for other readers once a moderator has approved it."),
        )
    return redirect(post_url(topic, post, request.user))


def edit_post(topic, request, post_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = get_object_or_404(
        ForumPost.objects.select_related("author"),
        pk=post_id,
        author=request.user,
        topic__translation_key=topic.translation_key,
    )
    if not topic.is_open:
        messages.error(request, refusal(topic, request.user))
        return redirect(post_url(topic, post, request.user))
    if not post.editable_by(request.user):
        messages.error(
            request,
            _(
                "This reply can no longer be changed: replies can be corrected for %(minutes)d minutes "
                "after they are sent."
            )
            % {"minutes": FORUM_EDIT_MINUTES},
        )
        return redirect(post_url(topic, post, request.user))

    if request.method != "POST":
        form = PostForm(initial={"body": post.body})
    else:
        form = PostForm(request.POST)
        if form.is_valid():
            post.body = form.cleaned_data["body"]
            post.edited = timezone.now()
            back_to_moderation = post.status == PostStatus.APPROVED and not is_trusted(request.user)
            if back_to_moderation:
                post.status = PostStatus.PENDING
            # Written only if no moderator rejected or hid the post since the form was opened.
            still_editable = ForumPost.objects.filter(pk=post.pk, status__in=EDITABLE_STATUSES).update(
                body=post.body, edited=post.edited, status=post.status
            )
            if not still_editable:
                messages.error(
                    request,
                    _("A moderator has taken this reply down in the meantime, so it cannot be changed."),
                )
                return redirect(topic.url)
            if back_to_moderation:
                notify_moderators(post)
                messages.success(
                    request,
                    _("Your reply is changed. It will appear again once a moderator has approved it."),
                )
            else:
                messages.success(request, _("Your reply is changed."))
            return redirect(post_url(topic, post, request.user))
    return topic.render(
        request,
        template="forum/edit_post.html",
        context_overrides={"form": form, "post": post, "trusted": is_trusted(request.user)},
    )
