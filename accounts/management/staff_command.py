"""What the staff commands (reset_two_factor, two_factor_link) share: one staff member, by username."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class StaffMemberCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        self.handle_staff_member(user, username)

    def handle_staff_member(self, user, username):
        raise NotImplementedError
