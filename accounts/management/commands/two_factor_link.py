"""For an operator setting up a staff member who cannot get the mailed link (no address yet, a mail
problem): prints a set-up link to hand over in person or by another channel."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import two_factor_links
from accounts.two_factor import confirmed_device


class Command(BaseCommand):
    help = (
        "Print a link with which a staff member sets up two-factor sign-in (it works once, for "
        f"{two_factor_links.VALID_DAYS} days, after they sign in with their password)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        if confirmed_device(user) is not None:
            raise CommandError(
                f"{username} already has an authenticator; remove it first with: manage.py reset_two_factor {username}"
            )
        self.stdout.write(two_factor_links.setup_url(user))
