"""The "Cite this" block under articles: APA and Chicago on the English site, ГОСТ on the Russian
one, and BibTeX and RIS files read back with the parsers reference tools use (bibtexparser, rispy)."""

from datetime import date

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode
from django.utils import timezone
from wagtail.models import Locale

from core.absolute_urls import absolute_url
from experts.models import ExpertIndexPage, ExpertPage
from pages.citation import Citation, Person, byline_people, person
from pages.models import ArticleKind, ArticlePage
from tests.conftest import page_at, warm_query_count
from tests.factories import ArticlePageFactory, MemberFactory, UserFactory
from tests.html import fetch

SITE = "European Geopolitical Forum"
TITLE = "Pipelines and Power in the Caspian"
# What the escaped characters mean in LaTeX; bibtexparser 1.x's own LaTeX decoding drops braces,
# so the round trip of the whole set is read back with this table.
LATEX_MEANING = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}


def expert(title, last_name):
    index = ExpertIndexPage.objects.get(locale=Locale.get_default())
    return index.add_child(instance=ExpertPage(title=title, last_name=last_name))


@pytest.fixture
def authored(demo):
    """A publication by two experts, the second with a hyphenated given name."""
    return ArticlePageFactory(
        parent=demo["sections"][ArticleKind.PUBLICATION],
        title=TITLE,
        date=date(2025, 3, 12),
        experts=[expert("Anna Schmidt", "Schmidt"), expert("Jean-Paul Martin", "Martin")],
        publish=True,
    )


@pytest.fixture
def unsigned(demo):
    """A news item with no expert and no byline: the Forum is its author."""
    return ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        title="Forum opens its Tbilisi office",
        date=date(2025, 3, 12),
    )


def visible(element):
    return " ".join(element.get_text().split())


def references(client, article):
    """{style label: visible reference} of the article's "Cite this" block."""
    block = fetch(client, article.url).select_one("section.cite-this")
    return {visible(dt): visible(dt.find_next_sibling("dd")) for dt in block.select("dt")}


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, response.content.decode("utf-8")


def parse_bibtex(text):
    entries = bibtexparser.loads(text, parser=BibTexParser(common_strings=True)).entries
    assert len(entries) == 1, text
    return entries[0]


def latex_to_text(value):
    for code, char in LATEX_MEANING.items():
        value = value.replace(code, char)
    return value


def unbraced(title):
    """The title without the pair of braces that protects its capitals."""
    assert title.startswith("{") and title.endswith("}"), title
    return title[1:-1]


# --- on the page ---------------------------------------------------------------------------------
def test_english_article_shows_apa_and_chicago_with_authors_in_order(client, authored):
    url = absolute_url(authored.url)
    shown = references(client, authored)
    assert shown == {
        "APA, 7th edition": f"Schmidt, A., & Martin, J.-P. (2025). {TITLE}. {SITE}. {url}",
        "Chicago, bibliography entry": f"Schmidt, Anna, and Jean-Paul Martin. {TITLE}. {SITE}, 2025. {url}.",
    }
    # A publication is a report: both styles set its title in italics.
    block = fetch(client, authored.url).select_one("section.cite-this")
    assert [visible(em) for em in block.select("dd em")] == [TITLE, TITLE]


def test_an_article_without_authors_is_cited_as_the_forums_web_page(client, unsigned):
    url = absolute_url(unsigned.url)
    assert references(client, unsigned) == {
        "APA, 7th edition": f"{SITE}. (2025, March 12). Forum opens its Tbilisi office. {url}",
        "Chicago, bibliography entry": f"{SITE}. “Forum opens its Tbilisi office.” March 12, 2025. {url}.",
    }


def test_the_page_links_both_downloads(client, authored):
    links = fetch(client, authored.url).select(".cite-files a")
    assert [(visible(link), link["href"]) for link in links] == [
        ("BibTeX (.bib)", f"{authored.url}cite/bibtex/"),
        ("RIS (.ris)", f"{authored.url}cite/ris/"),
    ]


