"""For an operator setting up a staff member who cannot get the mailed link (no address yet, a mail
problem): prints a set-up link to hand over in person or by another channel."""

from django.core.management.base import CommandError

from accounts import two_factor_links
from accounts.management.staff_command import StaffMemberCommand
from accounts.two_factor import confirmed_device


class Command(StaffMemberCommand):
    help = (
        "Print a link with which a staff member sets up two-factor sign-in (it works once, for "
        f"{two_factor_links.VALID_DAYS} days, after they sign in with their password)."
    )

    def handle_staff_member(self, user, username):
        if confirmed_device(user) is not None:
            raise CommandError(
                f"{username} already has an authenticator; remove it first with: manage.py reset_two_factor {username}"
            )
        self.stdout.write(two_factor_links.setup_url(user))
