"""What stays the same in every language reaches the translations without a Sync: regions, topics,
authors, dates and pictures when the English page is published; a region's slug when it is saved."""

from datetime import date

from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from pages.models import ArticleKind, ArticlePage, Region
from tests.factories import ArticlePageFactory
from tests.html import fetch, text


def test_publishing_the_english_page_brings_regions_authors_date_and_picture(
    demo, russian, translated_article, django_capture_on_commit_callbacks
):
    english, russian_article = translated_article
    russian_summary = russian_article.summary
    region = next(r for r in demo["regions"] if r not in english.regions.all())
    expert = next(e for e in demo["experts"] if e.pk not in {a.expert_id for a in english.authors.all()})

    english.regions.add(region)
    english.authors.add(english.authors.model(expert=expert))
    english.date = date(2024, 2, 29)
    english.main_image = next(image for image in demo["images"] if image.pk != english.main_image_id)
    english.summary = "A new English summary that awaits its translator."
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()

    russian_article = ArticlePage.objects.get(pk=russian_article.pk)
    assert region.get_translation(russian) in russian_article.regions.all()
    assert expert.get_translation(russian).pk in [a.expert_id for a in russian_article.authors.all()]
    assert russian_article.date == date(2024, 2, 29)
    assert russian_article.main_image_id == english.main_image_id
    assert russian_article.summary == russian_summary  # text waits for a Sync and its translator
    assert russian_article.live and not russian_article.has_unpublished_changes


def test_a_draft_translation_gets_the_new_region_without_going_live(
    admin_client, demo, russian, django_capture_on_commit_callbacks
):
    english = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS], title="Draft carries", publish=True
    )
    admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[english.pk]), {"locales": [russian.pk]}
    )
    region = demo["regions"][0]

    english.regions.add(region)
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()

    draft = english.get_translation(russian)
    assert not draft.live
    assert region.get_translation(russian) in draft.get_latest_revision_as_object().regions.all()


def test_a_region_slug_is_not_offered_for_translation_and_follows_the_english_one(
    client, demo, russian, translated_article, django_capture_on_commit_callbacks
):
    english, russian_article = translated_article
    region = demo["regions"][0]
    source, _created = TranslationSource.update_or_create_from_instance(region)
    assert not StringSegment.objects.filter(source=source, context__path="slug").exists()

    region.slug = "horn-of-africa"
    region.save()
    english.regions.add(region)
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()

    assert region.get_translation(russian).slug == "horn-of-africa"
    page = fetch(client, "/ru/context/", {"region": "horn-of-africa"})
    assert russian_article.title in text(page.select_one("main"))


def test_a_new_region_fills_its_slug_from_the_name_and_an_existing_one_does_not(admin_client, demo):
    add = fetch(admin_client, reverse("wagtailsnippets_pages_region:add"))
    name = add.find("input", attrs={"name": "name"})
    assert name["data-w-sync-target-value"] == "#id_slug"
    assert "w-sync#apply" in name["data-action"]

    region = Region.objects.filter(locale=Locale.get_default()).first()
    edit = fetch(admin_client, reverse("wagtailsnippets_pages_region:edit", args=[region.pk]))
    assert "w-sync#apply" not in edit.find("input", attrs={"name": "name"}).get("data-action", "")


def test_translate_is_offered_on_a_snippets_edit_view(admin_client, demo, russian):
    region = Region.objects.create(name="Sahel", slug="sahel", locale=Locale.get_default())

    edit = fetch(admin_client, reverse("wagtailsnippets_pages_region:edit", args=[region.pk]))

    translate_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["pages", "region", region.pk]
    )
    link = edit.find("a", href=translate_url)
    assert link is not None and text(link) == "Translate"
