"""An untranslated region or topic stays out of the Russian site until its translation is published.

Translate makes the Russian copy of a term a draft holding the English name, as it does for pages;
readers of the Russian site meet it nowhere (Context's filters, an article's tags, Advanced Search
and its filters, the feeds, the topic list) until the translator publishes it, and then under its
Russian name.
"""

import feedparser
import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from pages.models import Region, Topic, TopicListPage
from tests.html import fetch, text
from tests.search_support import refresh_engine

ENGLISH_NAME, RUSSIAN_NAME, SLUG = "Sahel", "Сахель", "sahel"


def translate(admin_client, term, russian):
    """Translate › Русский on the term's edit view; the Russian copy it makes."""
    response = admin_client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[term._meta.app_label, term._meta.model_name, term.pk],
        ),
        {"locales": [russian.pk]},
    )
    assert response.status_code == 302
    return term.get_translation(russian)


def publish_translation(admin_client, draft, name, capture):
    """The translator types the name in the translation editor, then clicks Publish."""
    source = TranslationSource.objects.get(object_id=draft.translation_key, locale=Locale.get_default())
    segment = StringSegment.objects.select_related("context").get(source=source, context__path="name")
    StringTranslation.objects.create(
        translation_of_id=segment.string_id,
        locale=draft.locale,
        context=segment.context,
        data=name,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    edit = reverse(f"wagtailsnippets_pages_{draft._meta.model_name}:edit", args=[draft.pk])
    with capture(execute=True):
        response = admin_client.post(edit, {"action": "publish"})
    assert response.status_code == 302


def tag_and_publish(english, capture, **terms):
    for relation, term in terms.items():
        getattr(english, relation).add(term)
    with capture(execute=True):
        english.save_revision().publish()


def region_options(soup):
    return {text(option) for option in soup.select("select[name=region] option") if option["value"]}


def feed_categories(client, article):
    feed = feedparser.parse(client.get("/ru/feeds/rss/").content)
    entry = next(entry for entry in feed.entries if entry.link.endswith(article.url))
    return {tag.term for tag in entry.get("tags", [])}


def found_by(client, words, article):
    refresh_engine()  # the engine shows what was just indexed about once a second
    soup = fetch(client, "/ru/search/", {"q": words})
    return article.url in {link["href"] for link in soup.select(".search-result h2 a")}


def russian_reader_meets(client, article, name):
    """Where a reader of the Russian site meets the term ``name``."""
    return {
        "Context filter": name in region_options(fetch(client, "/ru/context/")),
        "article tags": name in {text(tag) for tag in fetch(client, article.url).select(".tags .tag")},
        "search filter": name in region_options(fetch(client, "/ru/search/", {"q": "a"})),
        "search": found_by(client, name.lower(), article),
        "feed": name in feed_categories(client, article),
    }


def test_a_translated_region_is_a_draft_readers_never_meet_until_it_is_published(
    admin_client, client, demo, russian, translated_article, django_capture_on_commit_callbacks
):
    english, russian_article = translated_article
    sahel = Region.objects.create(name=ENGLISH_NAME, slug=SLUG, locale=Locale.get_default())

    draft = translate(admin_client, sahel, russian)
    tag_and_publish(english, django_capture_on_commit_callbacks, regions=sahel)

    assert not draft.live and draft.name == ENGLISH_NAME
    russian_article.refresh_from_db()
    assert draft in russian_article.regions.all()
    assert not any(russian_reader_meets(client, russian_article, ENGLISH_NAME).values())
    assert fetch(client, "/ru/context/", {"region": SLUG}).select(".listing article.listing-item") == []

    publish_translation(admin_client, draft, RUSSIAN_NAME, django_capture_on_commit_callbacks)

    draft.refresh_from_db()
    assert draft.live and draft.name == RUSSIAN_NAME and draft.slug == SLUG
    assert all(russian_reader_meets(client, russian_article, RUSSIAN_NAME).values())
    assert not any(russian_reader_meets(client, russian_article, ENGLISH_NAME).values())


def test_a_russian_article_shows_no_english_term_that_has_no_translation(
    client, demo, translated_article, django_capture_on_commit_callbacks
):
    english, russian_article = translated_article
    levant = Region.objects.create(name="Levant", slug="levant", locale=Locale.get_default())

    tag_and_publish(english, django_capture_on_commit_callbacks, regions=levant)

    russian_article.refresh_from_db()
    assert levant in russian_article.regions.all()  # kept until the region is translated
    assert not any(russian_reader_meets(client, russian_article, "Levant").values())
    assert "Levant" in {text(tag) for tag in fetch(client, english.url).select(".tags .tag")}


def test_a_translated_topic_joins_the_russian_topic_list_once_published(
    admin_client, client, demo, russian, django_capture_on_commit_callbacks
):
    topic = Topic.objects.create(name="Water rights", slug="water-rights", locale=Locale.get_default())
    topic_list = TopicListPage.objects.get(locale=russian)

    draft = translate(admin_client, topic, russian)

    assert not draft.live
    assert "Water rights" not in text(fetch(client, topic_list.url).select_one("main"))

    publish_translation(admin_client, draft, "Права на воду", django_capture_on_commit_callbacks)

    assert "Права на воду" in text(fetch(client, topic_list.url).select_one("main"))


def test_a_new_english_term_saved_as_a_draft_waits_too(admin_client, client, demo):
    response = admin_client.post(
        reverse("wagtailsnippets_pages_region:add"),
        {"name": "Horn of Africa", "slug": "horn", "description": ""},
    )

    assert response.status_code == 302
    region = Region.objects.get(slug="horn", locale=Locale.get_default())
    assert not region.live
    assert "Horn of Africa" not in region_options(fetch(client, "/en/context/"))


@pytest.mark.parametrize("model", [Region, Topic])
def test_the_translations_report_lists_a_draft_term_among_the_drafts(admin_client, demo, russian, model):
    term = model.objects.create(name="Baltic grid", slug="baltic-grid", locale=Locale.get_default())
    translate(admin_client, term, russian)

    report = fetch(admin_client, reverse("translation_report"), {"status": "draft"})

    assert "Baltic grid" in text(report.select_one("main"))
