"""The Wagtail admin as editors use it: the Articles list, the taxonomy snippets, the page editor."""

from datetime import date
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.models import ArticleKind, ArticlePage, Region, Topic
from tests.html import fetch, filter_link, html, text

ARTICLES_URL = reverse("pages_articlepage_modeladmin_index")
ARTICLES_PER_PAGE = 50
ENGLISH, RUSSIAN = "English", "Русский"


def listed_pks(page):
    """Primary keys of the articles in a modeladmin result list."""
    return {int(row["data-object-pk"]) for row in page.select("tr[data-object-pk]")}


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


def english_articles():
    """The English site's articles; the Russian site's translations are listed in the admin too."""
    return ArticlePage.objects.filter(locale=Locale.get_default())


def in_language(client, language):
    """The address of the Articles list after clicking "By locale" › language."""
    query = filter_link(fetch(client, ARTICLES_URL), "locale", language)
    assert query.startswith("?")
    return ARTICLES_URL + query


def filtered(client, filter_title, choice, language=ENGLISH):
    """Clicks a language, then a filter in the Articles list; returns the primary keys it lists."""
    # Django's filter links keep the choices already made, so the language stays selected.
    query = filter_link(fetch(client, in_language(client, language)), filter_title, choice)
    assert query.startswith("?")
    page = fetch(client, ARTICLES_URL + query)
    assert page.select_one("nav.pagination li.next a") is None, "the filtered list should fit on one page"
    assert {text(cell) for cell in page.select("tr[data-object-pk] td.field-locale")} <= {language}
    return listed_pks(page)


# --- The Articles list -------------------------------------------------------------------------


def test_articles_list_shows_every_article_with_an_edit_link(admin_client, demo):
    page = fetch(admin_client, in_language(admin_client, ENGLISH))
    assert text(page.find("h1")) == "Articles"
    articles = english_articles()
    assert 0 < articles.count() <= ARTICLES_PER_PAGE  # one page of the list
    rows = page.select("tr[data-object-pk]")
    links = {int(row["data-object-pk"]): row.select_one("td.field-title a") for row in rows}
    assert set(links) == pks(articles)
    for article in articles:
        assert text(links[article.pk]) == article.title
        assert links[article.pk]["href"].startswith(f"/admin/pages/{article.pk}/edit/")


def test_articles_list_shows_both_languages_fifty_to_a_page(admin_client, demo):
    first = fetch(admin_client, ARTICLES_URL)
    total = ArticlePage.objects.count()
    assert total > ARTICLES_PER_PAGE
    assert text(first.select_one("nav.pagination .pagination__end")) == f"{total} Articles"
    assert len(listed_pks(first)) == ARTICLES_PER_PAGE

    pages, page = [first], first
    while (next_link := page.select_one("nav.pagination li.next a")) is not None:
        page = fetch(admin_client, ARTICLES_URL + next_link["href"])
        pages.append(page)
    listed = [listed_pks(page) for page in pages]
    assert set().union(*listed) == pks(ArticlePage.objects.all())
    assert sum(len(pks_on_page) for pks_on_page in listed) == total  # no article on two pages
    languages = {text(cell) for page in pages for cell in page.select("tr[data-object-pk] td.field-locale")}
    assert languages == {ENGLISH, RUSSIAN}


@pytest.mark.parametrize("language, code", [(ENGLISH, "en"), (RUSSIAN, "ru")])
def test_filter_by_locale(admin_client, demo, language, code):
    expected = pks(ArticlePage.objects.filter(locale__language_code=code))
    assert expected and expected != pks(ArticlePage.objects.all())
    page = fetch(admin_client, in_language(admin_client, language))
    assert listed_pks(page) == expected
    assert {text(cell) for cell in page.select("tr[data-object-pk] td.field-locale")} == {language}


def test_articles_list_shows_kind_and_authors(admin_client, demo):
    article = english_articles().filter(kind=ArticleKind.REVIEW, authors__isnull=False).first()
    row = fetch(admin_client, in_language(admin_client, ENGLISH)).select_one(
        f"tr[data-object-pk='{article.pk}']"
    )
    assert text(row.select_one(".field-kind")) == "Book review"
    assert text(row.select_one(".field-authors_line")) == article.authors_line


