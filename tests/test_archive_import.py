"""manage.py import_archive on the sample files of tests/archive_samples/: every kind and field,
the bad records, translations through wagtail-localize, redirects, running twice, dry runs,
and the imported items in listings and search."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import TestCase
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from archive.importer import ArchiveImport
from archive.models import LegacyItem
from experts.models import ExpertPage
from pages.models import ArticleKind, ArticlePage, EventPage, MapPage, Region, Topic
from search.models import SearchEntry
from tests.search_support import refresh_engine

SAMPLES = Path(__file__).parent / "archive_samples"
ENGLISH, RUSSIAN, BAD = (str(SAMPLES / name) for name in ("english.jsonl", "russian.jsonl", "bad.jsonl"))
MEDIA = str(SAMPLES / "media")


def run(*files, dry_run=False, media=MEDIA):
    # Each record commits on its own; inside the test's transaction, run what waits for the commit
    # (wagtail-localize publishes translations then).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return ArchiveImport(media_root=media, dry_run=dry_run).run(list(files))


def page_of(legacy_id):
    item = LegacyItem.objects.get(legacy_id=legacy_id)
    return Page.objects.get(pk=item.object_id).specific


def snapshot():
    """What an import writes, counted: compared before and after a second run."""
    return {
        "pages": Page.objects.count(),
        "redirects": Redirect.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "regions": Region.objects.count(),
        "legacy": LegacyItem.objects.count(),
        "translations": Translation.objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
    }


@pytest.fixture
def imported(db):
    return run(ENGLISH, RUSSIAN)


def test_every_kind_and_field_of_the_english_sample_is_imported(imported):
    assert imported.counts["created"] == 18 and imported.counts["skipped"] == 0
    news = page_of("old:news:501")
    assert isinstance(news, ArticlePage) and news.kind == ArticleKind.NEWS and news.live
    assert news.url_path.endswith("/context/news/dam-talks-resume-on-the-upper-river/")
    assert news.date.isoformat() == "2012-04-03"
    assert [link.expert.title for link in news.authors.all()] == ["Mirela Vantu"]
    assert news.byline == "Tomas Ekholm, Baltic Policy Centre"
    assert [r.slug for r in news.regions.all()] == ["central-asian-steppe"]
    assert [t.slug for t in news.topics.all()] == ["water-politics"]
    # One file, one image: the main image is the image of the body.
    assert news.main_image.file.name.startswith("original_images/pipeline")
    assert news.main_image.pk == news.body[2].value["image"].pk
    assert news.attachment.title == "Annual report 2011"
    assert [block.block_type for block in news.body] == [
        "paragraph",
        "heading",
        "image",
        "quote",
        "table",
        "paragraph",
    ]
    image_block = news.body[2].value
    assert (
        image_block["caption"] == "The valley seen from the dam site"
        and image_block["alt_text"] == "The river valley"
    )
    assert news.body[3].value["attribution"] == "A negotiator"
    assert "onclick" not in news.body[5].value.source and "style" not in news.body[5].value.source
    item = LegacyItem.objects.get(legacy_id="old:news:501")
    assert item.remote_media == ["https://old.egf.example/uploads/map-scan.tif"]
    kinds = {
        page_of(f"old:{name}").kind for name in ("pub:602", "review:77", "press:3", "slides:9", "members:4")
    }
    assert kinds == {"publication", "review", "press", "presentation", "members"}
    assert page_of("old:press:3").outlet == "The Daily Ledger"
    slides = page_of("old:slides:9")
    assert [block.block_type for block in slides.body] == ["embed"] and slides.attachment is not None
    event = page_of("old:event:31")
    assert isinstance(event, EventPage) and event.venue == "Town hall, Linz" and event.end > event.start
    map_page = page_of("old:map:8")
    assert isinstance(map_page, MapPage) and "<i>reservoirs</i>" in map_page.description
    expert = page_of("old:expert:17")
    assert isinstance(expert, ExpertPage) and expert.photo is not None and "script" not in expert.bio
    document = get_document_model().objects.get(title="Annual report 2011")
    assert document.collection.name == "Legacy reports"


def test_links_to_archive_items_become_internal_links_even_to_items_further_on(imported):
    news, publication = page_of("old:news:501"), page_of("old:pub:602")
    # The publication comes after the news item in the file.
    assert f'linktype="page" id="{publication.pk}"' in news.body[0].value.source
    assert '<a href="https://example.org/source">' in news.body[0].value.source
    assert f'linktype="page" id="{news.pk}"' in publication.body[0].value.source


def test_russian_records_become_wagtail_localize_translations_of_their_sources(imported):
    russian = Locale.objects.get(language_code="ru")
    news, translated = page_of("old:news:501"), page_of("old:news:501:ru")
    assert translated.locale == russian and translated.translation_key == news.translation_key
    assert translated.title == "Переговоры о плотине возобновились"
    assert translated.summary == "Переговорщики встретились после года перерыва."
    assert translated.date == news.date  # synchronised from the source
    assert list(translated.regions.all()) == [Region.objects.get(slug="central-asian-steppe", locale=russian)]
    source = TranslationSource.objects.get(object_id=news.translation_key, locale=news.locale)
    translation = Translation.objects.get(source=source, target_locale=russian)
    assert "Переговоры о плотине возобновились" in str(translation.export_po())
    # Sync from the source, as a translator would: the Russian text stays.
    translation.save_target(publish=True)
    assert Page.objects.get(pk=translated.pk).title == "Переговоры о плотине возобновились"
    assert page_of("old:expert:17:ru").specific.job_title == "Научный сотрудник"
    assert Topic.objects.get(locale=russian, slug="water-politics").name == "Политика воды"
    assert page_of("old:event:31:ru").venue == "Ратуша, Линц"


def test_old_urls_answer_301_with_the_page_in_its_language(client, imported):
    expected = {
        "/news/501.html": page_of("old:news:501").url,
        "/news.php?id=501": page_of("old:news:501").url,
        "/ru/news/501.html": page_of("old:news:501:ru").url,
        "/events/31.html": page_of("old:event:31").url,
        "/people/vantu.php": page_of("old:expert:17").url,
        "/files/report2011.pdf": get_document_model().objects.get(title="Annual report 2011").url,
    }
    assert expected["/ru/news/501.html"].startswith("/ru/")
    for old, new in expected.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new, old
        if not old.startswith("/files/"):
            assert client.get(new).status_code == 200, new


def test_bad_records_are_reported_with_file_line_field_and_reason_and_skipped(db, tmp_path):
    bad = tmp_path / "bad.jsonl"
    shutil.copy(BAD, bad)
    with bad.open("a") as handle:
        record = {"kind": "article", "id": "bad:huge", "language": "en", "article_kind": "news"}
        record |= {"title": "Five megabytes", "date": "2011-01-14", "body": "<p>" + "x" * 5_000_000 + "</p>"}
        handle.write(json.dumps(record) + "\n")
    report = run(ENGLISH, str(bad))
    reasons = {(problem["id"], problem["field"]): problem for problem in report.problems}
    assert reasons[("bad:unknown-author", "authors[0]")]["reason"].startswith("unknown author")
    assert "has not been imported" in reasons[("bad:orphan-translation", "translation_of")]["reason"]
    assert reasons[("bad:duplicate", "id")]["line"] == 6
    assert "is not a date" in reasons[("bad:date", "date")]["reason"]
    assert "expected form" in reasons[("bad:date-form", "date")]["reason"]
    assert "outside the media folder" in reasons[("bad:outside-media", "image.path")]["reason"]
    assert "not in the media folder" in reasons[("bad:missing-file", "image.path")]["reason"]
    assert reasons[("bad:no-kind", "article_kind")]["reason"] == "is required"
    assert "5.0 MB" in reasons[("bad:huge", "body")]["reason"]
    assert any(p["line"] == 13 and "not valid JSON" in p["reason"] for p in report.problems)
    assert all(problem["file"].endswith("bad.jsonl") for problem in report.problems)
    assert report.counts["skipped"] == 10
    # Nothing half-written: no page for any skipped record.
    for title in (
        "Written by nobody we know",
        "An image from outside",
        "Five megabytes",
        "Second of two with this id",
    ):
        assert not Page.objects.filter(title=title).exists()
    assert Page.objects.filter(title="First of two with this id").exists()
    # Broken HTML is imported, sanitised, with what was changed reported.
    broken = ArticlePage.objects.get(title="Broken markup survives")
    source = "".join(block.value.source for block in broken.body)
    assert "script" not in source and "onmouseover" not in source and "javascript" not in source
    messages = [w["message"] for w in report.warnings if w["id"] == "bad:broken-html"]
    assert "body: <script> removed" in messages and "body: event attribute removed" in messages
    assert report.collisions == [
        {"file": str(bad), "line": 12, "id": "bad:old-url-taken", "old_url": "/news/501.html"}
    ]
    assert Redirect.objects.get(old_path="/news/501.html").redirect_page_id == page_of("old:news:501").pk


def test_a_second_run_creates_nothing_and_a_changed_record_is_updated(imported, tmp_path):
    before = snapshot()
    again = run(ENGLISH, RUSSIAN)
    assert again.counts["unchanged"] == 18 and again.counts["created"] == again.counts["updated"] == 0
    assert snapshot() == before
    changed = tmp_path / "english.jsonl"
    changed.write_text(
        Path(ENGLISH).read_text().replace("Dam talks resume on the upper river", "Dam talks resume at last")
    )
    third = run(str(changed), RUSSIAN)
    assert third.counts["updated"] == 1 and third.counts["unchanged"] == 17
    assert page_of("old:news:501").title == "Dam talks resume at last"
    assert snapshot()["pages"] == before["pages"]


def test_a_dry_run_checks_everything_and_writes_nothing(db):
    before = snapshot()
    report = run(ENGLISH, RUSSIAN, BAD, dry_run=True)
    assert report.dry_run and report.counts["created"] == 21 and report.counts["skipped"] == 9
    assert snapshot() == before


def test_the_command_prints_a_summary_and_writes_the_report(db, tmp_path):
    out = StringIO()
    report_path = tmp_path / "report.json"
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_archive", ENGLISH, BAD, media=MEDIA, report=str(report_path), stdout=out)
    text = out.getvalue()
    assert "records" in text and f"skipped {BAD}:3 bad:unknown-author authors[0]" in text
    assert "created, 0 updated, 0 unchanged, 9 skipped" in text
    written = json.loads(report_path.read_text())
    assert written["summary"]["skipped"] == 9 and written["summary"]["collisions"] == 1


def test_imported_items_show_in_the_context_listing_and_in_search(client, imported):
    steppe = client.get("/en/context/", {"region": "central-asian-steppe"}).content.decode()
    assert "Dam talks resume on the upper river" in steppe and "Sharing a river" in steppe
    entry = SearchEntry.objects.get(page=page_of("old:news:501"))
    assert entry.kind == "news" and "Mirela Vantu" in entry.byline
    refresh_engine()
    found = client.get("/en/search/", {"q": "negotiators"}).content.decode()
    assert "Dam talks resume on the upper river" in found
    assert not SearchEntry.objects.filter(page=page_of("old:members:4")).exists()
    russian = client.get("/ru/search/", {"q": "переговорщики"}).content.decode()
    assert "Переговоры о плотине возобновились" in russian


def test_a_region_or_topic_the_site_already_has_is_matched_by_its_slug(db):
    english = Locale.get_default()
    steppe = Region.objects.create(name="Steppe", slug="central-asian-steppe", locale=english)
    water = Topic.objects.create(name="Water", slug="water-politics", locale=english)
    report = run(ENGLISH, RUSSIAN)
    assert report.counts["skipped"] == 0
    assert Region.objects.filter(slug="central-asian-steppe", locale=english).get().pk == steppe.pk
    assert Topic.objects.filter(slug="water-politics", locale=english).get().pk == water.pk
    assert list(page_of("old:news:501").regions.all()) == [steppe]
    assert LegacyItem.objects.get(legacy_id="old:region:steppe").object_id == steppe.pk
