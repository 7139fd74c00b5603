"""Advanced Search as readers use it, on the database backend and on the engine.

Each test publishes its own articles (words that the demo texts do not use) and reads the
search page the way a person does: result titles, highlighted words, facet counts, links.
"""

import json
from datetime import date
from io import StringIO

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from experts.models import ExpertPage
from forum.models import InvitedExpert
from pages.models import ArticleIndexPage, ArticleKind, Region, Topic
from shop.models import ProductAuthor
from tests.factories import ArticlePageFactory, ForumTopicPageFactory, ProductPageFactory
from tests.html import fetch, text
from tests.search_support import refresh_engine

SEARCH_URL = "/en/search/"
RU_SEARCH_URL = "/ru/search/"
CORPUS_NEWS = 11  # one page of results and a second one


def titles(soup):
    return [text(link) for link in soup.select(".search-result h2 a")]


def facet(soup, heading):
    """{label: count} of one facet group in the sidebar."""
    for group in soup.select(".facets h2"):
        if text(group) == heading:
            items = group.find_next_sibling("ul").select("li")
            return {text(item.a): int(item.select_one(".count").get_text().strip("()")) for item in items}
    return {}


def section(demo, kind, language="en"):
    locale = Locale.objects.get(language_code=language)
    english = demo["sections"][kind]
    return ArticleIndexPage.objects.get(translation_key=english.translation_key, locale=locale)


@pytest.fixture
def expert(demo):
    """The first expert of the English site."""
    return ExpertPage.objects.filter(locale=Locale.get_default()).order_by("pk").first()


@pytest.fixture
def corpus(demo, expert, search_backend_name):
    """Eleven news items and a book review about lighthouses, a Russian article, a members briefing."""
    arctic = Region.objects.get(slug="arctic", locale=Locale.get_default())
    caucasus = Region.objects.get(slug="caucasus", locale=Locale.get_default())
    topic = Topic.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    news = [
        ArticlePageFactory(
            parent=demo["sections"][ArticleKind.NEWS],
            title=f"Lighthouses of the northern coast, part {number}",
            date=date(2019, 3, number + 1),
            regions=[arctic],
            summary="Keepers describe the winter storms and the supply ships.",
            publish=True,
        )
        for number in range(1, CORPUS_NEWS + 1)
    ]
    review = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.REVIEW],
        title="A history of the lighthouse keepers",
        date=date(2021, 6, 1),
        experts=[expert],
        regions=[caucasus],
        topics=[topic],
        summary="A patient book about a vanished lighthouse trade.",
        publish=True,
    )
    russian = ArticlePageFactory(
        parent=section(demo, ArticleKind.NEWS, "ru"),
        title="Маяки северного побережья",
        date=date(2022, 1, 10),
        summary="Новые санкции против судоходных компаний изменили жизнь смотрителей.",
        publish=True,
    )
    members = ArticleIndexPage.objects.get(kind=ArticleKind.MEMBERS, locale=Locale.get_default())
    private = ArticlePageFactory(
        parent=members, title="Lighthouse briefing for members only", date=date(2023, 1, 1), publish=True
    )
    refresh_engine()
    yield {
        "news": news,
        "review": review,
        "russian": russian,
        "private": private,
        "expert": expert,
        "topic": topic,
    }
    # Deleting takes the entries out of the engine too (the database rolls back by itself).
    for page in [*news, review, russian, private]:
        page.delete()
    refresh_engine()


# --- words and word forms ----------------------------------------------------------------------
def test_english_word_forms_are_found_and_highlighted(client, corpus):
    soup = fetch(client, SEARCH_URL, {"q": "lighthouse"})
    assert corpus["review"].title in titles(soup)
    assert "Lighthouses of the northern coast" in " ".join(titles(soup))
    marks = {text(mark) for mark in soup.select(".search-results mark")}
    assert {"Lighthouses", "lighthouse"} <= marks


def test_russian_word_forms_are_found_and_highlighted(client, corpus):
    soup = fetch(client, RU_SEARCH_URL, {"q": "санкциям"})
    assert titles(soup)[0] == corpus["russian"].title  # the word in its text ranks it first
    # The others are filed under the topic «Санкции»: its name is part of their entries.
    for link in soup.select(".search-result h2 a")[1:]:
        page = Page.objects.get(
            url_path__endswith=link["href"].removeprefix("/ru"), locale__language_code="ru"
        )
        names = [topic.name.lower() for topic in page.specific.topics.all()]
        assert any(name.startswith("санкци") for name in names), (link["href"], names)
    assert "санкции" in {text(mark) for mark in soup.select(".search-results mark")}
    assert titles(fetch(client, RU_SEARCH_URL, {"q": "маякам"})) == [corpus["russian"].title]


