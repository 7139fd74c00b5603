"""The publications on sale as the shop lists them: newest first, paginated, each row's cover,
authors and cover thumbnail fetched in a fixed number of queries whatever the catalogue size."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from wagtail.images import get_image_model

from pages.visibility import public_only

PRODUCTS_PAGE_SIZE = 10
# The cover size shop/product_item.html renders; only this rendition is prefetched.
COVER_THUMBNAIL = "fill-160x240"


def with_listing_data(products):
    from shop.models import ProductAuthor

    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=COVER_THUMBNAIL)
    return products.select_related("cover").prefetch_related(
        Prefetch("authors", queryset=ProductAuthor.objects.select_related("expert")),
        # Wagtail's own attribute for prefetched renditions (what prefetch_renditions() fills).
        Prefetch("cover__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )


def products_page(shop, page_number):
    from shop.models import ProductPage

    products = public_only(ProductPage.objects.live().child_of(shop)).order_by("-year", "-pk")
    return Paginator(with_listing_data(products), PRODUCTS_PAGE_SIZE).get_page(page_number)
