"""The Wagtail admin as editors use it: the Articles list, the taxonomy snippets, the page editor."""

from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from experts.models import ExpertPage
from forum.models import ForumIndexPage
from pages.models import ArticleAuthor, ArticleKind, ArticlePage, Region, Topic
from tests.html import fetch, filter_link, html, text

ARTICLES_URL = reverse("articles:index")
ARTICLES_PER_PAGE = 50
ENGLISH, RUSSIAN = "English", "Русский"


def rows(page):
    """{pk: table row} of the articles listed (each row's checkbox names its article)."""
    return {
        int(box["data-object-id"]): box.find_parent("tr")
        for box in page.select("tbody input[data-object-id]")
    }


def listed_pks(page):
    return set(rows(page))


def languages_listed(page):
    return {text(row.select_one("td.field-locale")) for row in rows(page).values()}


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


def english_articles():
    """The English site's articles; the Russian site's translations are listed in the admin too."""
    return ArticlePage.objects.filter(locale=Locale.get_default())


def in_language(client, language):
    """The address of the Articles list after clicking "By locale" › language."""
    query = filter_link(fetch(client, ARTICLES_URL), "Locale", language)
    assert query.startswith("?")
    return ARTICLES_URL + query


def filtered(client, filter_title, choice, language=ENGLISH):
    """Clicks a language, then a filter in the Articles list; returns the primary keys it lists."""
    # The filter form keeps the choices already made, so the language stays selected.
    query = filter_link(fetch(client, in_language(client, language)), filter_title, choice)
    assert query.startswith("?")
    page = fetch(client, ARTICLES_URL + query)
    assert page.select_one("nav.pagination li.next a[href]") is None, (
        "the filtered list should fit on one page"
    )
    assert languages_listed(page) <= {language}
    return listed_pks(page)


# --- The Articles list -------------------------------------------------------------------------


def test_articles_list_shows_every_article_with_an_edit_link(admin_client, demo):
    page = fetch(admin_client, in_language(admin_client, ENGLISH))
    assert text(page.find("h1")) == "Articles"
    articles = english_articles()
    assert 0 < articles.count() <= ARTICLES_PER_PAGE  # one page of the list
    links = {pk: row.select_one("td.title .title-wrapper a") for pk, row in rows(page).items()}
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
    while (next_link := page.select_one("nav.pagination li.next a[href]")) is not None:
        page = fetch(admin_client, next_link["href"])
        pages.append(page)
    listed = [listed_pks(page) for page in pages]
    assert set().union(*listed) == pks(ArticlePage.objects.all())
    assert sum(len(pks_on_page) for pks_on_page in listed) == total  # no article on two pages
    assert set().union(*(languages_listed(page) for page in pages)) == {ENGLISH, RUSSIAN}


def test_articles_list_pages_keep_the_newest_first_order(admin_client, demo):
    newest_first = list(ArticlePage.objects.order_by("-date", "-pk").values_list("pk", flat=True))
    for number in (1, 2):
        page = fetch(admin_client, f"{ARTICLES_URL}?p={number}")
        shown = [int(box["data-object-id"]) for box in page.select("tbody input[data-object-id]")]
        start = (number - 1) * ARTICLES_PER_PAGE
        assert shown == newest_first[start : start + ARTICLES_PER_PAGE]


@pytest.mark.parametrize("language, code", [(ENGLISH, "en"), (RUSSIAN, "ru")])
def test_filter_by_locale(admin_client, demo, language, code):
    expected = pks(ArticlePage.objects.filter(locale__language_code=code))
    assert expected and expected != pks(ArticlePage.objects.all())
    page = fetch(admin_client, in_language(admin_client, language))
    assert listed_pks(page) == expected
    assert languages_listed(page) == {language}


def test_articles_list_shows_kind_and_authors(admin_client, demo):
    article = english_articles().filter(kind=ArticleKind.REVIEW, authors__isnull=False).first()
    row = rows(fetch(admin_client, in_language(admin_client, ENGLISH)))[article.pk]
    assert text(row.select_one(".field-kind")) == "Book review"
    assert text(row.select_one(".field-authors_line")) == article.authors_line


