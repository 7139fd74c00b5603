"""WordPress exports (tests/archive_samples/wordpress.xml) through the archive import: posts,
pages, authors, categories mapped to kinds, regions and topics, tags, attachments, links, drafts."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.contrib.redirects.models import Redirect

from archive.importer import ArchiveImport
from archive.models import LegacyItem
from archive.wxr import MappingError, load_mapping
from pages.models import ArticlePage
from tests.test_archive_import import MEDIA, SAMPLES, page_of

WXR, MAPPING = str(SAMPLES / "wordpress.xml"), str(SAMPLES / "wordpress-mapping.json")


def run_wxr(mapping=MAPPING, dry_run=False):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return ArchiveImport(media_root=MEDIA, dry_run=dry_run, mapping=load_mapping(mapping)).run([WXR])


@pytest.fixture
def imported(db):
    return run_wxr()


def test_posts_become_articles_with_their_authors_kinds_regions_topics_and_files(imported):
    # 2 authors, 1 region, 3 topics (one mapped category, two tags), 2 posts and a page.
    assert imported.counts["created"] == 9
    mountains = page_of("wxr:post:11")
    assert isinstance(mountains, ArticlePage) and mountains.kind == "publication" and mountains.live
    assert mountains.date.isoformat() == "2015-02-17" and mountains.slug == "gas-through-the-mountains"
    assert [link.expert.title for link in mountains.authors.all()] == ["Lena Sorensen"]
    region = mountains.regions.get()
    assert (region.slug, region.name) == ("south-caucasus", "South Caucasus")
    assert region.description == "Between the Black Sea and the Caspian."
    assert sorted(topic.slug for topic in mountains.topics.all()) == ["gas-transit", "pipelines"]
    assert mountains.summary == "Why a new pipeline across the ridge matters for three capitals."
    # The featured image and the body's image are the one upload, found in the media folder.
    assert mountains.main_image.file.name.startswith("original_images/pipeline")
    assert [block.block_type for block in mountains.body] == ["paragraph", "image"]
    assert "<p>Prices followed" in mountains.body[0].value.source  # paragraphs added as WordPress does
    assert mountains.body[1].value["image"].pk == mountains.main_image.pk
    assert mountains.attachment.title == "Slides: energy corridors"
    prices = page_of("wxr:post:12")
    assert prices.kind == "news" and prices.main_image is None
    assert [topic.slug for topic in prices.topics.all()] == ["gas-prices"]
    # An upload missing from the media folder: its address is recorded, nothing fetched.
    assert LegacyItem.objects.get(legacy_id="wxr:post:12").remote_media == [
        "https://blog.egf.example/wp-content/uploads/2015/03/frozen-valve.jpg"
    ]
    about = page_of("wxr:page:14")
    assert about.kind == "publication" and about.byline == "webdesk" and not about.authors.exists()


def test_links_between_posts_by_their_old_addresses_become_internal_links(client, imported):
    mountains, prices = page_of("wxr:post:11"), page_of("wxr:post:12")
    assert f'linktype="page" id="{prices.pk}"' in mountains.body[0].value.source  # a later post, by permalink
    assert f'linktype="page" id="{mountains.pk}"' in prices.body[0].value.source  # by ?p=11
    assert (
        Redirect.objects.get(old_path="/2015/02/gas-through-the-mountains").redirect_page_id == mountains.pk
    )
    response = client.get("/2015/03/winter-prices/")
    assert response.status_code == 301 and response["Location"] == prices.url


def test_drafts_are_reported_and_not_imported_and_menus_are_left_out(imported):
    assert imported.problems == [
        {
            "file": WXR,
            "line": 6,
            "id": "wxr:post:13",
            "field": "status",
            "reason": "WordPress status 'draft': only published items are imported",
        }
    ]
    assert not ArticlePage.objects.filter(title__in=["Half-written thoughts on storage", "Home"]).exists()


def test_a_second_run_finds_everything_unchanged(imported):
    again = run_wxr()
    assert again.counts["unchanged"] == 9 and again.counts["created"] == 0


def test_the_command_reads_wordpress_files_with_a_mapping_and_refuses_a_bad_one(db, tmp_path):
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_archive", WXR, media=MEDIA, mapping=MAPPING, dry_run=True, stdout=out)
    assert "Dry run, nothing written: 9 created" in out.getvalue()
    assert not LegacyItem.objects.exists()
    out = StringIO()
    call_command("import_archive", WXR, stdout=out)
    assert "a WordPress file needs a mapping (--mapping)" in out.getvalue()
    bad = tmp_path / "mapping.json"
    bad.write_text(json.dumps({"categories": {"analysis": {"kind": "essay"}}}))
    with pytest.raises(CommandError, match="unknown article kind 'essay'"):
        call_command("import_archive", WXR, mapping=str(bad))
    with pytest.raises(MappingError, match="must map to one of"):
        bad.write_text(json.dumps({"categories": {"analysis": "publication"}}))
        load_mapping(bad)


def test_a_file_that_is_not_a_wordpress_export_is_reported(db, tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text("<rss><channel><title>Not WordPress</title></channel></rss>")
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel>")
    report = ArchiveImport(mapping=load_mapping(MAPPING)).run([str(other), str(broken)])
    reasons = [problem["reason"] for problem in report.problems]
    assert "not a WordPress export (no wp:wxr_version)" in reasons
    assert any(reason.startswith("not readable XML") for reason in reasons)
