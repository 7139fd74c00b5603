"""Draw the site's favicon, touch icons, logo and default sharing picture with Pillow.

The files live in git under site/static/img/; run this again only to change the brand's colours
or letters. Pillow's own font is used, so no font needs to be installed.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

ACCENT = "#0b4f8a"  # --accent in site.css
WHITE = "#ffffff"
MARK = "EGF"
NAME = "European Geopolitical Forum"
# Square icons: file name → edge in pixels (browsers' tab icon sizes, Apple's touch icon, Android's).
SQUARE_ICONS = {
    "apple-touch-icon.png": 180,
    "icon-192.png": 192,
    "icon-512.png": 512,
    "logo.png": 512,
}
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]
SOCIAL_SIZE = (1200, 630)  # what Facebook, LinkedIn and X show as a large card


def font(size):
    return ImageFont.load_default(size=size)


def centred_text(draw, box, text, size, fill):
    left, top, right, bottom = box
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font(size))
    x = left + (right - left - (x1 - x0)) / 2 - x0
    y = top + (bottom - top - (y1 - y0)) / 2 - y0
    draw.text((x, y), text, font=font(size), fill=fill)


def square_icon(edge):
    image = Image.new("RGB", (edge, edge), ACCENT)
    centred_text(ImageDraw.Draw(image), (0, 0, edge, edge), MARK, int(edge * 0.42), WHITE)
    return image


def social_picture():
    width, height = SOCIAL_SIZE
    image = Image.new("RGB", SOCIAL_SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    centred_text(draw, (0, 110, width, 360), MARK, 220, WHITE)
    draw.rectangle((width / 2 - 180, 392, width / 2 + 180, 398), fill=WHITE)
    centred_text(draw, (0, 420, width, 520), NAME, 64, WHITE)
    return image


class Command(BaseCommand):
    help = (
        "Draw favicon.ico, the touch icons, the logo and the default sharing picture into site/static/img/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(Path(settings.BASE_DIR) / "site" / "static" / "img"))

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        directory.mkdir(parents=True, exist_ok=True)
        for name, edge in SQUARE_ICONS.items():
            square_icon(edge).save(directory / name, optimize=True)
            self.stdout.write(f"{name}: {edge}×{edge}")
        square_icon(256).save(directory / "favicon.ico", sizes=FAVICON_SIZES)
        self.stdout.write("favicon.ico: " + ", ".join(f"{w}×{h}" for w, h in FAVICON_SIZES))
        social_picture().save(directory / "social-default.png", optimize=True)
        self.stdout.write("social-default.png: {}×{}".format(*SOCIAL_SIZE))
