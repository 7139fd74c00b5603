"""create_demo_admin makes one admin with a printed random password, and never changes it; until the
admin has set up two-factor sign-in, it prints a link to do so."""

import re
from io import StringIO
from urllib.parse import urlsplit

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client

from tests.html import html
from tests.sign_in import authenticator_code


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


def test_the_demo_admin_sets_up_two_factor_from_the_printed_link(db):
    first = run()
    password = re.search(r"password '([^']+)'", first).group(1)
    link = urlsplit(re.search(r"https?://\S+/admin/two-factor/setup/\S+", first).group()).path
    browser = Client()

    login = browser.get(link)
    browser.post(login["Location"], {"username": "admin", "password": password})
    page = html(browser.get(link, follow=True))
    code = authenticator_code(page.select_one("[data-secret]").get_text())
    browser.post("/admin/two-factor/", {"code": code})

    assert browser.get("/admin/").status_code == 200
    assert "/admin/two-factor/setup/" not in run()  # set up: no more links
