"""The admin's "Approve" step for a reader who waits for membership."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail_modeladmin.views import InstanceSpecificView

from accounts.membership import grant_membership, is_member


class ApproveMemberView(InstanceSpecificView):
    page_title = "Approve membership"
    template_name = "accounts/admin/approve_member.html"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_edit_obj(user, self.instance)

    def post(self, request, *args, **kwargs):
        if is_member(self.instance.user):
            messages.info(request, f"{self.instance} is already a member; nothing was changed or sent.")
        else:
            grant_membership(self.instance.user, approved_by=request.user)
            messages.success(request, f"{self.instance} is now a member and can read the Members Area.")
        return redirect(self.index_url)
