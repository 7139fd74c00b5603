"""The EGF Shop: the shop section, one page per publication on sale, and readers' order requests."""

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from accounts.rate_limit import allow, client_address
from core.paging import elided_page_range
from core.search_text import TextSearchField
from core.site_time import site_time_text
from core.translation import SynchronisedFromSourceMixin
from core.tree_paths import children_of
from core.visibility import public_only
from experts.authorship import ExpertLink, ExpertLinksMixin
from pages.forms import LocaleAwarePageForm
from shop.emails import send_order_emails
from shop.forms import ADDRESS_MAX_LENGTH, NAME_MAX_LENGTH, NOTE_MAX_LENGTH, OrderRequestForm
from shop.isbn import validate_isbn
from shop.prices import Currency, price_text

PRODUCTS_PAGE_SIZE = 10
# The cover size shop/product_item.html renders; only this rendition is prefetched.
# The listing's cover sizes (shop/product_item.html); each comes in several formats.
COVER_THUMBNAIL_SIZES = ("fill-160x240", "fill-320x480")
# Enough for a reader ordering several titles; a script sending more is stopped for an hour.
ORDERS_PER_ADDRESS = 5
ORDER_PERIOD_SECONDS = 60 * 60
TOO_MANY_REQUESTS = 429


class ShopIndexPage(Page):
    intro = models.TextField(
        blank=True, help_text="How ordering works, shown above the publications on sale."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["shop.ProductPage"]
    page_description = (
        "The EGF Shop: publications readers can order. Add each publication for sale inside it."
    )

    class Meta:
        verbose_name = "Shop section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        products = (
            public_only(children_of(ProductPage.objects.live(), self)).for_listing().order_by("-year", "-pk")
        )
        page = Paginator(products, PRODUCTS_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(products=page, page_range=elided_page_range(page))
        return context


class ProductQuerySet(PageQuerySet):
    def for_listing(self):
        """Each row's authors and cover thumbnail, in a fixed number of queries whatever the catalogue size."""
        thumbnails = Q()
        for size in COVER_THUMBNAIL_SIZES:
            thumbnails |= Q(filter_spec__startswith=f"{size}|")
        renditions = get_image_model().get_rendition_model().objects.filter(thumbnails)
        return self.select_related("cover").prefetch_related(
            ProductPage.experts_prefetch(),
            # Wagtail's own attribute for prefetched renditions (what prefetch_renditions() fills).
            Prefetch("cover__renditions", queryset=renditions, to_attr="prefetched_renditions"),
        )


class ProductPage(ExpertLinksMixin, SynchronisedFromSourceMixin, RoutablePageMixin, Page):
    cover = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="cover",
        help_text="A picture of the front cover, upright (about 2:3). Shown in the shop list and on this page.",
    )
    byline = models.CharField(
        "other authors",
        max_length=200,
        blank=True,
        help_text="Authors who have no expert profile, e.g. 'Jane Smith, University of Vienna'.",
    )
    year = models.PositiveSmallIntegerField(
        "year of publication",
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="The shop lists the newest publications first.",
    )
    page_count = models.PositiveIntegerField(
        "number of pages", validators=[MinValueValidator(1)], help_text="As printed, e.g. 148."
    )
    price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="Price of one printed copy, without postage, e.g. 18.50.",
    )
    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        default=Currency.EUR,
        help_text="Readers see the price with this currency's sign, e.g. €18.50.",
    )
    isbn = models.CharField(
        "ISBN",
        max_length=17,
        blank=True,
        validators=[validate_isbn],
        help_text="The 10 or 13 digits from the imprint page, hyphens allowed, e.g. 978-3-16-148410-0. "
        "Leave empty if the publication has none.",
    )
    description = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="What the publication is about and who it is for; a few short paragraphs.",
    )
    in_stock = models.BooleanField(
        "in stock",
        default=True,
        help_text="Untick when no copies are left: the page then says so and hides the order form.",
    )

    objects = PageManager.from_queryset(ProductQuerySet)()

    # Facts about the printed book are the same in every language; texts are translated.
    override_translatable_fields = [SynchronizedField("isbn")]
    synchronised_tags = ()

    base_form_class = LocaleAwarePageForm
    content_panels = Page.content_panels + [
        FieldPanel("cover"),
        MultiFieldPanel(
            [InlinePanel("authors", label="Expert author"), FieldPanel("byline")], heading="Authors"
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("page_count")]),
                FieldPanel("isbn"),
            ],
            heading="Publication details",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("price"), FieldPanel("currency")]), FieldPanel("in_stock")],
            heading="Price and availability",
        ),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        TextSearchField("description"),
        index.SearchField("byline"),
        index.FilterField("year"),
    ]
    parent_page_types = ["shop.ShopIndexPage"]
    subpage_types = []
    page_description = "A publication for sale: cover, authors, details, price and an order request form."

    class Meta:
        verbose_name = "Publication for sale"

    @property
    def price_display(self):
        return price_text(self.price, self.currency)

    def get_context(self, request, *args, **kwargs):
        self.prefetch_experts(request)
        return super().get_context(request, *args, **kwargs)

    @path("")
    def product(self, request):
        """The page with its order form: check it, store the request, send the e-mails and redirect
        to the thank-you page (so a reload never orders twice)."""
        if not self.in_stock:
            return self.render(request, context_overrides={"form": None})
        if request.method != "POST":
            return self.render(request, context_overrides={"form": OrderRequestForm()})
        form = OrderRequestForm(request.POST)
        if not form.is_valid():
            return self.render(request, context_overrides={"form": form})
        if not allow("shop-order", client_address(request), ORDERS_PER_ADDRESS, ORDER_PERIOD_SECONDS):
            form.add_error(
                None,
                _(
                    "You have sent several order requests in the last hour, so we cannot take another one "
                    "just now. Please try again in an hour, or write to us through the Contact page."
                ),
            )
            response = self.render(request, context_overrides={"form": form})
            response.status_code = TOO_MANY_REQUESTS
            return response
        order = OrderRequest.objects.record(self, form.cleaned_data)
        send_order_emails(order, self)
        return redirect(self.url + self.reverse_subpage("thank_you"))

    @path("thank-you/")
    def thank_you(self, request):
        return self.render(request, template="shop/product_page_thank_you.html")