def test_exact_words_are_found_on_every_backend(client, corpus):
    soup = fetch(client, SEARCH_URL, {"q": "keepers"})
    assert set(titles(soup)) >= {corpus["review"].title}
    assert "keepers" in {text(mark) for mark in soup.select(".search-results mark")}


def test_every_word_must_match(client, corpus):
    assert titles(fetch(client, SEARCH_URL, {"q": "patient keepers"})) == [corpus["review"].title]
    assert titles(fetch(client, SEARCH_URL, {"q": "patient zeppelin"})) == []


def test_a_topics_name_finds_what_is_filed_under_it_in_each_language(client, demo, search_backend_name):
    english_topic = Topic.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    russian_topic = Topic.objects.get(
        translation_key=english_topic.translation_key, locale__language_code="ru"
    )
    filed = {
        language: ArticlePageFactory(
            parent=section(demo, ArticleKind.NEWS, language),
            title=title,
            summary=summary,
            date=date(2020, 5, 4),
            topics=[topic],
            publish=True,
        )
        for language, topic, title, summary in (
            ("en", english_topic, "Caspian shipping rates", "Freight costs on the inland sea."),
            ("ru", russian_topic, "Тарифы на каспийские перевозки", "Стоимость фрахта на внутреннем море."),
        )
    }
    refresh_engine()
    for language, topic in (("en", english_topic), ("ru", russian_topic)):
        soup = fetch(client, f"/{language}/search/", {"q": topic.name.lower()})
        assert filed[language].url in {link["href"] for link in soup.select(".search-result h2 a")}, (
            topic.name
        )


def test_renaming_a_region_rewrites_the_entries_filed_under_it(
    client, demo, search_backend_name, django_capture_on_commit_callbacks
):
    region = Region.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        title="Harbour dues in review",
        summary="A note on port fees.",
        date=date(2020, 6, 1),
        regions=[region],
        publish=True,
    )
    region.name = "Zanzibar Straits"
    with django_capture_on_commit_callbacks(execute=True):
        region.save()
    refresh_engine()
    soup = fetch(client, SEARCH_URL, {"q": "zanzibar"})
    assert article.url in {link["href"] for link in soup.select(".search-result h2 a")}


# --- filters, facets, sorting, paging ----------------------------------------------------------
def test_each_filter_narrows_the_results(client, corpus):
    review = corpus["review"].title
    query = {"q": "keepers"}
    assert titles(fetch(client, SEARCH_URL, {**query, "type": "review"})) == [review]
    assert titles(fetch(client, SEARCH_URL, {**query, "region": "caucasus"})) == [review]
    assert titles(fetch(client, SEARCH_URL, {**query, "topic": corpus["topic"].slug})) == [review]
    assert titles(fetch(client, SEARCH_URL, {**query, "expert": corpus["expert"].slug})) == [review]
    assert titles(
        fetch(client, SEARCH_URL, {**query, "date_from": "2021-01-01", "date_to": "2021-12-31"})
    ) == [review]
    news_only = titles(fetch(client, SEARCH_URL, {**query, "type": "news", "region": "arctic"}))
    assert len(news_only) == 10 and review not in news_only


def test_filters_without_words_list_matching_content_newest_first(client, corpus):
    soup = fetch(
        client, SEARCH_URL, {"region": "caucasus", "date_from": "2021-06-01", "date_to": "2021-06-01"}
    )
    assert titles(soup) == [corpus["review"].title]


def test_facets_count_the_whole_result_set(client, corpus):
    soup = fetch(client, SEARCH_URL, {"q": "keepers"})
    assert facet(soup, "Type") == {"News": CORPUS_NEWS, "Book review": 1}
    assert facet(soup, "Region") == {"Arctic": CORPUS_NEWS, "Caucasus": 1}
    assert facet(soup, "Year") == {"2021": 1, "2019": CORPUS_NEWS}
    narrowed = fetch(client, SEARCH_URL, {"q": "keepers", "type": "review"})
    assert facet(narrowed, "Type") == {"Book review": 1}


