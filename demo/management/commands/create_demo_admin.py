"""Creates the demo site's admin account once, with a random password printed a single time, and
prints a link to set up its two-factor sign-in until that is done (accounts.two_factor_links)."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts import two_factor_links
from accounts.two_factor import confirmed_device


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' with a random password (printed once); does nothing if it exists. "
        "Until the admin has set up two-factor sign-in, also prints a link to do so."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@egf.example")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            self.stdout.write(
                f"Admin account '{username}' already exists; its password is unchanged "
                f"(reset it with: python manage.py changepassword {username})."
            )
        else:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username=username, email=email, password=password)
            self.stdout.write(
                self.style.SUCCESS(f"Admin account created: user '{username}', password '{password}'")
            )
            self.stdout.write("This password is shown only once; keep it or reset it with changepassword.")
        if confirmed_device(user) is None:
            self.stdout.write(
                "The admin asks for an authenticator app's code at each sign-in. To set up the app, open "
                f"this link and sign in (it works once, within {two_factor_links.VALID_DAYS} days):\n"
                f"{two_factor_links.setup_url(user)}"
            )
