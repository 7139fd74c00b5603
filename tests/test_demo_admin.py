"""create_demo_admin makes one admin with a printed random password, and never changes it."""

import re
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command


def run():
    output = StringIO()
    call_command("create_demo_admin", stdout=output)
    return output.getvalue()


def test_admin_is_created_once_with_the_printed_password(db):
    first = run()
    password = re.search(r"password '([^']+)'", first).group(1)
    assert len(password) >= 12
    assert authenticate(username="admin", password=password).is_superuser

    second = run()
    assert "already exists" in second and password not in second
    assert authenticate(username="admin", password=password) is not None