class ProductAuthor(ExpertLink):
    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="authors")


class OrderStatus(models.TextChoices):
    NEW = "new", "New"
    HANDLED = "handled", "Handled"


class OrderRequestManager(models.Manager):
    def record(self, product, data):
        """Stores a reader's request against the English product (staff see one product whatever the language)."""
        english = product.get_translation_or_none(Locale.get_default()) or product
        return self.create(
            product=english,
            product_title=english.title,
            name=data["name"],
            email=data["email"],
            address=data["address"],
            quantity=data["quantity"],
            note=data["note"],
            language=product.locale.language_code,
        )


class OrderRequest(models.Model):
    """One reader's request for printed copies; staff answer it by e-mail and then mark it handled."""

    # The English product, so that staff see one product whichever language it was ordered in;
    # the title is kept too, in case the product page is deleted later.
    product = models.ForeignKey(
        ProductPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="order_requests"
    )
    product_title = models.CharField("product", max_length=255)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    email = models.EmailField("e-mail")
    address = models.TextField("postal address", max_length=ADDRESS_MAX_LENGTH)
    quantity = models.PositiveSmallIntegerField()
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        help_text="The language the reader ordered in and writes in.",
    )
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=OrderStatus.choices, default=OrderStatus.NEW, db_index=True
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OrderRequestManager()

    class Meta:
        verbose_name = "order request"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.quantity} × {self.product_title} for {self.name}"

    # The admin's list, its inspect page and the "Mark handled" page all show these.
    def get_created_at_display(self):
        return site_time_text(self.created_at)

    def get_handled_at_display(self):
        return site_time_text(self.handled_at) if self.handled_at else "—"
