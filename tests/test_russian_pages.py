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


def test_missing_russian_page_gives_the_russian_404(client, demo):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    page = html(response)
    assert page.find("html")["lang"] == "ru"
    assert "Страница не найдена" in text(page.find("h1"))


def test_russian_contact_form_asks_and_complains_in_russian(client, demo):
    page = fetch(client, "/ru/about/contact-us/")
    labels = [text(label) for label in page.select("main form label")]
    assert "Ваше имя" in " ".join(labels) and "Your name" not in " ".join(labels)
    response = client.post("/ru/about/contact-us/", {"your_name": "Анна", "your_e_mail": "не-адрес"})
    errors = " ".join(text(error) for error in html(response).select(".error"))
    assert "Требуется заполнить это поле" in errors and "адрес электронной почты" in errors
    assert 'value="Анна"' in response.content.decode()


def test_russian_event_calendar_file_is_in_russian(client, demo):
    from wagtail.models import Locale

    from pages.models import EventPage

    event = EventPage.objects.filter(locale=Locale.objects.get(language_code="ru")).first()
    response = client.get(f"{event.url}ics/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"SUMMARY:{event.title}" in body.replace("\r\n ", "")
    assert "/ru/" in body.replace("\r\n ", "")