def test_russian_article_shows_the_gost_reference_only(client, demo):
    article = ArticlePage.objects.live().filter(locale__language_code="ru", kind=ArticleKind.NEWS).first()
    block = fetch(client, article.url).select_one("section.cite-this")
    assert visible(block.find("h2")) == "Как цитировать"
    assert [visible(dt) for dt in block.select("dt")] == ["ГОСТ Р 7.0.5–2008"]
    reference = visible(block.find("dd"))
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря"]  # fmt: skip
    published = f"{article.date.year}. — {article.date.day} {months[article.date.month - 1]}."
    accessed = timezone.localdate().strftime("%d.%m.%Y")
    assert f"{article.title} [Электронный ресурс]" in reference
    assert (
        f"// Европейский геополитический форум. — {published} — URL: {absolute_url(article.url)}" in reference
    )
    assert reference.endswith(f"(дата обращения: {accessed}).")


# --- BibTeX ---------------------------------------------------------------------------------------
def test_bibtex_of_a_publication_is_a_techreport_with_its_authors(client, authored):
    response, text = download(client, f"{authored.url}cite/bibtex/")
    assert response["Content-Type"].split(";")[0] == "application/x-bibtex"
    assert response["Content-Disposition"] == f'attachment; filename="{authored.slug}.bib"'
    entry = parse_bibtex(text)
    assert entry["ENTRYTYPE"] == "techreport"
    assert unbraced(entry["title"]) == TITLE
    assert entry["author"] == "Schmidt, Anna and Martin, Jean-Paul"
    assert (entry["year"], entry["month"], entry["date"]) == ("2025", "March", "2025-03-12")
    assert entry["url"] == absolute_url(authored.url)
    assert entry["institution"] == SITE
    assert entry["urldate"] == timezone.localdate().isoformat()


def test_bibtex_of_an_unsigned_news_item_is_misc_by_the_forum(client, unsigned):
    entry = parse_bibtex(download(client, f"{unsigned.url}cite/bibtex/")[1])
    assert entry["ENTRYTYPE"] == "misc"
    assert entry["author"] == "{European Geopolitical Forum}"  # one corporate name, not "Forum, E. G."
    assert entry["howpublished"] == SITE


def test_latex_special_characters_in_a_title_survive_the_round_trip(client, demo):
    title = r"Oil & Gas {2025}: 50% of the_budget, $5 #1 ~ x^2 \ y"
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], title=title)
    text = download(client, f"{article.url}cite/bibtex/")[1]
    entry = parse_bibtex(text)
    assert latex_to_text(unbraced(entry["title"])) == title
    assert entry["url"] == absolute_url(article.url)  # the fields after the title are intact


def test_bibtexparsers_own_latex_decoding_reads_ampersand_percent_and_underscore(client, demo):
    title = "R&D: 50% of the_budget"
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], title=title)
    text = download(client, f"{article.url}cite/bibtex/")[1]
    parser = BibTexParser(common_strings=True, customization=convert_to_unicode)
    assert bibtexparser.loads(text, parser=parser).entries[0]["title"] == title


def test_cyrillic_stays_utf8_in_bibtex(client, demo):
    article = ArticlePage.objects.live().filter(locale__language_code="ru").first()
    response, text = download(client, f"{article.url}cite/bibtex/")
    assert "charset=utf-8" in response["Content-Type"]
    entry = parse_bibtex(text)
    assert unbraced(entry["title"]) == article.title
    publisher = entry["institution"] if entry["ENTRYTYPE"] == "techreport" else entry["howpublished"]
    assert publisher == "Европейский геополитический форум"


# --- RIS ------------------------------------------------------------------------------------------
def parse_ris(text):
    records = rispy.loads(text)
    assert len(records) == 1, text
    return records[0]


def test_ris_of_a_publication_is_a_report_with_each_author(client, authored):
    response, text = download(client, f"{authored.url}cite/ris/")
    assert response["Content-Type"].split(";")[0] == "application/x-research-info-systems"
    assert response["Content-Disposition"] == f'attachment; filename="{authored.slug}.ris"'
    assert text.endswith("ER  - \r\n")
    record = parse_ris(text)
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["Schmidt, Anna", "Martin, Jean-Paul"]
    assert record["title"] == TITLE
    assert (record["year"], record["date"]) == ("2025", "2025/03/12")
    assert record["urls"] == [absolute_url(authored.url)]
    assert record["publisher"] == SITE
    assert record["access_date"] == timezone.localdate().strftime("%Y/%m/%d")
    assert record["language"] == "en"


def test_ris_types_follow_the_article_kind(client, demo, unsigned):
    news = parse_ris(download(client, f"{unsigned.url}cite/ris/")[1])
    assert (news["type_of_reference"], news["authors"], news["secondary_title"]) == ("NEWS", [SITE], SITE)
    review = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.REVIEW], byline="Jane Smith, University of Vienna"
    )
    record = parse_ris(download(client, f"{review.url}cite/ris/")[1])
    assert (record["type_of_reference"], record["authors"]) == ("ELEC", ["Smith, Jane"])


