"""The Wagtail admin as editors use it: the Articles list, the taxonomy snippets, the page editor."""

from datetime import date
from urllib.parse import urlencode

import pytest
from bs4 import NavigableString
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.models import ArticleKind, ArticlePage, Region, Topic
from tests.html import fetch, html, text

ARTICLES_URL = reverse("pages_articlepage_modeladmin_index")


def listed_pks(page):
    """Primary keys of the articles in a modeladmin result list."""
    return {int(row["data-object-pk"]) for row in page.select("tr[data-object-pk]")}


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


def filter_link(page, filter_title, choice):
    """The query string behind one choice of the filter sidebar ("By kind" › "Book review")."""
    sidebar = page.select_one(".changelist-filter")
    label = sidebar.find(string=lambda s: isinstance(s, NavigableString) and s.strip() == f"By {filter_title}")
    assert label is not None, f"no filter 'By {filter_title}'"
    choices = label.find_next("ul")
    link = choices.find("a", string=lambda s: s and s.strip() == choice)
    assert link is not None, f"no choice {choice!r} under 'By {filter_title}'"
    return link["href"]


def filtered(client, filter_title, choice):
    """Clicks a filter in the Articles list and returns the primary keys it lists."""
    query = filter_link(fetch(client, ARTICLES_URL), filter_title, choice)
    assert query.startswith("?")
    return listed_pks(fetch(client, ARTICLES_URL + query))


# --- The Articles list -------------------------------------------------------------------------


def test_articles_list_shows_every_article_with_an_edit_link(admin_client, demo):
    page = fetch(admin_client, ARTICLES_URL)
    assert text(page.find("h1")) == "Articles"
    articles = ArticlePage.objects.all()
    assert 0 < articles.count() <= 50  # one page of the list
    rows = page.select("tr[data-object-pk]")
    links = {int(row["data-object-pk"]): row.select_one("td.field-title a") for row in rows}
    assert set(links) == pks(articles)
    for article in articles:
        assert text(links[article.pk]) == article.title
        assert links[article.pk]["href"].startswith(f"/admin/pages/{article.pk}/edit/")


def test_articles_list_shows_kind_and_authors(admin_client, demo):
    article = ArticlePage.objects.filter(kind=ArticleKind.REVIEW, authors__isnull=False).first()
    row = fetch(admin_client, ARTICLES_URL).select_one(f"tr[data-object-pk='{article.pk}']")
    assert text(row.select_one(".field-kind")) == "Book review"
    assert text(row.select_one(".field-authors_line")) == article.authors_line


@pytest.mark.parametrize("kind", [ArticleKind.NEWS, ArticleKind.REVIEW, ArticleKind.MEMBERS])
def test_filter_by_kind(admin_client, demo, kind):
    expected = pks(ArticlePage.objects.filter(kind=kind))
    assert expected
    assert filtered(admin_client, "kind", kind.label) == expected


def test_filter_by_live(admin_client, demo):
    draft = ArticlePage.objects.filter(kind=ArticleKind.NEWS).first()
    draft.unpublish()
    assert filtered(admin_client, "live", "No") == {draft.pk}
    assert filtered(admin_client, "live", "Yes") == pks(ArticlePage.objects.exclude(pk=draft.pk))


def test_filter_by_region(admin_client, demo):
    region = Region.objects.get(slug="caucasus", locale=demo["home"].locale)
    expected = pks(ArticlePage.objects.filter(regions=region))
    assert expected and expected != pks(ArticlePage.objects.all())
    assert filtered(admin_client, "regions", region.name) == expected


def test_filter_by_topic(admin_client, demo):
    topic = Topic.objects.get(slug="sanctions", locale=demo["home"].locale)
    expected = pks(ArticlePage.objects.filter(topics=topic))
    assert expected and expected != pks(ArticlePage.objects.all())
    assert filtered(admin_client, "topics", topic.name) == expected


def test_filter_by_expert(admin_client, demo):
    expert = next(expert for expert in demo["experts"] if expert.authored.exists())
    expected = pks(ArticlePage.objects.filter(authors__expert=expert))
    assert filtered(admin_client, "expert", expert.title) == expected


def test_search_by_title(admin_client, demo):
    article = ArticlePage.objects.order_by("pk").last()
    page = fetch(admin_client, f"{ARTICLES_URL}?{urlencode({'q': article.title})}")
    found = listed_pks(page)
    assert article.pk in found
    assert len(found) < ArticlePage.objects.count()
    for title in (text(link) for link in page.select("td.field-title .title-wrapper a")):
        assert all(word.lower() in title.lower() for word in article.title.split())