def test_facet_links_add_the_filter_and_keep_the_words(client, corpus):
    soup = fetch(client, SEARCH_URL, {"q": "keepers"})
    link = next(a for a in soup.select(".facets a") if text(a) == "Book review")
    followed = fetch(client, SEARCH_URL + link["href"])
    assert titles(followed) == [corpus["review"].title]
    year = next(a for a in followed.select(".facets a") if text(a) == "2021")
    assert "date_from=2021-01-01" in year["href"] and "q=keepers" in year["href"]


def test_sorting_by_date_puts_the_newest_first(client, corpus):
    soup = fetch(client, SEARCH_URL, {"q": "keepers", "sort": "date"})
    assert titles(soup)[:2] == [corpus["review"].title, corpus["news"][-1].title]


def test_pagination_keeps_words_and_filters(client, corpus):
    first = fetch(client, SEARCH_URL, {"q": "keepers", "region": "arctic", "sort": "date"})
    assert len(titles(first)) == 10
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert "q=keepers" in next_link and "region=arctic" in next_link and "page=2" in next_link
    second = fetch(client, SEARCH_URL + next_link)
    assert titles(second) == [corpus["news"][0].title]
    assert (
        fetch(client, SEARCH_URL, {"q": "keepers", "region": "arctic", "page": "999"})
        .select_one(".pagination [aria-current]")
        .get_text()
        == "2"
    )


# --- languages and privacy ---------------------------------------------------------------------
def test_results_are_in_the_current_language_unless_all_are_asked_for(client, corpus):
    assert corpus["russian"].title not in titles(fetch(client, SEARCH_URL, {"q": "смотрителей"}))
    everywhere = fetch(client, SEARCH_URL, {"q": "смотрителей", "lang": "all"})
    assert titles(everywhere) == [corpus["russian"].title]
    assert "Русский" in text(everywhere.select_one(".search-result .kind-label"))
    assert corpus["review"].title not in titles(fetch(client, RU_SEARCH_URL, {"q": "keepers"}))


def test_members_briefings_are_never_found(client, corpus, member):
    assert corpus["private"].title not in titles(fetch(client, SEARCH_URL, {"q": "briefing members"}))
    client.force_login(member)
    assert corpus["private"].title not in titles(
        fetch(client, SEARCH_URL, {"q": "briefing members", "lang": "all"})
    )


def test_unpublished_and_moved_pages_follow_in_search(client, corpus):
    review = corpus["review"]
    review.unpublish()
    refresh_engine()
    assert review.title not in titles(fetch(client, SEARCH_URL, {"q": "patient"}))
    review.save_revision().publish()
    refresh_engine()
    soup = fetch(client, SEARCH_URL, {"q": "patient"})
    assert [a["href"] for a in soup.select(".search-result h2 a")] == [review.url]


# --- suggestions -------------------------------------------------------------------------------
def test_suggestions_offer_titles_for_the_first_letters(client, corpus):
    response = client.get("/en/search/suggest/", {"q": "lighth"})
    assert response["Content-Type"] == "application/json"
    suggestions = response.json()["suggestions"]
    assert 0 < len(suggestions) <= 8
    assert all(
        item["title"].lower().startswith("lighth") or "lighth" in item["title"].lower()
        for item in suggestions
    )
    assert all(item["url"].startswith("/en/") for item in suggestions)


@pytest.mark.parametrize(
    "words",
    [
        "",
        "l",
        "\x00",
        "x" * 10_000,
        "<script>alert(1)</script>",
        '"lig',
        "lig*",
        "NEAR(",
        "-lig",
        "lig:*",
        "_",
    ],
)
def test_suggestions_never_fail(client, db, words, search_backend_name):
    response = client.get("/en/search/suggest/", {"q": words})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


# --- bad input ---------------------------------------------------------------------------------
BAD_INPUT = [
    {"q": ""},
    {"q": "x" * 10_000},
    {"q": 'sanctions AND (energy OR "gas'},
    {"q": "((( ]]] {{{"},
    {"q": "'; DROP TABLE wagtailcore_page; --"},
    {"q": '{"query": {"match_all": {}}}'},
    {"q": "title:energy^5 AND NOT body:* ~2"},
    {"q": "<script>alert('x')</script>"},
    {"q": "energy\x00security"},
    {"q": "*"},
    {"date_from": "2024-13-45"},
    {"date_from": "yesterday", "date_to": "\x00"},
    {"date_from": "2024-05-01", "date_to": "2020-01-01"},
    {"expert": "999999"},
    {"expert": "<b>"},
    {"region": "atlantis"},
    {"type": "'; --"},
    {"topic": "x" * 5000},
    {"lang": "klingon"},
    {"sort": "random()"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "99999999999999999999"},
    # Full-text query syntax (FTS5, tsquery) is never read as such.
    {"q": '"energy'},
    {"q": 'energy" OR "x'},
    {"q": "energy*"},
    {"q": "NEAR(energy security, 2)"},
    {"q": "-energy -"},
    {"q": "energy AND"},
    {"q": "(energy OR (security"},
    {"q": "energy))"},
    {"q": "title : energy ^ body"},
    {"q": "energy & !security | gas:*"},
    {"q": "_ __ energy_security"},
    {"q": "NOT"},
]


