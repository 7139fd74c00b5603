"""Staff side of membership: the Members listing with approval, and the members-only notice."""

import django_filters
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import PageViewRestriction
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts import dashboard_panel  # noqa: F401 (registers the dashboard panel)
from accounts.admin_views import approve_member
from accounts.membership import MEMBERS_GROUP, is_member
from accounts.models import MemberProfile
from accounts.two_factor import two_factor, two_factor_setup
from core.admin_menu import CountedMenuViewSetMixin
from core.visibility import restricted_paths

MEMBERSHIP_STATES = [
    ("waiting", "Waiting for approval"),
    ("member", "Member"),
    ("unverified", "E-mail not confirmed"),
]


def with_membership_state(profiles):
    members = get_user_model().groups.through.objects.filter(user=OuterRef("user"), group__name=MEMBERS_GROUP)
    verified = EmailAddress.objects.filter(user=OuterRef("user"), verified=True)
    return profiles.annotate(in_members=Exists(members), email_verified=Exists(verified))


def waiting_for_approval(profiles):
    return profiles.filter(email_verified=True, in_members=False)


class MemberFilterSet(WagtailFilterSet):
    membership = django_filters.ChoiceFilter(
        label="Membership",
        choices=MEMBERSHIP_STATES,
        method="in_state",
        widget=forms.RadioSelect,
        empty_label="All",
    )

    class Meta:
        model = MemberProfile
        fields = []

    def in_state(self, queryset, name, value):
        match value:
            case "waiting":
                return waiting_for_approval(queryset)
            case "member":
                return queryset.filter(in_members=True)
            case "unverified":
                return queryset.filter(email_verified=False)
        return queryset


def membership(profile):
    if profile.in_members:
        return "Member"
    return "Waiting for approval" if profile.email_verified else "E-mail not confirmed"


class MemberPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False  # readers register on the site; an account has no profile without its user
        return super().user_has_permission(user, action)


register_permission_policy(MemberProfile, MemberPermissionPolicy(MemberProfile))


class MemberIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_membership_state(super().get_base_queryset().select_related("user"))

    def get_list_more_buttons(self, profile):
        buttons = super().get_list_more_buttons(profile)
        can_approve = self.permission_policy.user_has_permission(self.request.user, "change")
        if can_approve and profile.email_verified and not profile.in_members:
            buttons.insert(
                0,
                ListingButton(
                    "Approve",
                    url=reverse("memberprofile:approve", args=[profile.pk]),
                    attrs={"title": f"Make {profile} a member"},
                    priority=0,
                ),
            )
        return buttons


class MemberViewSet(CountedMenuViewSetMixin, ModelViewSet):
    model = MemberProfile
    icon = "group"
    menu_label = "Members"
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = MemberIndexView
    filterset_class = MemberFilterSet
    exclude_form_fields = ["user", "approved_at", "approved_by"]
    list_display = [
        "__str__",
        Column("email", label="E-mail", accessor="user.email"),
        "affiliation",
        "country",
        Column("membership", label="Membership", accessor=membership),
        DateColumn("joined_at", label="Joined", sort_key="joined_at"),
    ]
    search_fields = ["user__email", "user__first_name", "user__last_name", "affiliation"]
    search_backend_name = None
    list_per_page = 50

    def waiting_count(self):
        return waiting_for_approval(with_membership_state(MemberProfile.objects.all())).count()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("approve/<int:pk>/", approve_member, name="approve")]


@hooks.register("register_admin_viewset")
def member_viewset():
    return MemberViewSet("memberprofile", url_prefix="accounts/memberprofile")


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
    return [
        path("two-factor/", two_factor, name="staff_two_factor"),
        path("two-factor/setup/<str:token>/", two_factor_setup, name="staff_two_factor_setup"),
    ]
