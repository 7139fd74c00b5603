"""Joining the Members group: at e-mail confirmation, or when staff approve the reader."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import MemberProfile, MembershipSettings
from pages.models.articles import MEMBERS_GROUP


def is_member(user):
    return user.is_authenticated and user.groups.filter(name=MEMBERS_GROUP).exists()


def profile_of(user):
    profile, _created = MemberProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def grant_membership(user, approved_by=None):
    user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    profile = profile_of(user)
    profile.approved_at = timezone.now()
    profile.approved_by = approved_by
    profile.save(update_fields=["approved_at", "approved_by"])


def notify_staff_of_waiting_member(user):
    listing = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("accounts_memberprofile_modeladmin_index")
    send_mail(
        subject="[EGF] A new reader waits for membership approval",
        message=(
            f"{user.get_full_name() or user.email} <{user.email}> has confirmed their e-mail address "
            f"and asks to become a member.\n\nApprove or ignore the request here:\n{listing}?membership=waiting\n"
        ),
        from_email=None,
        recipient_list=[settings.CONTACT_EMAIL],
    )


def on_email_confirmed(request, email_address, **kwargs):
    """allauth's email_confirmed signal: the reader has proven the address is theirs."""
    user = email_address.user
    if is_member(user):
        return
    if MembershipSettings.load().approve_members_manually:
        profile_of(user)
        notify_staff_of_waiting_member(user)
    else:
        grant_membership(user)