@pytest.mark.parametrize("params", BAD_INPUT, ids=lambda params: repr(params)[:40])
def test_bad_input_gives_a_normal_page(client, db, search_backend_name, params):
    soup = fetch(client, SEARCH_URL, {"q": "energy", **params})
    assert soup.select_one("h1").get_text() == "Advanced Search"
    assert soup.select_one("script:-soup-contains('alert')") is None
    words = soup.select_one("#id_q")["value"]
    assert len(words) <= 200 and "\x00" not in words


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "2024-13-45"}, "Enter a valid date."),
        ({"date_from": "2024-05-01", "date_to": "2020-01-01"}, "The end date is before the start date."),
        ({"region": "atlantis"}, "Select a valid choice."),
        ({"q": "x " * 3000}, "Your search words were shortened to the first 200 characters."),
    ],
)
def test_bad_values_are_explained_and_the_rest_of_the_search_still_runs(client, db, params, message):
    soup = fetch(client, SEARCH_URL, {"q": "energy", **params})
    assert message in text(soup.select_one("main"))
    assert soup.select_one(".result-count") is not None


def test_empty_search_invites_the_reader_to_type_words(client, db):
    soup = fetch(client, SEARCH_URL)
    assert "Type some words, choose a filter, or both." in text(soup.select_one("main"))
    assert soup.select_one(".result-count") is None


def test_nothing_found_says_how_to_widen_the_search(client, db):
    soup = fetch(client, SEARCH_URL, {"q": "zeppelinology"})
    assert "Nothing matches “zeppelinology” with these filters." in text(soup.select_one("main"))


# --- the engine's absence, database writes, query counts ---------------------------------------
def test_unreachable_engine_falls_back_to_the_database_with_a_notice(client, corpus, caplog):
    from config.search_backends import DATABASE_ALIAS, ENGINE_ALIAS, database_backend, engine_backend

    stopped_engine = {
        ENGINE_ALIAS: engine_backend(opensearch_url="http://127.0.0.1:9"),  # nothing listens there
        DATABASE_ALIAS: database_backend(connection.settings_dict["ENGINE"]),
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=stopped_engine):
        soup = fetch(client, SEARCH_URL, {"q": "patient keepers"})
        assert titles(soup) == [corpus["review"].title]
        assert "Our search service is not answering just now." in text(soup.select_one(".fallback-notice"))
        assert "The search engine failed; answering from the database" in caplog.text
        # The next reader is answered from the database at once, still with the notice.
        caplog.clear()
        again = fetch(client, SEARCH_URL, {"q": "patient keepers"})
        assert titles(again) == [corpus["review"].title] and again.select_one(".fallback-notice")
        assert caplog.text == ""
        assert client.get("/en/search/suggest/", {"q": "patie"}).status_code == 200


def test_a_search_writes_nothing_to_the_database(client, corpus):
    with CaptureQueriesContext(connection) as queries:
        fetch(client, SEARCH_URL, {"q": "keepers", "region": "arctic", "page": "2"})
        client.get("/en/search/suggest/", {"q": "keep"})
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_query_count_does_not_grow_with_the_number_of_results(client, corpus, search_backend_name):
    def count(params):
        fetch(client, SEARCH_URL, params)  # warm caches (menus, filter choices)
        with CaptureQueriesContext(connection) as queries:
            fetch(client, SEARCH_URL, params)
        return len(queries)

    one = count({"q": "patient keepers"})
    ten = count({"q": "keepers", "type": "news"})
    assert one == ten
    assert ten <= 14


