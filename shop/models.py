"""The EGF Shop: the shop section, one page per publication on sale, and readers' order requests."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pages.paging import elided_page_range
from pages.translation import SynchronisedFromSourceMixin, relink_experts
from shop.isbn import validate_isbn
from shop.listing import products_page
from shop.prices import Currency, price_text


class ShopIndexPage(Page):
    intro = models.TextField(blank=True, help_text="How ordering works, shown above the publications on sale.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["shop.ProductPage"]
    page_description = "The EGF Shop: publications readers can order. Add each publication for sale inside it."

    class Meta:
        verbose_name = "Shop section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = products_page(self, request.GET.get("page"))
        context.update(products=page, page_range=elided_page_range(page))
        return context


class ProductPage(SynchronisedFromSourceMixin, RoutablePageMixin, Page):
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

    # Facts about the printed book are the same in every language; texts are translated.
    override_translatable_fields = [SynchronizedField("isbn")]
    synchronised_tags = ()

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
        index.SearchField("description"),
        index.SearchField("byline"),
        index.FilterField("year"),
    ]
    parent_page_types = ["shop.ShopIndexPage"]
    subpage_types = []
    page_description = "A publication for sale: cover, authors, details, price and an order request form."

    class Meta:
        verbose_name = "Publication for sale"

    def synchronise_extra_from(self, source):
        relink_experts(self.authors.all(), self.locale_id)

    @property
    def authors_line(self):
        """'NAME, TITLE and NAME, TITLE' from expert authors (prefetched in listings) and the byline."""
        names = [author.expert.name_with_title for author in self.authors.all()]
        if self.byline:
            names.append(self.byline)
        return get_text_list(names, _("and"))

    @property
    def price_display(self):
        return price_text(self.price, self.currency)

    def get_context(self, request, *args, **kwargs):
        # A preview shows the editor's unsaved authors, which live in memory, not in the database.
        if not getattr(request, "is_preview", False):
            prefetch_related_objects(
                [self], Prefetch("authors", queryset=ProductAuthor.objects.select_related("expert"))
            )
        return super().get_context(request, *args, **kwargs)

    @path("")
    def product(self, request):
        from shop.orders import order_form_response

        return order_form_response(self, request)

    @path("thank-you/")
    def thank_you(self, request):
        return self.render(request, template="shop/product_page_thank_you.html")


class ProductAuthor(Orderable):
    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="authors")
    expert = models.ForeignKey(
        "experts.ExpertPage",
        on_delete=models.CASCADE,
        related_name="products",
        help_text="Choose the expert.",
    )

    panels = [FieldPanel("expert")]


class OrderStatus(models.TextChoices):
    NEW = "new", "New"
    HANDLED = "handled", "Handled"


class OrderRequest(models.Model):
    """One reader's request for printed copies; staff answer it by e-mail and then mark it handled."""

    # The English product, so that staff see one product whichever language it was ordered in;
    # the title is kept too, in case the product page is deleted later.
    product = models.ForeignKey(
        ProductPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="order_requests"
    )
    product_title = models.CharField("product", max_length=255)
    name = models.CharField(max_length=200)
    email = models.EmailField("e-mail")
    address = models.TextField("postal address", max_length=1000)
    quantity = models.PositiveSmallIntegerField()
    note = models.TextField(max_length=2000, blank=True)
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, help_text="The language the reader ordered in and writes in."
    )
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)
    status = models.CharField(max_length=10, choices=OrderStatus.choices, default=OrderStatus.NEW, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "order request"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.quantity} × {self.product_title} for {self.name}"
