"""What a member tells us about themselves, and how membership is granted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# Caps on the details a member types at sign-up and on the account page.
AFFILIATION_MAX_LENGTH = 200
COUNTRY_MAX_LENGTH = 100


class MemberProfile(models.Model):
    """The details asked at registration beyond the e-mail address and name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    affiliation = models.CharField(_("Affiliation"), max_length=AFFILIATION_MAX_LENGTH, blank=True)
    country = models.CharField(_("Country"), max_length=COUNTRY_MAX_LENGTH, blank=True)
    # The site language at sign-up: later messages to the member are written in it.
    language = models.CharField(max_length=10, blank=True, default=settings.LANGUAGE_CODE)
    joined_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "member"
        verbose_name_plural = "members"
        ordering = ["-joined_at"]

    def __str__(self):
        return self.user.get_full_name() or self.user.email


@register_setting(icon="group")
class MembershipSettings(BaseGenericSetting):
    approve_members_manually = models.BooleanField(
        default=False,
        help_text="Off: a reader who confirms their e-mail address becomes a member at once. "
        "On: they wait until staff approve them under Members in the admin menu.",
    )

    panels = [FieldPanel("approve_members_manually")]

    class Meta:
        verbose_name = "Membership"
