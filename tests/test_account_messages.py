"""What a new member reads when confirming the sign-up e-mail, in the same browser or another:
their name or address, never the internal username."""

from django.contrib.auth import get_user_model
from django.test import Client

from accounts.membership import is_member
from tests.html import html, text
from tests.test_accounts import LOGIN_URL, PASSWORD, confirm_from_mail, login, signup


def messages_on(response):
    return [text(message) for message in html(response).select(".messages .message")]


def names_the_username(shown, user):
    return "for user" in shown or f"as {user.username}" in shown


def test_confirming_in_the_same_browser_signs_in_by_name(client, demo):
    signup(client)
    response = confirm_from_mail(client)
    user = get_user_model().objects.get(email="new.reader@egf.example")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)
    page = client.get(response["Location"], follow=True)
    shown = " ".join(messages_on(page))
    assert "Nino Beridze" in shown
    assert not names_the_username(shown, user)


def test_confirming_in_another_browser_confirms_and_asks_for_the_password(client, demo):
    signup(client)
    other_browser = Client()
    response = confirm_from_mail(other_browser)
    user = get_user_model().objects.get(email="new.reader@egf.example")
    # The link alone does not open the account: the reader signs in there with their password.
    assert "_auth_user_id" not in other_browser.session
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
    page = other_browser.get(response["Location"])
    shown = " ".join(messages_on(page))
    assert "new.reader@egf.example" in shown and not names_the_username(shown, user)
    assert is_member(user)  # the address is confirmed all the same

    signed_in = login(other_browser, "new.reader@egf.example", PASSWORD)
    assert signed_in.status_code == 302
    page = other_browser.get(signed_in["Location"], follow=True)
    shown = " ".join(messages_on(page))
    assert "signed in as Nino Beridze." in shown
    assert not names_the_username(shown, user)
