"""The page tree editors can build: which page types go where, article kinds, editor help texts."""

from datetime import date

import pytest
from django.utils.text import camel_case_to_spaces
from wagtail.contrib.forms.models import AbstractEmailForm
from wagtail.models import Page, get_page_models

from experts.models import ExpertIndexPage, ExpertListingPage, ExpertPage
from forum.models import ForumIndexPage, ForumTopicPage
from home.models import HomePage
from pages.models import (
    ArticleIndexPage,
    ArticleKind,
    ArticlePage,
    ContactPage,
    ContextIndexPage,
    DocumentLibraryPage,
    EventIndexPage,
    EventPage,
    MapIndexPage,
    MapPage,
    MenuLinkPage,
    PartnersPage,
    SectionPage,
    StandardPage,
    TopicListPage,
)
from shop.models import ProductPage, ShopIndexPage
from tests.conftest import page_at
from tests.factories import ArticlePageFactory

# The tree of DESIGN.md: page type -> the page types an editor may add directly below it.
ALLOWED_CHILDREN = {
    Page: {HomePage},
    HomePage: {
        SectionPage,
        ForumIndexPage,
        ExpertIndexPage,
        ContextIndexPage,
        ShopIndexPage,
        StandardPage,  # footer pages: Terms and Conditions, Privacy Policy
        ContactPage,
    },
    SectionPage: {
        StandardPage,
        TopicListPage,
        ArticleIndexPage,
        ExpertListingPage,
        PartnersPage,
        ContactPage,
        MenuLinkPage,
    },
    ForumIndexPage: {ForumTopicPage, StandardPage, MenuLinkPage},
    ForumTopicPage: set(),
    ExpertIndexPage: {ExpertPage},
    ContextIndexPage: {ArticleIndexPage, EventIndexPage, DocumentLibraryPage, MapIndexPage},
    ArticleIndexPage: {ArticlePage},
    EventIndexPage: {EventPage},
    MapIndexPage: {MapPage},
    ShopIndexPage: {ProductPage},
    ProductPage: set(),
    StandardPage: set(),
    TopicListPage: set(),
    ExpertListingPage: set(),
    PartnersPage: set(),
    ContactPage: set(),
    MenuLinkPage: set(),
    ArticlePage: set(),
    EventPage: set(),
    DocumentLibraryPage: set(),
    MapPage: set(),
    ExpertPage: set(),
}


def expected_parents(child):
    return {parent for parent, children in ALLOWED_CHILDREN.items() if child in children}


def labels(models):
    return sorted(model._meta.label for model in models)


def test_every_page_type_has_a_place_in_the_tree():
    assert labels(get_page_models()) == labels(ALLOWED_CHILDREN)


@pytest.mark.parametrize("model", list(ALLOWED_CHILDREN), ids=lambda model: model.__name__)
def test_allowed_subpage_types(model):
    # Wagtail's bare Page is never offered to editors (is_creatable is False).
    creatable = [child for child in model.allowed_subpage_models() if child.is_creatable]
    assert labels(creatable) == labels(ALLOWED_CHILDREN[model])


@pytest.mark.parametrize(
    "model", [model for model in ALLOWED_CHILDREN if model is not Page], ids=lambda model: model.__name__
)
def test_allowed_parent_page_types(model):
    assert labels(model.allowed_parent_page_models()) == labels(expected_parents(model))


def test_demo_tree_follows_the_rules(demo):
    home = demo["home"]
    misplaced = []
    for page in home.get_descendants().specific().select_related("content_type"):
        parent_type = type(page.get_parent().specific)
        if type(page) not in ALLOWED_CHILDREN[parent_type]:
            misplaced.append(f"{page.url_path} ({type(page).__name__} under {parent_type.__name__})")
    assert misplaced == []


