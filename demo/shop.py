"""Demo publications for the EGF Shop: covers, expert authors, valid ISBN-13 numbers, one sold out.

All wording is written for this project, in the style of demo/texts.py."""

from decimal import Decimal

from wagtail.images import get_image_model

from demo import media, texts
from shop.isbn import isbn13_check_digit
from shop.models import ProductAuthor, ProductPage

# (title, outside author or "", year, pages, price)
PUBLICATIONS = [
    ("The Wider Europe Yearbook 2025", "", 2025, 312, "34.00"),
    ("Corridors Past the Chokepoints", "Helena Varga, Danube Dialogue Foundation", 2024, 186, "22.50"),
    ("Gas, Grain and Ports: the Black Sea Economy", "", 2024, 244, "27.00"),
    ("After the Ceasefire: Twelve Frozen Lines", "", 2023, 158, "19.90"),
    ("Small States, Long Memories", "Tomas Rudzitis, Riga Policy Circle", 2022, 204, "24.00"),
    ("Caspian Energy Atlas", "", 2021, 96, "39.00"),
    ("Sanctions and Their Side Effects", "", 2020, 176, "18.00"),
    ("Borders of the Steppe", "", 2019, 268, "16.50"),
]
# The oldest title has sold out, so the demo shows a product without an order form.
SOLD_OUT = "Borders of the Steppe"
# 978 + a registration group and publisher prefix of our own; the rest is numbered per title.
ISBN_PREFIX = "978-3-9504"


def demo_isbn(number):
    """A hyphenated ISBN-13 with a correct check digit, e.g. 978-3-9504-1003-?."""
    body = f"{ISBN_PREFIX}-{1000 + number:04d}"
    return f"{body}-{isbn13_check_digit(body.replace('-', ''))}"


def description(rng, title):
    first, second = rng.sample(texts.SUBJECTS, 2)
    return texts.rich(
        f"{title} gathers the forum's work on {first} and {second}.",
        texts.paragraph(rng, 2),
        "Printed on recycled paper; each copy ships with a list of the sources cited.",
    )


def build_products(shop_index, experts, rng):
    Image = get_image_model()
    products = []
    for number, (title, byline, year, page_count, price) in enumerate(PUBLICATIONS):
        cover = Image.objects.create(
            title=f"Cover of {title}", file=media.picture(title[:28], number + 5, (320, 480))
        )
        product = ProductPage(
            title=title,
            cover=cover,
            byline=byline,
            year=year,
            page_count=page_count,
            price=Decimal(price),
            isbn=demo_isbn(number),
            description=description(rng, title),
            in_stock=title != SOLD_OUT,
            show_in_menus=False,
        )
        for order, expert in enumerate(rng.sample(experts, rng.choice([1, 1, 2]))):
            product.authors.add(ProductAuthor(expert=expert, sort_order=order))
        shop_index.add_child(instance=product)
        products.append(product)
    return products
