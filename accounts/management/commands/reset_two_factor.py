"""For a staff member who lost their phone: removes their authenticator so that they set up a new
one after their next sign-in, from the link the admin then mails them (their password still has to
be right, and the link reaches only their mailbox)."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.management.staff_command import StaffMemberCommand


class Command(StaffMemberCommand):
    help = "Remove a staff member's two-factor authenticator, so that they set up a new one at their next sign-in."

    def handle_staff_member(self, user, username):
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Removed {removed} authenticator(s) of {username}: after their next sign-in they are mailed a "
            "link to set up a new one (or give them one: manage.py two_factor_link)."
        )