@pytest.mark.parametrize(
    "model, parent_path, allowed",
    [
        (ArticlePage, "context/book-reviews/", True),
        (ArticlePage, "about/egf-in-press/", True),
        (ArticlePage, "context/", False),
        (ArticlePage, "context/events/", False),
        (EventPage, "context/events/", True),
        (EventPage, "context/news/", False),
        (MapPage, "context/maps/", True),
        (ExpertPage, "experts/", True),
        (ExpertPage, "about/", False),
        (ExpertListingPage, "about/", True),
        (MenuLinkPage, "forum/", True),
        (ForumTopicPage, "forum/", True),
        (ForumTopicPage, "about/", False),
        (MenuLinkPage, "", False),
        (StandardPage, "forum/", True),
        (StandardPage, "egf-shop/", False),
        (ProductPage, "egf-shop/", True),
        (ProductPage, "about/", False),
        (ContactPage, "about/", True),
        (ContextIndexPage, "", True),
        (ContextIndexPage, "about/", False),
    ],
)
def test_editor_can_create_only_where_the_design_says(demo, model, parent_path, allowed):
    assert model.can_create_at(page_at(demo["home"], parent_path)) is allowed


def test_a_home_page_goes_directly_under_the_root(demo):
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(demo["home"])


def new_article(parent, title, kind=ArticleKind.NEWS):
    return ArticlePageFactory(
        parent=parent, title=title, date=date(2026, 1, 15), summary="A short summary.", kind=kind
    )


def test_article_takes_its_kind_from_the_section_it_is_added_to(demo):
    reviews = demo["sections"][ArticleKind.REVIEW]
    # The kind given here is ignored: the editor never picks it, the section decides.
    article = new_article(reviews, "A new book on the Caspian", kind=ArticleKind.NEWS)
    assert ArticlePage.objects.get(pk=article.pk).kind == "review"


def test_article_moved_to_another_section_takes_that_sections_kind(demo):
    news, reviews = demo["sections"][ArticleKind.NEWS], demo["sections"][ArticleKind.REVIEW]
    article = new_article(news, "Moved to the reviews")
    assert ArticlePage.objects.get(pk=article.pk).kind == "news"
    article.move(reviews, pos="last-child")
    assert ArticlePage.objects.get(pk=article.pk).kind == "review"


# Help texts. DESIGN: every page type "has help texts written for non-technical editors".
# Rule checked here: every field a page type adds to Wagtail's Page and shows in its editor
# needs a help_text, except
#  - fields whose label says it all: the Regions and Topics pickers list named snippets;
#  - fields inherited from Wagtail's own form-page base class (from/to address, subject),
#    which keep Wagtail's wording.
# Fields Wagtail's Page itself defines (title, slug, SEO fields…) are Wagtail's business.
SELF_EXPLANATORY = {"regions", "topics"}
WAGTAIL_FORM_FIELDS = {field.name for field in AbstractEmailForm._meta.get_fields()}
PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}


def own_fields(model):
    """Concrete fields a page type adds to Page, by name, without the parent link."""
    return {
        field.name: field
        for field in model._meta.get_fields()
        if field.concrete and field.name not in PAGE_FIELDS and not field.one_to_one
    }


def editor_fields(model):
    return set(model.get_edit_handler().get_form_options()["fields"])


CONTENT_MODELS = [model for model in ALLOWED_CHILDREN if model is not Page]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_editor_fields_have_help_texts(model):
    missing = [
        name
        for name, field in own_fields(model).items()
        if name in editor_fields(model)
        and name not in SELF_EXPLANATORY | WAGTAIL_FORM_FIELDS
        and not str(field.help_text).strip()
    ]
    assert missing == [], f"{model.__name__} fields without help text: {missing}"


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_editable_field_is_in_the_editor(model):
    hidden = [
        name
        for name, field in own_fields(model).items()
        if field.editable and name not in editor_fields(model)
    ]
    assert hidden == [], f"{model.__name__} fields an editor cannot reach: {hidden}"


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_describes_itself_in_the_add_page_chooser(model):
    assert str(model.page_description).strip()
    # A name chosen for editors ("Article section"), not the class name spelled out ("article index page").
    assert model._meta.verbose_name != camel_case_to_spaces(model.__name__)