def test_search_for_a_missing_title_finds_nothing(admin_client, demo):
    assert listed_pks(fetch(admin_client, f"{ARTICLES_URL}?q=zzzz-no-such-article")) == set()


# --- Snippets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("model, label", [(Region, "Regions"), (Topic, "Topics")])
def test_taxonomy_snippets_are_listed(admin_client, demo, model, label):
    snippets = fetch(admin_client, reverse("wagtailsnippets:index"))
    list_url = reverse(f"wagtailsnippets_pages_{model._meta.model_name}:list")
    assert label in [text(link) for link in snippets.select(f"a[href='{list_url}']")]

    listing = fetch(admin_client, list_url)
    names = {text(cell) for cell in listing.select("tbody td.title .title-wrapper a")}
    assert names == set(model.objects.filter(locale=demo["home"].locale).values_list("name", flat=True))


# --- Who can reach the admin ----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/admin/", ARTICLES_URL, "/admin/snippets/pages/region/"])
def test_readers_are_sent_away_from_the_admin(client, demo, django_user_model, url):
    client.force_login(django_user_model.objects.create_user(username="reader", email="reader@example.com"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert text(fetch(client, response["Location"]).find("h1")) != "Articles"


def test_anonymous_visitors_are_sent_to_the_admin_login(client, demo):
    response = client.get(ARTICLES_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- The page editor -------------------------------------------------------------------------------


def test_article_editor_opens_with_the_article_and_help_texts(admin_client, demo):
    article = ArticlePage.objects.filter(kind=ArticleKind.NEWS).first()
    page = fetch(admin_client, reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert page.select_one("input[name=title]")["value"] == article.title
    assert text(page.select_one("textarea[name=summary]")) == article.summary
    assert "Two or three sentences shown in lists and search results." in page.get_text()
    assert page.select_one("[name=kind]") is None  # the section sets the kind, not the editor


def add_article_url(parent):
    return reverse("wagtailadmin_pages:add", args=["pages", "articlepage", parent.pk])


def article_form(title, expert, region, topic):
    data = nested_form_data(
        {
            "title": title,
            "slug": "grain-corridors-reviewed",
            "date": "2026-03-01",
            "summary": "A careful book on the grain routes across the Black Sea.",
            "main_image": "",
            "byline": "Jane Smith, University of Vienna",
            "body": streamfield([("paragraph", rich_text("<p>The book's strongest chapter is on ports.</p>"))]),
            "authors": inline_formset([{"expert": str(expert.pk)}]),
            "outlet": "",
            "external_url": "",
            "attachment": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    data.update(regions=[str(region.pk)], topics=[str(topic.pk)])
    return data


def test_editor_adds_an_article_and_it_takes_the_sections_kind(admin_client, client, demo):
    reviews = demo["sections"][ArticleKind.REVIEW]
    expert, region, topic = demo["experts"][0], demo["regions"][0], demo["topics"][0]
    assert fetch(admin_client, add_article_url(reviews)).select_one("[name=kind]") is None

    form = article_form("Grain corridors, reviewed", expert, region, topic)
    response = admin_client.post(add_article_url(reviews), form)
    assert response.status_code == 302, html(response).select(".error-message")

    article = ArticlePage.objects.get(slug="grain-corridors-reviewed")
    assert article.get_parent().pk == reviews.pk
    assert article.kind == ArticleKind.REVIEW
    assert article.live
    assert article.date == date(2026, 3, 1)
    assert [author.expert.pk for author in article.authors.all()] == [expert.pk]
    assert list(article.regions.all()) == [region] and list(article.topics.all()) == [topic]

    # Readers see it with its label and byline.
    public = fetch(client, article.get_url())
    assert text(public.find("h1")) == "Grain corridors, reviewed"
    assert text(public.select_one(".kind-label")) == "Book review"
    assert "Jane Smith, University of Vienna" in text(public.select_one(".byline"))
    assert "The book's strongest chapter is on ports." in public.get_text()


def test_articles_cannot_be_added_outside_an_article_section(admin_client, demo):
    context = demo["sections"][ArticleKind.NEWS].get_parent()
    response = admin_client.get(add_article_url(context), follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    messages = [text(message) for message in html(response).select(".messages li")]
    assert any("you do not have permission" in message for message in messages)
