"""Translators keep the Russian site in step: Sync after an English edit, PO download/upload."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from pages.models import ArticlePage
from tests.html import fetch, text


@pytest.fixture
def translated_article(demo):
    russian = Locale.objects.get(language_code="ru")
    english = (
        ArticlePage.objects.descendant_of(demo["home"])
        .filter(translation_key__in=ArticlePage.objects.filter(locale=russian).values("translation_key"))
        .order_by("pk")
        .first()
    )
    return english, english.get_translation(russian)


def publish_english_edit(article, **changes):
    for field, value in changes.items():
        setattr(article, field, value)
    article.save_revision().publish()


def translation_for(article):
    source = TranslationSource.objects.get_for_instance(article)
    return source, Translation.objects.get(source=source, target_locale__language_code="ru")


def russian_page(client, russian):
    return fetch(client, russian.url)


def test_sync_brings_the_english_change_and_keeps_finished_translations(
    admin_client, client, translated_article
):
    english, russian = translated_article
    russian_summary = russian.summary
    publish_english_edit(english, title="Brussels rethinks the northern corridor")
    source, _translation = translation_for(english)

    response = admin_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
    )

    assert response.status_code == 302
    page = russian_page(client, russian)
    assert text(page.find("h1")) == "Brussels rethinks the northern corridor"  # new text awaits translation
    assert russian_summary in text(page.select_one(".lead"))  # the finished Russian stays
    assert page.find("html")["lang"] == "ru"


def test_po_download_edit_upload_changes_the_russian_page(admin_client, client, translated_article):
    english, russian = translated_article
    source, translation = translation_for(english)

    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    title_entry = next(entry for entry in po if entry.msgid == english.title)
    assert title_entry.msgstr == russian.title

    title_entry.msgstr = "Новый заголовок из бюро переводов"
    upload = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    response = admin_client.post(
        upload,
        {"file": SimpleUploadedFile("ru.po", str(po).encode(), content_type="text/x-gettext-translation")},
    )
    assert response.status_code == 302
    translation.save_target(publish=True)

    assert text(russian_page(client, russian).find("h1")) == "Новый заголовок из бюро переводов"
    assert text(fetch(client, english.url).find("h1")) == english.title


def test_a_po_file_for_another_translation_is_refused(admin_client, translated_article):
    english, _russian = translated_article
    _source, translation = translation_for(english)
    other = (
        Translation.objects.exclude(pk=translation.pk).filter(target_locale=translation.target_locale).first()
    )
    po = polib.pofile(
        admin_client.get(reverse("wagtail_localize:download_pofile", args=[other.pk])).content.decode()
    )

    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("ru.po", str(po).encode())},
        follow=True,
    )
    assert "different translation" in response.content.decode()
