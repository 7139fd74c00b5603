"""Joining the Members group: at e-mail confirmation, or when staff approve the reader."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import MemberProfile, MembershipSettings
from core.mail import send_or_log

# The group that opens the Members Area and the Forum's reply form.
MEMBERS_GROUP = "Members"


def group_names(user):
    """The names of the user's groups, read once per request (the user object lives as long)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return user._group_names


def is_member(user):
    return MEMBERS_GROUP in group_names(user)


def profile_of(user):
    profile, _created = MemberProfile.objects.get_or_create(user=user)
    return profile


def grant_membership(user, approved_by=None):
    """Adds the user to Members; when staff approved them, tells them by e-mail in their language."""
    with transaction.atomic():
        user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
        profile = profile_of(user)
        profile.approved_at = timezone.now()
        profile.approved_by = approved_by
        profile.save(update_fields=["approved_at", "approved_by"])
    user.__dict__.pop("_group_names", None)
    if approved_by is not None:
        tell_member_of_approval(user, profile.language)


def tell_member_of_approval(user, language):
    with translation.override(language or settings.LANGUAGE_CODE):
        account_url = settings.SITE_BASE_URL.rstrip("/") + reverse("account_overview")
        send_or_log(
            EmailMessage(
                subject=_("[EGF] Your membership is active"),
                body=_(
                    "Hello %(name)s,\n\nyour membership of the European Geopolitical Forum has been approved. "
                    "The Members Area and the Forum are now open to you. Your account:\n%(url)s\n"
                )
                % {"name": user.get_full_name() or user.email, "url": account_url},
                to=[user.email],
            )
        )


def notify_staff_of_waiting_member(user):
    listing = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("memberprofile:index")
    send_or_log(
        EmailMessage(
            subject="[EGF] A new reader waits for membership approval",
            body=(
                f"{user.get_full_name() or user.email} <{user.email}> has confirmed their e-mail address "
                f"and asks to become a member.\n\nApprove or ignore the request here:\n{listing}?membership=waiting\n"
            ),
            to=[settings.CONTACT_EMAIL],
        )
    )


def on_email_confirmed(request, email_address, **kwargs):
    """allauth's email_confirmed signal: the reader has proven the address is theirs."""
    user = email_address.user
    # Membership is decided once, at the first confirmed address: confirming another address later
    # must not give back a membership that staff took away, nor ask staff again.
    first_confirmation = not user.emailaddress_set.filter(verified=True).exclude(pk=email_address.pk).exists()
    if not first_confirmation or is_member(user):
        return
    if MembershipSettings.load().approve_members_manually:
        profile_of(user)
        notify_staff_of_waiting_member(user)
    else:
        grant_membership(user)
