"""The admin's archive import (Settings > Archive import), over HTTP: superusers upload a file and
its media, start a dry run or an import (the task runs at once in tests), follow it and read the
report; other staff get no menu item and a 403; media archives cannot write outside their folder."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from archive.models import ImportRun, LegacyItem
from archive.unzip import UnsafeArchive, extract
from tests.factories import UserFactory
from tests.sign_in import sign_in_staff
from tests.test_archive_import import ENGLISH, MEDIA, page_of

RUNS = reverse("archive_import_runs")


def upload(path, name=None):
    return SimpleUploadedFile(name or Path(path).name, Path(path).read_bytes())


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return SimpleUploadedFile("media.zip", buffer.getvalue(), content_type="application/zip")


def media_zip():
    root = Path(MEDIA)
    return zipped(
        {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}
    )


def start(client, action, **files):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(RUNS, {"action": action, **files}, follow=True)


@pytest.fixture
def staff(db):
    """An editor who may use the admin but is not a superuser."""
    user = UserFactory(username="editor", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    sign_in_staff(client, user)
    return client


def test_a_superuser_imports_a_file_with_its_media_and_reads_the_report(admin_client):
    assert "Archive import" in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    response = start(admin_client, "import", archive_file=upload(ENGLISH), media_file=media_zip())
    run = ImportRun.objects.get()
    assert response.redirect_chain == [(reverse("archive_import_run", args=[run.pk]), 302)]
    page = response.content.decode()
    assert "Import of english.jsonl started." in page
    assert run.status == ImportRun.Status.DONE and not run.dry_run and run.done == run.total == 12
    assert run.archive_file.name.startswith("archive-imports/") and run.started_by.is_superuser
    assert "12 created, 0 updated, 0 unchanged, 0 skipped" in page and 'http-equiv="refresh"' not in page
    # The media came from the zip: the news item has its image and attachment.
    news = page_of("old:news:501")
    assert news.main_image is not None and news.attachment.title == "Annual report 2011"
    assert run.report["warnings"][0]["file"] == "english.jsonl"
    assert "Done" in admin_client.get(RUNS).content.decode()


def test_a_dry_run_writes_nothing_and_reports_what_an_import_would_do(admin_client):
    response = start(admin_client, "dry-run", archive_file=upload(ENGLISH), media_file=media_zip())
    page = response.content.decode()
    assert "Dry run (nothing is written) of english.jsonl started." in page
    assert "Dry run, nothing written: 12 created" in page
    assert not LegacyItem.objects.exists()


def test_a_running_import_shows_its_progress_and_refreshes_itself(admin_client):
    run = ImportRun.objects.create(
        archive_file="archive-imports/big.jsonl", status=ImportRun.Status.RUNNING, done=250, total=1000
    )
    page = admin_client.get(reverse("archive_import_run", args=[run.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "250 of 1000 records" in page and 'value="25"' in page


def test_bad_uploads_are_refused_with_reasons(admin_client):
    wordpress = SimpleUploadedFile("blog.xml", b"<rss/>")
    page = start(admin_client, "import", archive_file=wordpress).content.decode()
    assert "A WordPress export (.xml) needs its mapping file." in page
    page = start(admin_client, "import", archive_file=upload(ENGLISH, "english.csv")).content.decode()
    assert "Expected a .jsonl or .xml file." in page and "The import was not started" in page
    assert not ImportRun.objects.exists()


def test_a_media_archive_that_would_write_outside_its_folder_fails_the_run(admin_client, tmp_path):
    response = start(
        admin_client,
        "import",
        archive_file=upload(ENGLISH),
        media_file=zipped({"images/pipeline.png": b"x", "../../escaped.txt": b"gotcha"}),
    )
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and "outside the media folder" in run.error
    assert (
        "The run stopped: &#x27;../../escaped.txt&#x27; would be written outside" in response.content.decode()
    )
    assert not LegacyItem.objects.exists()


def test_unzipping_refuses_escapes_links_and_archives_over_the_size_cap(tmp_path):
    def archive(members, link=False):
        path = tmp_path / "media.zip"
        with zipfile.ZipFile(path, "w") as bundle:
            for name, data in members.items():
                info = zipfile.ZipInfo(name)
                if link:
                    info.external_attr = 0o120777 << 16  # a symbolic link, as zip stores one
                bundle.writestr(info, data)
        return path

    target = tmp_path / "media"
    for name in ("/etc/passwd", "a/../../up.txt", "C:/windows.txt"):
        with pytest.raises(UnsafeArchive, match="outside the media folder"):
            extract(archive({name: b"x"}), target)
    with pytest.raises(UnsafeArchive, match="symbolic link"):
        extract(archive({"images/link": b"/etc/passwd"}, link=True), target)
    with pytest.raises(UnsafeArchive, match="more than 0 MB"):
        extract(archive({"big.bin": b"0" * 2048}), target, max_bytes=1024)
    with pytest.raises(UnsafeArchive, match="at most 1 are unpacked"):
        extract(archive({"a.txt": b"a", "b.txt": b"b"}), target, max_files=1)
    assert extract(archive({"images/ok.png": b"png"}), target) == 1
    assert (target / "images" / "ok.png").read_bytes() == b"png"
    assert not (tmp_path / "up.txt").exists()


def test_staff_who_are_not_superusers_get_no_menu_item_and_no_access(staff):
    home = reverse("wagtailadmin_home")
    assert "Archive import" not in staff.get(home).content.decode()
    run = ImportRun.objects.create(archive_file="archive-imports/x.jsonl")
    # Wagtail's admin answers a refused page by sending the user home with a message.
    for response in (
        staff.get(RUNS),
        staff.get(reverse("archive_import_run", args=[run.pk])),
        staff.post(RUNS, {"action": "import", "archive_file": upload(ENGLISH)}),
    ):
        assert response.status_code == 302 and response["Location"] == home
    assert "Sorry, you do not have permission" in staff.get(RUNS, follow=True).content.decode()
    assert ImportRun.objects.count() == 1