def _more_entries(count, word):
    """``count`` entries holding ``word``, written straight to the entries and the database's index
    (only the database backend reads them): a larger archive for comparing query counts."""
    from search import fulltext
    from search.models import SearchEntry

    english = Locale.get_default()
    entries = SearchEntry.objects.bulk_create(
        SearchEntry(
            locale=english,
            kind="news",
            title=f"{word.title()} report {number}",
            summary=f"The {word} of the week.",
            url=f"/en/report-{number}/",
            date=date(2020, 1, 1 + number % 28),
            year=2020,
        )
        for number in range(count)
    )
    regions = SearchEntry.regions.through
    arctic = Region.objects.get(slug="arctic", locale=english)
    regions.objects.bulk_create(regions(searchentry_id=entry.pk, region_id=arctic.pk) for entry in entries)
    fulltext.write(entries)


def test_search_and_suggestion_queries_do_not_grow_with_the_archive(client, corpus):
    from config.search_backends import ENGINE_ALIAS, database_backend

    def count(url, params):
        client.get(url, params)  # warm caches (menus, filter choices)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    requests = [
        (SEARCH_URL, {"q": "keepers"}),
        (SEARCH_URL, {"q": "keepers", "region": "arctic", "sort": "date", "page": "2"}),
        (SEARCH_URL, {"region": "arctic"}),
        ("/en/search/suggest/", {"q": "lighth"}),
    ]
    database_only = {ENGINE_ALIAS: database_backend(connection.settings_dict["ENGINE"])}
    with override_settings(WAGTAILSEARCH_BACKENDS=database_only):
        small = [count(url, params) for url, params in requests]
        _more_entries(600, "lighthouse keepers")
        larger = [count(url, params) for url, params in requests]
        soup = fetch(client, SEARCH_URL, {"q": "keeper"})
    assert larger == small
    assert facet(soup, "Type")["News"] == CORPUS_NEWS + 600


# --- rebuilding --------------------------------------------------------------------------------
def test_update_index_rewrites_lost_entries_with_progress(client, corpus):
    from io import StringIO

    from django.core.management import call_command

    from search.models import SearchEntry

    SearchEntry.objects.filter(page=corpus["review"]).delete()
    assert titles(fetch(client, SEARCH_URL, {"q": "patient keepers"})) == []
    output = StringIO()
    call_command("update_index", stdout=output)
    refresh_engine()
    assert "Writing search entries for" in output.getvalue()
    assert "/" in output.getvalue().splitlines()[1]  # "  500/1234 pages"
    assert titles(fetch(client, SEARCH_URL, {"q": "patient keepers"})) == [corpus["review"].title]


def test_filters_and_facets_are_as_before_after_update_index(client, corpus):
    from django.core.management import call_command

    call_command("update_index", stdout=StringIO())
    refresh_engine()
    review = corpus["review"].title
    for name, value in [
        ("region", "caucasus"),
        ("topic", corpus["topic"].slug),
        ("expert", corpus["expert"].slug),
    ]:
        assert titles(fetch(client, SEARCH_URL, {"q": "keepers", name: value})) == [review], name
    soup = fetch(client, SEARCH_URL, {"q": "keepers"})
    assert facet(soup, "Region") == {"Arctic": CORPUS_NEWS, "Caucasus": 1}
    assert facet(soup, "Type") == {"News": CORPUS_NEWS, "Book review": 1}


def test_update_index_leaves_the_database_index_with_title_norms_over_the_whole_table(demo):
    """A rebuild works the title norms out once, at the end: every title's norm is the average
    title length over its own, as the admin's database searches rank by (the length as the
    database measures it: characters on SQLite, words of the title's tsvector on PostgreSQL)."""
    from django.core.management import call_command
    from django.db.models.functions import Length
    from wagtail.search.models import IndexEntry

    call_command("update_index", stdout=StringIO())
    titled = list(
        IndexEntry.objects.annotate(length=Length("title"))
        .filter(length__gt=0)
        .values_list("title_norm", "length")
    )
    average = sum(length for _, length in titled) / len(titled)
    assert len(titled) > 100
    assert all(norm == pytest.approx(average / length) for norm, length in titled)


# Each text-bearing block of an article body, with a word found nowhere else; the link's address
# and the heading's level hold words too, which readers never read and search must not find.
BLOCK_WORDS = {
    "paragraph": "quillwort",
    "heading": "tamarisk",
    "quote": "saxifrage",
    "attribution": "burdock",
    "callout title": "campion",
    "callout text": "sorrel",
    "caption": "yarrow",
    "footnote": "bilberry",
    "table": "mugwort",
}