@pytest.mark.parametrize("kind", [ArticleKind.NEWS, ArticleKind.REVIEW, ArticleKind.MEMBERS])
def test_filter_by_kind(admin_client, demo, kind):
    expected = pks(english_articles().filter(kind=kind))
    assert expected
    assert filtered(admin_client, "kind", kind.label) == expected


def test_filter_by_live(admin_client, demo):
    draft = english_articles().filter(kind=ArticleKind.NEWS).first()
    draft.unpublish()
    assert filtered(admin_client, "live", "No") == {draft.pk}
    assert filtered(admin_client, "live", "Yes") == pks(english_articles().exclude(pk=draft.pk))


def test_filter_by_region(admin_client, demo):
    region = Region.objects.get(slug="caucasus", locale=demo["home"].locale)
    expected = pks(ArticlePage.objects.filter(regions=region))
    assert expected and expected < pks(english_articles())
    assert filtered(admin_client, "regions", region.name) == expected


def test_filter_by_topic(admin_client, demo):
    topic = Topic.objects.get(slug="sanctions", locale=demo["home"].locale)
    expected = pks(ArticlePage.objects.filter(topics=topic))
    assert expected and expected < pks(english_articles())
    assert filtered(admin_client, "topics", topic.name) == expected


def test_filter_by_expert(admin_client, demo):
    expert = next(expert for expert in demo["experts"] if expert.pages_articleauthor_links.exists())
    expected = pks(ArticlePage.objects.filter(authors__expert=expert))
    assert expected and expected < pks(english_articles())
    assert filtered(admin_client, "expert", expert.title) == expected


@pytest.mark.parametrize("code", ["en", "ru"])
def test_search_by_title(admin_client, demo, code):
    articles = ArticlePage.objects.filter(locale__language_code=code)
    article = articles.order_by("pk").last()
    page = fetch(admin_client, f"{ARTICLES_URL}?{urlencode({'q': article.title})}")
    found = listed_pks(page)
    assert article.pk in found
    assert len(found) < articles.count()
    for title in (text(link) for link in page.select("td.field-title .title-wrapper a")):
        assert all(word.lower() in title.lower() for word in article.title.split())


def test_search_for_a_missing_title_finds_nothing(admin_client, demo):
    assert listed_pks(fetch(admin_client, f"{ARTICLES_URL}?q=zzzz-no-such-article")) == set()


# --- Snippets ----------------------------------------------------------------------------------


def listed_names(listing):
    return {text(cell) for cell in listing.select("tbody td.title .title-wrapper a")}


def language_choice(listing, language):
    """The radio button of the snippet list's "Locale" filter whose label is language."""
    choices = [
        listing.find("input", id=label["for"])
        for label in listing.select("label[for]")
        if text(label) == language
    ]
    assert [(choice["name"], choice["type"]) for choice in choices] == [("locale", "radio")], language
    return choices[0]


@pytest.mark.parametrize("model, label", [(Region, "Regions"), (Topic, "Topics")])
def test_taxonomy_snippets_are_listed(admin_client, demo, model, label):
    snippets = fetch(admin_client, reverse("wagtailsnippets:index"))
    list_url = reverse(f"wagtailsnippets_pages_{model._meta.model_name}:list")
    assert label in [text(link) for link in snippets.select(f"a[href='{list_url}']")]

    # The list holds the terms of both languages; its locale filter narrows it to one.
    listing = fetch(admin_client, list_url)
    assert listed_names(listing) == set(model.objects.values_list("name", flat=True))
    english = language_choice(listing, ENGLISH)
    english_listing = fetch(admin_client, list_url, {"locale": english["value"]})
    english_names = set(model.objects.filter(locale=demo["home"].locale).values_list("name", flat=True))
    assert listed_names(english_listing) == english_names
    assert len(listed_names(english_listing)) < len(listed_names(listing))


# --- Who can reach the admin ----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/admin/", ARTICLES_URL, "/admin/snippets/pages/region/"])
def test_readers_are_sent_away_from_the_admin(client, demo, reader, url):
    client.force_login(reader)
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
            "body": streamfield(
                [("paragraph", rich_text("<p>The book's strongest chapter is on ports.</p>"))]
            ),
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
