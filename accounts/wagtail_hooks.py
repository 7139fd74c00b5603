"""Staff side of membership: the Members listing with approval, and the members-only notice."""

from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import path, re_path
from wagtail import hooks
from wagtail.models import PageViewRestriction
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from accounts import dashboard_panel  # noqa: F401 (registers the dashboard panel)
from accounts.admin_views import ApproveMemberView
from accounts.membership import MEMBERS_GROUP, is_member
from accounts.models import MemberProfile
from accounts.two_factor import two_factor
from core.visibility import restricted_paths


def with_membership_state(profiles):
    members = get_user_model().groups.through.objects.filter(user=OuterRef("user"), group__name=MEMBERS_GROUP)
    verified = EmailAddress.objects.filter(user=OuterRef("user"), verified=True)
    return profiles.annotate(in_members=Exists(members), email_verified=Exists(verified))


class MembershipFilter(admin.SimpleListFilter):
    title = "membership"
    parameter_name = "membership"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Waiting for approval"),
            ("member", "Member"),
            ("unverified", "E-mail not confirmed"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "waiting":
                return queryset.filter(email_verified=True, in_members=False)
            case "member":
                return queryset.filter(in_members=True)
            case "unverified":
                return queryset.filter(email_verified=False)
        return queryset


class MemberPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False  # readers register on the site; an account has no profile without its user


class MemberButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        can_approve = self.permission_helper.user_can_edit_obj(self.request.user, obj)
        if can_approve and obj.email_verified and not obj.in_members:
            buttons.insert(
                0,
                {
                    "url": self.url_helper.get_action_url("approve", obj.pk),
                    "label": "Approve",
                    "classname": "button button-small",
                    "title": f"Make {obj} a member",
                },
            )
        return buttons


class MemberAdmin(ModelAdmin):
    model = MemberProfile
    menu_label = "Members"
    menu_icon = "group"
    menu_order = 210
    list_display = ("__str__", "email", "affiliation", "country", "membership", "joined_at")
    list_filter = (MembershipFilter,)
    search_fields = ("user__email", "user__first_name", "user__last_name", "affiliation")
    button_helper_class = MemberButtonHelper
    permission_helper_class = MemberPermissionHelper
    form_fields_exclude = ["user", "approved_at", "approved_by"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return with_membership_state(super().get_queryset(request).select_related("user"))

    def email(self, profile):
        return profile.user.email

    def membership(self, profile):
        if profile.in_members:
            return "Member"
        return "Waiting for approval" if profile.email_verified else "E-mail not confirmed"

    def approve_view(self, request, instance_pk):
        return ApproveMemberView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            re_path(
                self.url_helper.get_action_url_pattern("approve"),
                self.approve_view,
                name=self.url_helper.get_action_url_name("approve"),
            ),
        )


modeladmin_register(MemberAdmin)


@hooks.register("before_serve_page", order=-1)
def explain_members_only_pages(page, request, serve_args, serve_kwargs):
    """A signed-in reader outside the Members group gets an explanation and a way forward.

    Wagtail itself would send them to the login page again, which sends a signed-in reader
    straight back: a loop with no message."""
    if not request.user.is_authenticated:
        return None
    # Most pages lie outside every restricted section: the cached paths say so without a query.
    if not any(page.path.startswith(path) for path in restricted_paths()):
        return None
    if is_member(request.user) or request.user.is_superuser:
        return None
    restrictions = PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True), restriction_type=PageViewRestriction.GROUPS
    )
    if any(not restriction.accept_request(request) for restriction in restrictions):
        # No page in the context: the notice must not reveal the restricted page's title.
        return render(request, "accounts/members_only.html", status=403)
    return None


@hooks.register("before_serve_document", order=-1)
def explain_members_only_documents(document, request):
    """The same for documents in a collection restricted to groups: a signed-in non-member gets the
    Members only page instead of Wagtail's login page, which would send them straight back."""
    if not request.user.is_authenticated:
        return None
    for restriction in document.collection.get_view_restrictions():
        if restriction.restriction_type == restriction.GROUPS and not restriction.accept_request(request):
            return render(request, "accounts/members_only.html", status=403)
    return None


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("two-factor/", two_factor, name="staff_two_factor")]
