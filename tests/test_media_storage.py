"""Media in S3-compatible object storage, against a real server (SeaweedFS from deploy/s3/run.sh).

``. deploy/s3/test-env.sh`` points the tests at it: ``S3_TEST_ENDPOINT_URL`` (e.g.
http://127.0.0.1:8333), ``S3_TEST_ACCESS_KEY_ID`` / ``S3_TEST_SECRET_ACCESS_KEY`` (default: the local
server's ``egf-local`` / ``egf-local-secret``) and ``S3_TEST_BUCKET`` (default ``egf-test-media``,
created if missing). Without an endpoint the tests that need the server skip, and fail under
CI=true. Each test writes under a key prefix of its own and deletes it afterwards; the rest of the
suite keeps its files on disk.
"""

import io
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from accounts.membership import MEMBERS_GROUP
from core.media import MediaStorage
from pages.models import MapIndexPage, MapPage
from tests.conftest import require_service
from tests.factories import MemberFactory
from tests.html import fetch, html

BASE_DIR = Path(settings.BASE_DIR)
ENDPOINT = os.environ.get("S3_TEST_ENDPOINT_URL", "")
BUCKET = os.environ.get("S3_TEST_BUCKET", "egf-test-media")
ACCESS_KEY = os.environ.get("S3_TEST_ACCESS_KEY_ID", "egf-local")
SECRET_KEY = os.environ.get("S3_TEST_SECRET_ACCESS_KEY", "egf-local-secret")
REGION = "us-east-1"
DOCUMENTS_URL = "/en/context/documents/"
LOGIN_PATH = "/en/accounts/login/"
YEAR = "max-age=31536000"


def picture(name, size=(1200, 800)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#0b4f8a").save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def s3_settings(prefix):
    """The settings a deployment gives for the bucket, as environment variables."""
    return {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": ENDPOINT,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_LOCATION": prefix,
    }


def manage_py(code, env):
    """Runs code in `manage.py shell` in a process of its own: another app server, same settings."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "DJANGO_"))}
    environment.update(env)
    # The other process never opens a database; this keeps it off the developer's db.sqlite3 anyway.
    environment["DATABASE_URL"] = "sqlite:///" + str(Path(settings.MEDIA_ROOT) / "other-process.sqlite3")
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "shell", "--no-imports", "-c", code],
        env=environment,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def s3():
    """A client of the real S3 server, with the test bucket in place."""
    require_service(ENDPOINT, "S3_TEST_ENDPOINT_URL is not set (start the server: deploy/s3/run.sh start)")
    client = boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        config=Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 1}),
    )
    try:
        try:
            client.head_bucket(Bucket=BUCKET)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
                raise
            client.create_bucket(Bucket=BUCKET)
    except (BotoCoreError, ClientError) as error:
        require_service(False, f"S3 server at {ENDPOINT} with bucket {BUCKET}: {error}")
    return client


@pytest.fixture
def bucket(s3, settings):
    """The site's media in the test bucket under a fresh prefix, the way AWS_* variables set it."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    for name, value in s3_settings(prefix).items():
        setattr(settings, name, value)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "core.media.MediaStorage"}}
    yield prefix
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix + "/"):
        for entry in page.get("Contents", []):
            s3.delete_object(Bucket=BUCKET, Key=entry["Key"])


def keys(s3, prefix):
    listing = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix + "/")
    return {entry["Key"][len(prefix) + 1 :] for entry in listing.get("Contents", [])}