@pytest.mark.parametrize("kind", [ArticleKind.NEWS, ArticleKind.REVIEW, ArticleKind.MEMBERS])
def test_filter_by_kind(admin_client, demo, kind):
    expected = pks(english_articles().filter(kind=kind))
    assert expected
    assert filtered(admin_client, "Kind", kind.label) == expected


def test_filter_by_status_draft_or_live(admin_client, demo):
    draft = english_articles().filter(kind=ArticleKind.NEWS).first()
    draft.unpublish()
    assert filtered(admin_client, "Status", "Draft") == {draft.pk}
    assert filtered(admin_client, "Status", "Live") == pks(english_articles().exclude(pk=draft.pk))


def test_filter_by_region(admin_client, demo):
    region = Region.objects.get(slug="caucasus", locale=demo["home"].locale)
    expected = pks(ArticlePage.objects.filter(regions=region))
    assert expected and expected < pks(english_articles())
    assert filtered(admin_client, "Region", region.name) == expected


def test_filter_by_topic(admin_client, demo):
    topic = Topic.objects.get(slug="sanctions", locale=demo["home"].locale)
    expected = pks(ArticlePage.objects.filter(topics=topic))
    assert expected and expected < pks(english_articles())
    assert filtered(admin_client, "Topic", topic.name) == expected


def filter_choices(page, name):
    form = page.select_one("form[data-search-form]")
    return [text(option) for option in form.select(f"select[name={name}] option") if option["value"]]


@pytest.mark.parametrize("model, name", [(Region, "regions"), (Topic, "topics")])
def test_region_and_topic_filters_name_the_terms_of_the_language_listed(admin_client, demo, model, name):
    """Each term once, in the language chosen under Locale; in English while both are listed."""

    def names(code):
        return sorted(model.objects.filter(locale__language_code=code).values_list("name", flat=True))

    def offered(url):
        return sorted(filter_choices(fetch(admin_client, url), name))

    assert names("ru") and set(names("ru")).isdisjoint(names("en"))
    assert offered(ARTICLES_URL) == names("en")
    assert offered(in_language(admin_client, ENGLISH)) == names("en")
    assert offered(in_language(admin_client, RUSSIAN)) == names("ru")


def test_a_region_chosen_while_both_languages_are_listed_finds_both_languages_articles(admin_client, demo):
    region = Region.objects.get(slug="caucasus", locale=demo["home"].locale)
    expected = pks(ArticlePage.objects.filter(regions__slug="caucasus"))
    languages = ArticlePage.objects.filter(pk__in=expected).values_list("locale__language_code", flat=True)
    assert set(languages) == {"en", "ru"}
    query = filter_link(fetch(admin_client, ARTICLES_URL), "Region", region.name)
    assert listed_pks(fetch(admin_client, ARTICLES_URL + query)) == expected
    assert admin_client.get(ARTICLES_URL, {"regions": "no-such-region"}).status_code == 200

    russian_region = Region.objects.get(slug="caucasus", locale__language_code="ru")
    query = filter_link(
        fetch(admin_client, in_language(admin_client, RUSSIAN)), "Region", russian_region.name
    )
    assert listed_pks(fetch(admin_client, ARTICLES_URL + query)) == pks(
        ArticlePage.objects.filter(regions=russian_region)
    )


def test_filter_by_expert(admin_client, demo):
    expert = next(expert for expert in demo["experts"] if expert.pages_articleauthor_links.exists())
    expected = pks(ArticlePage.objects.filter(authors__expert=expert))
    assert expected and expected < pks(english_articles())
    label = expert_label(admin_client, expert)
    assert filtered(admin_client, "Expert", label) == expected


@pytest.mark.parametrize("code", ["en", "ru"])
def test_search_by_title(admin_client, demo, code):
    articles = ArticlePage.objects.filter(locale__language_code=code)
    article = articles.order_by("pk").last()
    page = fetch(admin_client, f"{ARTICLES_URL}?{urlencode({'q': article.title})}")
    found = listed_pks(page)
    assert article.pk in found
    assert len(found) < articles.count()
    for title in (text(link) for link in page.select("td.title .title-wrapper a")):
        assert all(word.lower() in title.lower() for word in article.title.split())


