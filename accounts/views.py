"""The member's own account page and account deletion."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.membership import is_member, profile_of


@login_required
def account_overview(request):
    form = ProfileForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("account_overview")
    context = {"form": form, "profile": profile_of(request.user), "is_member": is_member(request.user)}
    return render(request, "accounts/account_overview.html", context)


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        with transaction.atomic():
            user.delete()
        messages.success(request, _("Your account has been deleted. Thank you for taking part."))
        return redirect(f"/{get_language()}/")
    return render(request, "accounts/delete_account.html", {"form": form})