# --- who may download -----------------------------------------------------------------------------
@pytest.mark.parametrize("route", ["cite/bibtex/", "cite/ris/"])
def test_members_briefing_downloads_follow_the_articles_restriction(client, demo, route):
    area = page_at(demo["home"], "context/members-area/")
    url = ArticlePage.objects.child_of(area).live().first().url + route

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/accounts/" in anonymous["Location"]

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403

    client.force_login(MemberFactory())
    assert client.get(url).status_code == 200


def test_unknown_citation_route_is_not_found(client, authored):
    assert client.get(f"{authored.url}cite/endnote/").status_code == 404


# --- no queries per author ------------------------------------------------------------------------
def test_the_cite_block_costs_the_same_queries_with_or_without_authors(client, demo, unsigned):
    several = ArticlePageFactory(
        parent=demo["sections"][ArticleKind.NEWS],
        experts=demo["experts"][:3],
        byline="Jane Smith, University of Vienna",
    )
    assert warm_query_count(client, several.url) == warm_query_count(client, unsigned.url)


# --- names and the rules of each style ------------------------------------------------------------
@pytest.mark.parametrize(
    "full, family, expected",
    [
        ("Jean-Paul Martin", "Martin", Person("Martin", "Jean-Paul")),
        ("Иванов Иван Петрович", "Иванов", Person("Иванов", "Иван Петрович")),
        ("Anna van der Berg", "van der Berg", Person("van der Berg", "Anna")),
        ("Ceyhun", "", Person("Ceyhun")),
        ("Maria Lopez Garcia", "", Person("Garcia", "Maria Lopez")),
        ("Maria Lopez", "Smith", Person("Lopez", "Maria")),  # the shown name wins over a stale field
    ],
)
def test_names_are_split_into_family_and_given(full, family, expected):
    assert person(full, family) == expected


def test_a_byline_names_people_and_drops_affiliations():
    assert byline_people("Jane Smith, University of Vienna and Ivan Petrov; Aliyev") == [
        Person("Smith", "Jane"),
        Person("Petrov", "Ivan"),
        Person("Aliyev"),
    ]


def test_initials_keep_hyphens_and_given_initials():
    assert Person("Tolkien", "J.R.R.").initials == "J. R. R."
    assert Person("Martin", "Jean-Paul Marie").initials == "J.-P. M."


def citation(people, title=TITLE, kind=ArticleKind.NEWS, language="en"):
    return Citation(
        people=people,
        title=title,
        date=date(2025, 3, 12),
        url="https://egf.example/a/",
        accessed=date(2025, 5, 14),
        kind=kind,
        slug="a",
        language=language,
    )


def test_gost_heads_with_up_to_three_authors_and_uses_i_dr_beyond():
    two = citation([Person("Ефимова", "Татьяна Николаевна"), Person("Кусакин", "Андрей")], language="ru")
    assert two.gost() == (
        f"Ефимова Т. Н., Кусакин А. {TITLE} [Электронный ресурс] // Европейский геополитический форум."
        " — 2025. — 12 марта. — URL: https://egf.example/a/ (дата обращения: 14.05.2025)."
    )
    four = citation([Person(name, "Ivan") for name in ("Aa", "Bb", "Cc", "Dd")], language="ru")
    assert four.gost().startswith(f"{TITLE} [Электронный ресурс] / I. Aa [и др.] // Европейский")


def test_a_title_with_its_own_question_mark_gets_no_extra_stop():
    cited = citation([Person("Smith", "Jane")], title="Who owns the Caspian?")
    assert "<em>Who owns the Caspian?</em> European" in cited.apa()
    assert "“Who owns the Caspian?” European" in cited.chicago()


def test_chicago_lists_three_authors_with_a_serial_comma():
    cited = citation([Person("Smith", "Jane"), Person("Doe", "John"), Person("Lee", "Ann")])
    assert cited.chicago().startswith("Smith, Jane, John Doe, and Ann Lee. “")


def test_html_in_a_title_is_escaped(client, demo):
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], title="<b>Bold</b> claims")
    block = fetch(client, article.url).select_one("section.cite-this")
    assert block.select("dd b") == []
    assert "<b>Bold</b> claims" in visible(block)
