"""The dashboard panel for membership staff: confirmed readers awaiting approval."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import MemberProfile
from core.dashboard import register_count_panel, with_permission


def awaiting_approval():
    from accounts.wagtail_hooks import with_membership_state  # the Members listing's own test, not a copy

    return (
        with_membership_state(MemberProfile.objects.all())
        .filter(email_verified=True, in_members=False)
        .count()
    )


register_count_panel(
    with_permission("accounts.change_memberprofile"),
    "members-awaiting-approval",
    order=42,
    heading=_("Members awaiting approval"),
    count=awaiting_approval,
    url=lambda: reverse("memberprofile:index") + "?membership=waiting",
    link_text=_("Approve them"),
)
