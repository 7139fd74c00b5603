"""Accessibility (axe-core in Chromium) and HTML validity (the Nu HTML Checker) of the pages readers
use most, in both languages. Both tools are npm packages installed under var/node/ (see the README)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_service, reseed_after_flush
from tests.html import fetch, text

TOOLS = Path(__file__).resolve().parent.parent / "var" / "node" / "node_modules"
AXE_JS = Path(os.environ.get("AXE_CORE_JS", TOOLS / "axe-core" / "axe.min.js"))
VNU_JAR = Path(os.environ.get("VNU_JAR", TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# axe's default rules (WCAG 2.x A and AA, and its best practices) plus WCAG 2.2's 24 px targets.
AXE_RUN = """async () => {
  const results = await axe.run(document, {rules: {"target-size": {enabled: true}}});
  return results.violations.map(violation => ({
    rule: violation.id,
    impact: violation.impact,
    where: violation.nodes.slice(0, 5).map(node => node.target.join(" ")),
  }));
}"""


def checked_urls():
    """Home, Context, an article, an expert and search, in English and in Russian."""
    from wagtail.models import Locale

    from experts.models import ExpertPage
    from pages.models import ArticlePage

    urls = []
    for code, words in (("en", "energy"), ("ru", "энергия")):
        locale = Locale.objects.get(language_code=code)
        article = ArticlePage.objects.live().public().filter(locale=locale).order_by("path").first()
        expert = ExpertPage.objects.live().filter(locale=locale).order_by("path").first()
        urls += [f"/{code}/", f"/{code}/context/", article.url, expert.url, f"/{code}/search/?q={words}"]
    return urls


@pytest.fixture
def axe_source():
    require_service(AXE_JS.exists(), f"axe-core not found at {AXE_JS} (npm install, see the README)")
    return AXE_JS.read_text()


@pytest.fixture
def vnu_command():
    java = shutil.which("java")
    require_service(java is not None, "java not found (the Nu HTML Checker needs Java 11 or later)")
    require_service(VNU_JAR.exists(), f"vnu.jar not found at {VNU_JAR} (npm install, see the README)")
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def html_errors(vnu_command, files):
    """The Nu HTML Checker's errors, as 'file:line: message'."""
    result = subprocess.run([*vnu_command, *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_the_search_page_names_its_two_search_landmarks_apart(client, demo):
    page = fetch(client, "/en/search/?q=energy")
    header_search, page_search = page.select("form[role=search]")
    assert header_search["aria-label"] == "Search the site"
    assert text(page.find(id=page_search["aria-labelledby"])) == "Advanced Search"


@pytest.mark.parametrize("url", ["/en/context/", "/en/context/news/", "/en/context/documents/"])
def test_listing_filter_forms_send_to_the_listing_itself(client, demo, url):
    form = fetch(client, url, {"region": "caucasus"}).select_one("form.filters")
    assert not form.has_attr("action")
    assert form["method"] == "get"


def test_pages_are_valid_html(client, demo, vnu_command, tmp_path):
    pages = {}
    for number, url in enumerate(checked_urls()):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        pages[path] = url
    errors = html_errors(vnu_command, pages)
    named = {path.name: url for path, url in pages.items()}
    assert errors == [], "\n".join(f"{named[error.split(':')[0]]} {error}" for error in errors)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_have_no_accessibility_violations(live_server, chromium, axe_source):
    reseed_after_flush()
    found = {}
    for viewport, open_menu in ((DESKTOP, False), (PHONE, False), (PHONE, True)):
        page = chromium.new_page(viewport=viewport)
        for url in checked_urls():
            page.goto(live_server.url + url)
            if open_menu:
                page.locator(".menu-button").click()
                page.locator(".submenu-toggle").first.click()
            # Evaluated through the browser's debugging protocol, which the site's CSP allows.
            page.evaluate(axe_source + "\n;true")
            violations = page.evaluate(AXE_RUN)
            if violations:
                found[f"{url} at {viewport['width']} px{' with the menu open' if open_menu else ''}"] = (
                    violations
                )
        page.close()
    assert found == {}
