"""Who may do what in the Forum: members post, trusted members skip moderation, moderators moderate."""

from accounts.membership import group_names

TRUSTED_GROUP = "Trusted forum members"
MODERATORS_GROUP = "Forum moderators"
# Moderators reach the Wagtail admin and the post listing, nothing else.
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("forum", "add_forumpost"),
    ("forum", "change_forumpost"),
    ("forum", "delete_forumpost"),
    ("forum", "view_forumpost"),
]


def ensure_forum_groups(group_model, permission_model):
    """Creates both forum groups with their permissions; takes the models so a migration can pass its own."""
    group_model.objects.get_or_create(name=TRUSTED_GROUP)
    moderators, _created = group_model.objects.get_or_create(name=MODERATORS_GROUP)
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            moderators.permissions.add(permission)


def is_trusted(user):
    return TRUSTED_GROUP in group_names(user)
