"""The Translations report: which languages each page and snippet has, which are drafts, which lag
behind their English source and by how much, filtered, linked to Sync and the translation editor,
and a fixed number of queries per page of the report."""

import random

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from demo.russian import translate
from pages.models import ArticleKind, Region
from tests.factories import ArticlePageFactory
from tests.html import fetch, text

REPORT = "/admin/reports/translations/"


def row_of(report, title):
    for row in report.select("main table tbody tr"):
        if title in text(row):
            return row
    return None


def test_an_english_edit_puts_the_translation_out_of_date_until_synced(
    admin_client, translated_article, django_capture_on_commit_callbacks
):
    english, russian = translated_article
    assert row_of(fetch(admin_client, REPORT, {"status": "out_of_date"}), english.title) is None

    english.title = "Brussels rethinks the northern corridor"
    english.save_revision().publish()

    row = row_of(fetch(admin_client, REPORT, {"status": "out_of_date"}), english.title)
    assert row is not None
    assert "Русский: live" in text(row)
    assert "out of date: English changed" in text(row)
    source = TranslationSource.objects.get_for_instance(english)
    sync = row.find("a", string="Sync")["href"]
    assert sync.startswith(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert row.find("a", string="Edit the translation (Русский)")["href"] == reverse(
        "wagtailadmin_pages:edit", args=[russian.pk]
    )

    admin_client.post(sync, {})

    assert row_of(fetch(admin_client, REPORT, {"status": "out_of_date"}), english.title) is None
    assert row_of(fetch(admin_client, REPORT, {"status": "up_to_date"}), english.title) is not None


def test_a_new_translation_shows_as_a_draft(admin_client, demo, russian):
    english = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS], title="Draft in waiting", publish=True
    )
    admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[english.pk]), {"locales": [russian.pk]}
    )

    row = row_of(fetch(admin_client, REPORT, {"status": "draft"}), "Draft in waiting")

    assert row is not None and "Русский: draft" in text(row)


def row_on_any_page(admin_client, params, title):
    """The report's row for ``title``, looked for on every page of the filtered report."""
    number = 1
    while True:
        report = fetch(admin_client, REPORT, {**params, "p": number})
        row = row_of(report, title)
        if row is not None or not report.select_one("nav.pagination li.next a[href]"):
            return row
        number += 1


def test_filters_by_kind_and_section(admin_client, demo, translated_article):
    english, _russian = translated_article
    regions = fetch(admin_client, REPORT, {"kind": ContentType.objects.get_for_model(Region).pk})
    assert row_of(regions, demo["regions"][0].name) is not None
    assert row_of(regions, english.title) is None

    context = english.get_parent().get_parent()
    assert row_on_any_page(admin_client, {"section": context.path}, english.title) is not None
    assert row_on_any_page(admin_client, {"section": context.path}, demo["regions"][0].name) is None


def test_a_region_edited_after_its_sync_is_out_of_date(admin_client, demo):
    region = demo["regions"][0]
    region.description = "A new description awaiting its translator."
    region.save()

    row = row_of(fetch(admin_client, REPORT, {"status": "out_of_date"}), region.name)

    assert row is not None and "out of date" in text(row)


def test_the_report_costs_the_same_queries_for_a_longer_archive(admin_client, demo, russian):
    def queries():
        admin_client.get(REPORT)
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(REPORT).status_code == 200
        return len(captured)

    few = queries()
    rng = random.Random(3)
    for number in range(12):
        article = ArticlePageFactory(
            parent=demo["sections"][ArticleKind.NEWS], title=f"Extra {number}", publish=True
        )
        translate(article, russian, rng)
    assert queries() == few


def test_people_who_may_not_translate_are_refused(client, demo):
    from tests.factories import ShopStaffFactory
    from tests.sign_in import sign_in_staff

    sign_in_staff(client, ShopStaffFactory())

    assert client.get(REPORT).status_code in (302, 403)
