"""The bulk decision behind the Forum posts listing: approve, reject or hide the ticked posts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from forum.moderation import moderate
from forum.posts import ForumPost, PostStatus

# Button value → (new status, the word the moderator reads in the message).
BULK_ACTIONS = {
    "approve": (PostStatus.APPROVED, "approved"),
    "reject": (PostStatus.REJECTED, "rejected"),
    "hide": (PostStatus.HIDDEN, "hidden"),
}


def count_of_posts(count):
    return f"{count} post" if count == 1 else f"{count} posts"


@require_POST
def moderate_selected(request):
    if not request.user.has_perm("forum.change_forumpost"):
        raise PermissionDenied
    listing = reverse("forumpost:index")
    # Back to the same filtered listing; never anywhere else.
    back = request.POST.get("next", "")
    if not back.startswith(listing):
        back = listing

    action = BULK_ACTIONS.get(request.POST.get("action", ""))
    ids = [value for value in request.POST.getlist("post") if value.isdecimal()]
    if action is None or not ids:
        messages.error(request, "Tick at least one post, then choose Approve, Reject or Hide.")
        return redirect(back)

    status, done = action
    selected = ForumPost.objects.filter(pk__in=ids)
    found = selected.count()
    changed = moderate(selected, status, request.user, request.POST.get("reason", ""))
    message = f"{count_of_posts(changed)} {done}"
    if found > changed:
        message += f" ({count_of_posts(found - changed)} already {done})"
    messages.success(request, message + ".")
    return redirect(back)
