"""A new translation is a draft: readers of the Russian site see nothing of it until the translator
publishes it from the translation editor."""

import pytest
from django.urls import reverse

from pages.models import ArticleKind, ArticlePage
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.html import fetch, text

TITLE = "Tbilisi hosts the corridor round table"


@pytest.fixture
def english_article(demo):
    return ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], title=TITLE, publish=True)


def translate(admin_client, page, russian, **extra):
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [russian.pk], **extra},
    )
    assert response.status_code == 302, response.content[:500]


def readers_see(client, url, title):
    response = client.get(url)
    return title in response.content.decode()


def test_translate_this_page_makes_a_draft_that_readers_never_see(
    admin_client, client, english_article, russian
):
    translate(admin_client, english_article, russian)

    draft = english_article.get_translation(russian)
    assert not draft.live
    assert client.get(draft.url or f"/ru/context/news/{draft.slug}/").status_code == 404
    assert not readers_see(client, "/ru/", TITLE)
    assert not readers_see(client, "/ru/context/", TITLE)
    assert not readers_see(client, "/ru/feeds/rss/", TITLE)
    assert not readers_see(client, "/sitemap.xml", f"/ru/context/news/{draft.slug}/")
    assert TITLE not in text(fetch(client, "/ru/search/", {"q": "Tbilisi corridor"}).select_one("main"))


def test_publishing_in_the_translation_editor_makes_it_live(
    admin_client, client, english_article, russian, django_capture_on_commit_callbacks
):
    translate(admin_client, english_article, russian)
    draft = english_article.get_translation(russian)

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail publishes once the save commits
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"}
        )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert text(fetch(client, draft.url).find("h1")) == TITLE
    assert readers_see(client, "/ru/context/", TITLE)


def test_a_section_translated_with_its_sub_pages_is_a_tree_of_drafts(admin_client, client, demo, russian):
    context = demo["sections"][ArticleKind.NEWS].get_parent()
    section = ArticleIndexPageFactory(parent=context, title="Caucasus briefings", publish=True)
    article = ArticlePageFactory(parent=section, title=TITLE, publish=True)

    translate(admin_client, section, russian, include_subtree="on")

    assert not section.get_translation(russian).live
    assert not article.get_translation(russian).live
    assert not ArticlePage.objects.live().filter(locale=russian, title=TITLE).exists()
    assert not readers_see(client, "/ru/context/", TITLE)