def test_search_for_a_missing_title_finds_nothing(admin_client, demo):
    assert listed_pks(fetch(admin_client, f"{ARTICLES_URL}?q=zzzz-no-such-article")) == set()


def expert_choices(client):
    """The names the Articles list's "Expert" filter offers, in its order."""
    form = fetch(client, ARTICLES_URL).select_one("form[data-search-form]")
    return [text(option) for option in form.select("select[name=expert] option") if option["value"]]


def expert_label(client, expert):
    labels = expert_choices(client)
    return expert.title if expert.title in labels else f"{expert.title} ({ENGLISH})"


def test_expert_filter_names_each_profile_once_in_order(admin_client, demo):
    labels = expert_choices(admin_client)
    authors = ExpertPage.objects.filter(pk__in=ArticleAuthor.objects.values("expert"))
    assert len(labels) == len(set(labels)) == authors.count()
    assert labels == sorted(labels, key=str.lower)
    # A name shared by an expert's English and Russian profiles says which one is which.
    titles = list(authors.values_list("title", flat=True))
    shared = next(title for title in titles if titles.count(title) > 1)
    assert f"{shared} ({ENGLISH})" in labels and f"{shared} ({RUSSIAN})" in labels
    assert shared not in labels


def test_status_column_and_filter(admin_client, demo):
    draft, changed, scheduled, expired = english_articles().filter(kind=ArticleKind.NEWS).order_by("pk")[:4]
    draft.unpublish()
    changed.title += " (revised)"
    changed.save_revision()
    scheduled.unpublish()
    scheduled.refresh_from_db()
    scheduled.go_live_at = timezone.now() + timedelta(days=3)
    scheduled.save_revision().publish()
    ArticlePage.objects.filter(pk=expired.pk).update(live=False, expired=True)

    listed = rows(fetch(admin_client, in_language(admin_client, ENGLISH), {"ordering": "title"}))
    listed.update(rows(fetch(admin_client, in_language(admin_client, ENGLISH), {"ordering": "-title"})))

    def status(article):
        return text(listed[article.pk].select_one("td.field-status"))

    assert status(draft) == "Draft"
    assert status(changed) == "Live with unpublished changes"
    when = date_format(timezone.localtime(scheduled.go_live_at), "DATETIME_FORMAT")
    assert status(scheduled) == f"Scheduled for {when}"
    assert status(expired) == "Expired"
    assert status(english_articles().filter(live=True, has_unpublished_changes=False).first()) == "Live"

    assert filtered(admin_client, "Status", "Scheduled") == {scheduled.pk}
    assert filtered(admin_client, "Status", "Expired") == {expired.pk}
    assert filtered(admin_client, "Status", "Live with unpublished changes") == {changed.pk}
    assert filtered(admin_client, "Status", "Draft") == {draft.pk}


def test_each_live_article_offers_view_live(admin_client, demo):
    article = english_articles().first()
    row = rows(fetch(admin_client, in_language(admin_client, ENGLISH)))[article.pk]
    [link] = [link for link in row.find_all("a") if text(link) == "View live"]
    assert link["href"] == article.url


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


@pytest.mark.parametrize("where", ["context", "forum"])
def test_articles_cannot_be_added_outside_an_article_section(admin_client, demo, where):
    if where == "context":
        parent = demo["sections"][ArticleKind.NEWS].get_parent()
    else:
        parent = ForumIndexPage.objects.get(locale=Locale.get_default())
    response = admin_client.get(add_article_url(parent), follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_explore", args=[parent.pk]), 302)]
    messages = [text(message) for message in html(response).select(".messages li")]
    assert any(
        f"A page of type “Article” does not belong under “{parent.title}”" in message
        and "Add it under one of the Article sections" in message
        for message in messages
    ), messages
    assert not any("you do not have permission" in message for message in messages)
    assert not ArticlePage.objects.child_of(parent).exists()
