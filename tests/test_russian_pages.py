"""Every page reachable from the Russian menus speaks Russian: no English interface text left."""

import re
from pathlib import Path

import polib
from django.conf import settings

from tests.html import fetch, html, text

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def english_interface_phrases():
    """Our catalogue's English strings that read as words (no format codes or placeholders)."""
    phrases = set()
    for entry in polib.pofile(str(CATALOGUE)):
        msgid = entry.msgid
        # Short words such as "and" also occur in English document titles, which are content.
        if "%" in msgid or "{" in msgid or not re.search(r"[A-Za-z]{4}", msgid):
            continue
        if re.fullmatch(r"[a-zA-Z]( [a-zA-Z])*", msgid):  # date format codes such as "l j E Y"
            continue
        phrases.add(msgid)
    return phrases


def russian_menu_urls(client):
    page = fetch(client, "/ru/")
    links = page.select(".main-menu a, .site-footer a")
    return ["/ru/"] + sorted({link["href"] for link in links if link["href"].startswith("/ru/")})


def visible_text(page):
    for hidden in page.select("script, style"):
        hidden.decompose()
    return text(page.body)


def test_no_english_interface_string_on_russian_menu_pages(client, demo):
    phrases = english_interface_phrases()
    assert len(phrases) > 40
    leftovers = {}
    urls = russian_menu_urls(client)
    assert len(urls) > 25
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        words = visible_text(html(response))
        found = sorted(phrase for phrase in phrases if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", words))
        if found:
            leftovers[url] = found
    assert leftovers == {}
