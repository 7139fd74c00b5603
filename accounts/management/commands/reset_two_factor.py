"""For a staff member who lost their phone: removes their authenticator so that they set up a new
one after their next sign-in, from the link the admin then mails them (their password still has to
be right, and the link reaches only their mailbox)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a staff member's two-factor authenticator, so that they set up a new one at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Removed {removed} authenticator(s) of {username}: after their next sign-in they are mailed a "
            "link to set up a new one (or give them one: manage.py two_factor_link)."
        )
