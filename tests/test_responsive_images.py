"""Content pictures: several widths, modern formats with a JPEG/PNG fallback, lazy below the first,
and the alt text an editor wrote (or none, never the file's title)."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import features
from wagtail.images import get_image_model

from pages.models import ArticleKind
from tests.factories import ArticlePageFactory
from tests.html import fetch


def jpeg_upload(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), "#336699").save(buffer, format="JPEG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="photo.jpg"))


def widths(srcset):
    return [int(candidate.rsplit(" ", 1)[1].rstrip("w")) for candidate in srcset.split(", ")]


@pytest.fixture
def article_with_photo(demo):
    image = jpeg_upload("upload_test")
    return ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        title="Ports of the Baltic",
        main_image=image,
        main_image_alt="Cranes over a container quay at dusk",
    )


@pytest.mark.django_db
def test_main_image_is_a_picture_with_widths_formats_and_the_written_alt(client, article_with_photo):
    soup = fetch(client, article_with_photo.url)
    picture = soup.select_one("main picture")
    source = picture.select_one("source[type='image/webp']")
    assert widths(source["srcset"]) == [960, 480, 1440]
    assert source["sizes"]
    img = picture.select_one("img.hero")
    assert img["alt"] == "Cranes over a container quay at dusk"
    assert img["src"].endswith(".jpg")  # the fallback of a JPEG upload is JPEG
    assert (img["width"], img["height"]) == ("960", "600")
    assert widths(img["srcset"]) == [960, 480, 1440]
    # The first picture of the page is not held back.
    assert not img.has_attr("loading")


@pytest.mark.django_db
def test_main_image_without_alt_text_is_decorative_not_its_file_title(client, article_with_photo):
    article_with_photo.main_image_alt = ""
    article_with_photo.save()
    img = fetch(client, article_with_photo.url).select_one("main img.hero")
    assert img["alt"] == ""

    # The image library's description is the next best thing to the page's own alt text.
    image = article_with_photo.main_image
    image.description = "Container cranes"
    image.save()
    img = fetch(client, article_with_photo.url).select_one("main img.hero")
    assert img["alt"] == "Container cranes"


@pytest.mark.django_db
def test_listing_thumbnails_are_lazy_after_the_first(client, demo):
    thumbnails = fetch(client, "/en/context/").select("main .listing-item img.thumb")
    assert len(thumbnails) > 2
    assert not thumbnails[0].has_attr("loading")
    assert {img.get("loading") for img in thumbnails[1:]} == {"lazy"}
    for img in thumbnails:
        assert (img["width"], img["height"]) == ("240", "160")
        assert img["src"].endswith(".png")  # the demo's pictures are PNG: their fallback stays PNG
        assert widths(img["srcset"]) == [240, 480]
        assert img["alt"] == ""  # the title beside it says what the article is


@pytest.mark.django_db
def test_small_uploads_are_not_offered_twice_at_the_same_width(client, demo):
    # The demo's pictures are 960 pixels wide: the 1440 width would repeat the 960 one.
    article = demo["sections"][ArticleKind.NEWS].get_children().live().specific().first()
    article.main_image = demo["images"][0]
    article.save()
    source = fetch(client, article.url).select_one("main picture source")
    assert widths(source["srcset"]) == [960, 480]


@pytest.mark.django_db
def test_avif_comes_first_where_pillow_writes_it(client, settings, article_with_photo):
    if not features.check("avif"):
        pytest.skip("this Pillow cannot write AVIF")
    settings.RESPONSIVE_IMAGE_FORMATS = ("avif", "webp")
    types = [source["type"] for source in fetch(client, article_with_photo.url).select("main picture source")]
    assert types == ["image/avif", "image/webp"]
