"""seed_demo builds the whole demo tree once and is safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page

from demo.forum import TOPICS as FORUM_TOPICS
from demo.shop import PUBLICATIONS
from home.models import HomePage
from pages.models import CONTEXT_KINDS, ArticlePage, EventPage, MapPage, Partner
from tests.conftest import SEEDED_ARTICLES

DESIGN_TREE = {
    "About": [
        "Who we are",
        "What we do",
        "What makes us different?",
        "Why is geopolitics important?",
        "Issues we work on",
        "EGF in Press",
        "Staff",
        "Affiliated Experts",
        "Expert Presentations",
        "EGF Partners",
        "Contact Us",
    ],
    "Forum": ["Terms & Rules", "Help", "Registration", *[title for title, *_rest in FORUM_TOPICS]],
    "Context": ["News", "Publications", "Events", "Documents", "Maps", "Members Area", "Book reviews"],
    "Experts": None,
    "EGF Shop": [title for title, *_rest in PUBLICATIONS],
}


def seed(articles):
    output = StringIO()
    call_command("seed_demo", articles=articles, stdout=output)
    return output.getvalue()


def test_demo_tree_has_every_section_of_the_design(demo):
    home = demo["home"]
    top = {page.title: page for page in home.get_children()}
    assert set(DESIGN_TREE) <= set(top)
    for section, children in DESIGN_TREE.items():
        if children is not None:
            assert [child.title for child in top[section].get_children()] == children
    assert {"Terms and Conditions", "Privacy Policy"} <= set(top)


def english_articles(home):
    """The Context archive of the English site (the Russian site holds translations of some)."""
    return ArticlePage.objects.descendant_of(home).filter(kind__in=CONTEXT_KINDS)


def test_demo_content_of_every_kind_exists(demo):
    home = demo["home"]
    assert english_articles(home).count() == SEEDED_ARTICLES
    assert len(demo["experts"]) >= 20
    assert (
        EventPage.objects.descendant_of(home).count() >= 10
        and MapPage.objects.descendant_of(home).count() >= 8
    )
    assert (
        get_document_model().objects.count() >= 15 and Partner.objects.filter(locale=home.locale).count() >= 5
    )
    assert len(demo["regions"]) >= 8 and len(demo["topics"]) >= 8


def test_second_run_keeps_content_and_tops_up_the_archive(demo):
    pages_before = set(Page.objects.values_list("pk", flat=True))

    output = seed(SEEDED_ARTICLES + 25)

    assert "already exists" in output
    assert "25/25 articles created" in output
    assert "The Russian site already exists" in output
    assert pages_before <= set(Page.objects.values_list("pk", flat=True))
    assert english_articles(demo["home"]).count() == SEEDED_ARTICLES + 25
    assert Page.objects.filter(title="About").count() == 1
    assert HomePage.objects.count() == 2  # one English, one Russian: neither is built twice

    output = seed(SEEDED_ARTICLES)
    assert "none added" in output
    assert english_articles(demo["home"]).count() == SEEDED_ARTICLES + 25


def test_generated_articles_are_complete_and_reachable(demo, client):
    article = (
        ArticlePage.objects.descendant_of(demo["home"]).filter(kind="publication").order_by("-pk").first()
    )
    assert article.summary and article.body and article.regions.exists() and article.topics.exists()
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_seeded_tree_is_consistent_so_editors_can_add_pages_in_both_languages(demo):
    from wagtail.models import Page

    assert all(not problems for problems in Page.find_problems())


def test_topped_up_articles_get_title_norms_from_the_whole_index(demo):
    """The admin's database searches rank titles by the index's average title length over the
    title's own (length as the database measures it); seeding works that out once, at the end."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Avg
    from django.db.models.functions import Length
    from wagtail.search.models import IndexEntry

    before = set(ArticlePage.objects.values_list("pk", flat=True))
    seed(SEEDED_ARTICLES + 30)
    new_ids = [str(pk) for pk in ArticlePage.objects.exclude(pk__in=before).values_list("pk", flat=True)]
    titled = IndexEntry.objects.annotate(length=Length("title")).filter(length__gt=0)
    average = titled.aggregate(Avg("length"))["length__avg"]
    new_rows = list(
        titled.filter(
            content_type=ContentType.objects.get_for_model(ArticlePage), object_id__in=new_ids
        ).values_list("title_norm", "length")
    )
    assert len(new_rows) >= 30
    assert all(norm == pytest.approx(average / length) for norm, length in new_rows)