@pytest.fixture
def article_of_every_block(demo, search_backend_name):
    def block(kind, value):
        return {"type": kind, "value": value, "id": f"{kind}-block"}

    article = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        title="Field notes from the coastal meadows",
        body=json.dumps(
            [
                block(
                    "paragraph", '<p>Quillwort &amp; <a href="https://example.org/hawthorn">rushes</a></p>'
                ),
                block("heading", {"text": "Tamarisk on the dunes", "level": "h2"}),
                block("quote", {"quote": "Saxifrage splits the rock.", "attribution": "Burdock, a warden"}),
                block("callout", {"title": "Campion", "text": "<p>Sorrel<br/>grows here</p>"}),
                block("image", {"image": demo["images"][0].pk, "caption": "Yarrow in June"}),
                block("footnotes", {"notes": ["<p>Bilberry survey, 2024.</p>"]}),
                block("table", {"data": [["Mugwort", "12"]], "first_row_is_table_header": False}),
            ]
        ),
        publish=True,
    )
    refresh_engine()
    yield article
    article.delete()
    refresh_engine()


@pytest.mark.parametrize("rebuilt", [False, True], ids=["published", "after update_index"])
def test_every_block_of_the_body_is_searchable_and_link_addresses_are_not(
    client, article_of_every_block, rebuilt
):
    from django.core.management import call_command

    if rebuilt:
        call_command("update_index", stdout=StringIO())
        refresh_engine()
    title = article_of_every_block.title
    for where, word in BLOCK_WORDS.items():
        assert titles(fetch(client, SEARCH_URL, {"q": word})) == [title], where
    assert titles(fetch(client, SEARCH_URL, {"q": "hawthorn"})) == []
    # The heading's level is how it looks, not what it says: its label ("Section heading") is not text.
    assert title not in titles(fetch(client, SEARCH_URL, {"q": "section heading"}))
    snippet = text(fetch(client, SEARCH_URL, {"q": "quillwort"}).select_one(".search-result"))
    assert "Quillwort & rushes" in snippet  # the entity is read as the character it stands for


# --- forum debates and shop publications -------------------------------------------------------
@pytest.fixture
def debate_and_publication(forum, shop, expert, search_backend_name):
    """A debate and a publication for sale, published the way an editor does, both about zeppelins."""
    debate = ForumTopicPageFactory(
        parent=forum,
        title="Should zeppelins return to Arctic freight?",
        opening_statement=[("paragraph", "<p>Airships could reach settlements that roads never will.</p>")],
        first_published_at=None,
        invited_experts=[InvitedExpert(expert=expert)],
        publish=True,
    )
    publication = ProductPageFactory(
        parent=shop,
        title="Zeppelins and the northern economy",
        year=2024,
        page_count=120,
        price="18.50",
        isbn="978-0-306-40615-7",
        description="<p>A study of airship freight along the Arctic coast.</p>",
        authors=[ProductAuthor(expert=expert)],
        publish=True,
    )
    refresh_engine()
    yield {"debate": debate, "publication": publication, "expert": expert}
    for page in [debate, publication]:
        page.delete()
    refresh_engine()


def test_debates_and_shop_publications_are_found_with_their_type(client, debate_and_publication):
    debate, publication = debate_and_publication["debate"], debate_and_publication["publication"]
    soup = fetch(client, SEARCH_URL, {"q": "zeppelins"})
    labels = {
        text(result.h2): text(result.select_one(".kind-label")) for result in soup.select(".search-result")
    }
    assert labels[debate.title].startswith("Forum debate")
    assert labels[publication.title].startswith("Shop publication")
    assert facet(soup, "Type") == {"Forum debate": 1, "Shop publication": 1}

    assert titles(fetch(client, SEARCH_URL, {"q": "zeppelins", "type": "debate"})) == [debate.title]
    assert titles(fetch(client, SEARCH_URL, {"q": "zeppelins", "type": "product"})) == [publication.title]
    by_expert = fetch(client, SEARCH_URL, {"q": "zeppelins", "expert": debate_and_publication["expert"].slug})
    assert set(titles(by_expert)) == {debate.title, publication.title}
    # Words of the opening statement and of the description count too.
    assert titles(fetch(client, SEARCH_URL, {"q": "settlements airships"})) == [debate.title]
    assert titles(fetch(client, SEARCH_URL, {"q": "airship freight coast"})) == [publication.title]
