"""Factories for what the tests add to the seeded demo site: pages, accounts, order requests.

Pages are added below ``parent`` the way the admin adds them (``parent.add_child``), and Wagtail
derives each slug from the title as it does for an editor, so a unique title (a sequence unless
given) makes a unique slug. ``publish=True`` then saves a revision and publishes it, as an editor's
"Publish" does; without it the page is live but has no revision, like a page built in code.

Accounts go through Django's ``create_user`` (hashed password, normalised e-mail); ``groups=[...]``
replaces a factory's default groups, which must exist already (migrations and seed_demo make them).
"""

import json
import uuid
from datetime import date, timedelta
from decimal import Decimal

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.membership import MEMBERS_GROUP, grant_membership
from forum.groups import MODERATORS_GROUP, TRUSTED_GROUP
from forum.models import ForumTopicPage, InvitedExpert, TopicStatus
from pages.models import ArticleAuthor, ArticleIndexPage, ArticlePage, EventPage, StandardPage
from shop.models import OrderRequest, ProductPage

SHOP_STAFF_GROUP = "Shop staff"  # made by shop's migration 0003
PASSWORD = "pw-1"


# --- pages -----------------------------------------------------------------------------------------
class EditorPageFactory(wagtail_factories.PageFactory):
    """A page added below ``parent``; ``publish=True`` publishes a revision of it."""

    slug = ""  # Wagtail makes it from the title when the page is saved

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted:
            page.save_revision().publish()


def expert_links(link_model):
    """The ``experts`` parameter as the page's ordered links to them (authors, invited experts)."""
    return factory.LazyAttribute(
        lambda page: [
            link_model(expert=expert, sort_order=order) for order, expert in enumerate(page.experts)
        ]
    )


class ExpertLinkedPageFactory(EditorPageFactory):
    """A page that names experts in order: ``experts=[...]``, none unless given."""

    class Params:
        experts = ()

    class Meta:
        abstract = True


class ArticleIndexPageFactory(EditorPageFactory):
    """An article section; its kind (News unless given) labels every article added to it."""

    title = factory.Sequence(lambda n: f"Article section {n}")

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(ExpertLinkedPageFactory):
    """An article dated today; ``experts=[...]`` become its authors in that order.

    Regions and topics are given as lists (``regions=[...]``); the section sets the kind.
    """

    title = factory.Sequence(lambda n: f"Article {n}")
    date = factory.LazyFunction(date.today)
    summary = factory.LazyAttribute(lambda article: f"Summary of {article.title}.")
    authors = expert_links(ArticleAuthor)

    class Meta:
        model = ArticlePage


class EventPageFactory(EditorPageFactory):
    """An event a month from now at the Residence Palace, without an end time unless given."""

    title = factory.Sequence(lambda n: f"Event {n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    end = None
    venue = "Residence Palace, Brussels"
    summary = factory.LazyAttribute(lambda event: f"About {event.title}.")

    class Meta:
        model = EventPage


def opening_statement(title):
    """A one-paragraph opening statement in StreamField's stored form."""
    return json.dumps(
        [{"type": "paragraph", "value": f"<p>{title}: the question.</p>", "id": str(uuid.uuid4())}]
    )


class ForumTopicPageFactory(ExpertLinkedPageFactory):
    """An open debate first published 400 days ago; ``experts=[...]`` are invited in that order."""

    title = factory.Sequence(lambda n: f"Debate {n}")
    opening_statement = factory.LazyAttribute(lambda topic: opening_statement(topic.title))
    status = TopicStatus.OPEN
    first_published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=400))
    invited_experts = expert_links(InvitedExpert)

    class Meta:
        model = ForumTopicPage


class ProductPageFactory(EditorPageFactory):
    """A working paper of 40 pages on sale at €9.50, with a valid ISBN; ``authors=[ProductAuthor(...)]``."""

    title = factory.Sequence(lambda n: f"Publication {n}")
    year = 2010
    page_count = 40
    price = Decimal("9.50")
    isbn = "978-3-16-148410-0"
    description = "<p>A short working paper.</p>"

    class Meta:
        model = ProductPage


class StandardPageFactory(EditorPageFactory):
    """A page of text (About pages, the footer's legal pages)."""

    title = factory.Sequence(lambda n: f"Page {n}")

    class Meta:
        model = StandardPage


# --- accounts --------------------------------------------------------------------------------------
def in_groups(*default_names):
    """Adds the user to the named groups: ``default_names``, or the names given as ``groups=[...]``."""

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        names = default_names if extracted is None else extracted
        if create and names:
            user.groups.add(*[Group.objects.get(name=name) for name in names])

    return groups


class UserFactory(factory.django.DjangoModelFactory):
    """A reader with an account and no group."""

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@egf.example")
    password = PASSWORD
    groups = in_groups()

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class._default_manager.create_user(*args, **kwargs)


class MemberFactory(UserFactory):
    """A member: in the Members group, which opens the Members Area and the Forum's reply form."""

    username = factory.Sequence(lambda n: f"member{n}")
    groups = in_groups(MEMBERS_GROUP)


class TrustedMemberFactory(MemberFactory):
    """A member whose forum replies are published without moderation."""

    username = factory.Sequence(lambda n: f"trusted{n}")
    groups = in_groups(MEMBERS_GROUP, TRUSTED_GROUP)


class ModeratorFactory(UserFactory):
    """A forum moderator: reaches the admin's post listing and is told of new replies."""

    username = factory.Sequence(lambda n: f"moderator{n}")
    groups = in_groups(MODERATORS_GROUP)


class ShopStaffFactory(UserFactory):
    """Shop staff: reach the order requests in the admin and mark them handled."""

    username = factory.Sequence(lambda n: f"clerk{n}")
    groups = in_groups(SHOP_STAFF_GROUP)


class EmailAddressFactory(factory.django.DjangoModelFactory):
    """allauth's record of a confirmed primary address."""

    user = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True

    class Meta:
        model = EmailAddress


class VerifiedMemberFactory(UserFactory):
    """A reader who signed up and confirmed the address: a verified primary e-mail, then membership
    granted as at confirmation (the Members group and an approved member profile)."""

    username = factory.Sequence(lambda n: f"verified{n}")
    email_address = factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")

    @factory.post_generation
    def membership(user, create, extracted, **kwargs):
        if create:
            grant_membership(user)


# --- the shop's order requests ---------------------------------------------------------------------
class OrderRequestFactory(factory.django.DjangoModelFactory):
    """A new request for one copy of ``product``, written from the English site."""

    product_title = factory.LazyAttribute(lambda order: order.product.title)
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"buyer{n}@example.org")
    address = "1 Rue de la Loi, Brussels"
    quantity = 1
    language = "en"

    class Meta:
        model = OrderRequest
