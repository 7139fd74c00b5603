"""The admin's "Approve" step for a reader who waits for membership: a confirmation page, then the change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts.membership import grant_membership, is_member
from accounts.models import MemberProfile


def approve_member(request, pk):
    if not request.user.has_perm("accounts.change_memberprofile"):
        raise PermissionDenied
    profile = get_object_or_404(MemberProfile.objects.select_related("user"), pk=pk)
    index_url = reverse("memberprofile:index")
    if request.method != "POST":
        return TemplateResponse(
            request, "accounts/admin/approve_member.html", {"profile": profile, "index_url": index_url}
        )
    if is_member(profile.user):
        messages.info(request, f"{profile} is already a member; nothing was changed or sent.")
    else:
        grant_membership(profile.user, approved_by=request.user)
        messages.success(request, f"{profile} is now a member and can read the Members Area.")
    return redirect(index_url)