def anonymous_get(url):
    """What anyone gets from an address outside the site: status and bytes."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def addresses_in(soup):
    """Every link and source address on a page."""
    return {
        element[attribute]
        for attribute in ("href", "src")
        for element in soup.find_all(attrs={attribute: True})
        if element[attribute]
    }


@pytest.fixture
def reports(demo):
    return Collection.objects.get(name="Reports")


@pytest.fixture
def members_collection(demo):
    """A collection of papers for members only, as an editor restricts it in the admin."""
    collection = Collection.get_first_root_node().add_child(name="Members' papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=MEMBERS_GROUP)])
    return collection


# --- settings --------------------------------------------------------------------------------------
def test_without_a_bucket_media_stay_on_disk(client, db):
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert client.get("/media/images/anything.png").status_code == 404


def test_a_bucket_in_the_environment_makes_the_bucket_the_default_storage():
    code = (
        "from django.conf import settings; from django.core.files.storage import storages; "
        "print(settings.STORAGES['default']['BACKEND'], type(storages['default']).__name__, "
        "storages['default'].url('images/a b.png'))"
    )
    out = manage_py(code, s3_settings("unused")).split()
    assert out == ["core.media.MediaStorage", "MediaStorage", "/media/images/a%20b.png"]


# --- images ------------------------------------------------------------------------------------------
def test_an_image_uploaded_in_the_admin_is_stored_in_the_bucket(admin_client, bucket, s3):
    root = Collection.get_first_root_node()
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Harbour at dawn", "file": picture("harbour.png"), "collection": root.pk},
    )
    assert response.status_code == 302, html(response).select(".error-message")
    image = get_image_model().objects.get(title="Harbour at dawn")
    assert (image.width, image.height) == (1200, 800)
    assert image.file.name.startswith("original_images/harbour")
    assert image.file.name in keys(s3, bucket)
    assert not (Path(settings.MEDIA_ROOT) / image.file.name).exists()


def test_a_rendition_renders_on_the_page_and_its_address_answers_with_the_picture(client, demo, bucket, s3):
    image = get_image_model().objects.create(title="Caspian pipelines", file=picture("caspian.png"))
    maps = MapIndexPage.objects.descendant_of(demo["home"]).first()
    map_page = maps.add_child(instance=MapPage(title="Caspian pipelines", map_image=image))
    map_page.save_revision().publish()

    picture_tag = fetch(client, map_page.url).select_one("main figure img")
    src = picture_tag["src"]
    assert picture_tag["alt"] == "Caspian pipelines"
    # The site's own address: no bucket host, no signature that would expire inside a cached page.
    assert src.startswith("/media/images/caspian") and "?" not in src
    assert src.removeprefix("/media/") in keys(s3, bucket)

    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    # A page cache or CDN in front keeps renditions (their keys are never reused).
    assert YEAR in response["Cache-Control"] and "public" in response["Cache-Control"]
    data = body(response)
    assert int(response["Content-Length"]) == len(data)
    shown = PILImage.open(io.BytesIO(data))
    assert (shown.format, shown.size) == ("PNG", (960, 640))

    assert client.head(src)["Content-Length"] == response["Content-Length"]
    again = client.get(src, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_renditions_never_reuse_a_key(bucket):
    storage = MediaStorage()
    first = storage.save("images/map.width-960.png", ContentFile(b"one"))
    storage.delete(first)
    second = storage.save("images/map.width-960.png", ContentFile(b"two"))
    assert first != second
    assert storage.open(second).read() == b"two"


@pytest.mark.parametrize(
    "path",
    [
        "/media/original_images/{original}",
        "/media/documents/{document}",
        "/media/images/../documents/{document}",
        "/media/images/%2e%2e/documents/{document}",
        "/media/images//../documents/{document}",
        "/media/images/no-such-rendition.png",
    ],
)
def test_the_media_address_serves_renditions_only(client, reports, bucket, path):
    image = get_image_model().objects.create(title="Black Sea ports", file=picture("ports.png"))
    document = get_document_model().objects.create(
        title="Port tariffs", file=ContentFile(b"Tariffs.\n", name="tariffs.txt"), collection=reports
    )
    url = path.format(original=image.file.name.split("/", 1)[1], document=document.file.name.split("/", 1)[1])
    assert client.get(url).status_code == 404


# --- documents ---------------------------------------------------------------------------------------
def test_a_public_document_downloads_through_the_site(client, reports, bucket, s3):
    content = b"Gas balance, third quarter: figures.\n"
    document = get_document_model().objects.create(
        title="Gas balance Q3", file=ContentFile(content, name="gas-balance-q3.txt"), collection=reports
    )
    assert document.file.name in keys(s3, bucket)

    link = fetch(client, DOCUMENTS_URL, {"q": "Gas balance Q3"}).select_one("ul.document-list a[download]")
    assert link.get_text(strip=True) == "Gas balance Q3"
    assert link["href"] == f"/documents/{document.pk}/gas-balance-q3.txt"
    response = client.get(link["href"])
    assert response.status_code == 200
    assert body(response) == content
    assert "gas-balance-q3.txt" in response["Content-Disposition"]


def test_a_members_document_is_out_of_reach_of_anonymous_readers(client, members_collection, bucket, s3):
    secret = b"Members' briefing: the negotiating position.\n"
    document = get_document_model().objects.create(
        title="Negotiating position",
        file=ContentFile(secret, name="negotiating-position.txt"),
        collection=members_collection,
    )
    key = f"{bucket}/{document.file.name}"

    response = client.get(document.url)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == LOGIN_PATH

    # The document library links to no bucket, and nothing it links to hands out the bytes.
    page_url = DOCUMENTS_URL + f"?collection={members_collection.pk}"
    for address in addresses_in(fetch(client, page_url)):
        assert urlsplit(ENDPOINT).netloc not in address and BUCKET not in address, address
        if not urlsplit(address).scheme and not urlsplit(address).netloc and not address.startswith("#"):
            assert secret not in body(client.get(urljoin(page_url, address))), address
    # Nor the site's media address, nor the bucket itself.
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert anonymous_get(f"{ENDPOINT}/{BUCKET}/{key}")[0] == 403

    # A member gets it, streamed from the bucket through the site's permission check.
    client.force_login(MemberFactory())
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == secret


# --- several app servers -----------------------------------------------------------------------------
def test_another_app_server_reads_and_writes_the_same_files(reports, bucket):
    document = get_document_model().objects.create(
        title="Shared report",
        file=ContentFile(b"Written by app server one.\n", name="shared.txt"),
        collection=reports,
    )
    code = (
        "from django.core.files.storage import default_storage as s; from django.core.files.base import "
        f"ContentFile; print(s.open({document.file.name!r}).read().decode().strip()); "
        "print(s.save('documents/reply.txt', ContentFile(b'Written by app server two.')))"
    )
    read, written = manage_py(code, s3_settings(bucket)).strip().splitlines()
    assert read == "Written by app server one."
    assert MediaStorage().open(written).read() == b"Written by app server two."
