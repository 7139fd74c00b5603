"""Who may do what in the Forum: members post, trusted members skip moderation, moderators moderate."""

from accounts.membership import group_names
from accounts.staff_groups import ensure_staff_group

TRUSTED_GROUP = "Trusted forum members"
MODERATORS_GROUP = "Forum moderators"
# Moderators reach the Wagtail admin and the post listing, nothing else.
MODERATOR_PERMISSIONS = ["add_forumpost", "change_forumpost", "delete_forumpost", "view_forumpost"]


def ensure_forum_groups(apps):
    """Creates both forum groups; ``apps`` is a migration's app registry or Django's own."""
    apps.get_model("auth", "Group").objects.get_or_create(name=TRUSTED_GROUP)
    ensure_staff_group(apps, MODERATORS_GROUP, "forum", MODERATOR_PERMISSIONS)


def is_trusted(user):
    return TRUSTED_GROUP in group_names(user)
