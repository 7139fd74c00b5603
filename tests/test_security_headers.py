"""What browsers are told a page may do: the site's Content-Security-Policy, the admin's own, and a
Permissions-Policy; and, in a real browser, that the enforced policies block nothing the site needs."""

import re

import pytest

from pages.models import ArticlePage
from tests.conftest import reseed_after_flush
from tests.sign_in import authenticator_code, mailed_setup_link

REPORT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def an_article_url():
    return ArticlePage.objects.live().filter(locale__language_code="en").first().url


def test_public_pages_run_only_the_sites_own_scripts(client, demo):
    for url in ["/en/", an_article_url(), "/en/context/", "/en/search/?q=energy"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"][0] == "'self'"
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        assert "https://www.youtube.com" in policy["frame-src"]
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_has_its_own_policy(client, db):
    response = client.get("/admin/login/")
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail's widgets start from inline scripts
    assert policy["frame-ancestors"] == ["'self'"]  # the editor's preview frames the site
    assert policy["object-src"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]


def test_error_pages_carry_the_policy_too(client, demo):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert directives(response)["object-src"] == ["'none'"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_nothing_the_site_or_the_admin_needs_is_blocked(live_server, chromium):
    from django.contrib.auth import get_user_model

    reseed_after_flush()
    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    get_user_model().objects.create_superuser("chief", "chief@egf.example", "Chief-editor-7")
    reader = chromium.new_page(viewport={"width": 1280, "height": 900})
    reader.add_init_script(REPORT_VIOLATIONS)
    for path in ["/en/", "/en/context/", article.url, "/ru/"]:
        reader.goto(live_server.url + path)
        assert reader.evaluate("window.cspViolations") == [], path
    # The header's suggestions are the site's own script fetching its own JSON.
    reader.goto(live_server.url + "/en/")
    reader.locator("#header-search").fill(article.title.split()[0][:5])
    reader.locator("#header-search-suggestions li").first.wait_for()
    assert reader.evaluate("window.cspViolations") == []

    editor = chromium.new_page(viewport={"width": 1280, "height": 900})
    editor.add_init_script(REPORT_VIOLATIONS)
    editor.goto(f"{live_server.url}/admin/login/")
    editor.get_by_label("Username").fill("chief")
    editor.get_by_label("Password").fill("Chief-editor-7")
    editor.get_by_role("button", name="Sign in").click()
    editor.wait_for_url(re.compile(r"/admin/two-factor/"))
    editor.goto(live_server.url + mailed_setup_link("chief@egf.example"))
    editor.get_by_label("Code from your authenticator app").fill(
        authenticator_code(editor.locator("[data-secret]").inner_text())
    )
    editor.get_by_role("button", name="Turn on two-factor sign-in").click()
    editor.wait_for_url(re.compile(r"/admin/$"))
    editor.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    # The body's blocks are drawn by the admin's scripts: they ran.
    editor.locator(
        "[data-contentpath=body] [data-streamfield-child], .w-panel [data-streamfield-child]"
    ).first.wait_for()
    assert editor.evaluate("window.cspViolations") == []
