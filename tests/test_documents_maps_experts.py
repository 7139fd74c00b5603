"""Documents library, Maps, Experts A–Z and the Staff / Affiliated Experts listings."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from experts.models import ExpertPage, ExpertRole
from pages.models import MapPage
from pages.models.documents import DOCUMENTS_PAGE_SIZE
from tests.html import fetch

DOCUMENTS_URL = "/en/context/documents/"
MAPS_URL = "/en/context/maps/"
EXPERTS_URL = "/en/experts/"
NO_DOCUMENTS = "No documents match."
NO_EXPERTS = "No experts match this letter."
EXTRA_REPORTS = 25


def listed_documents(soup):
    return [link.get_text(strip=True) for link in soup.select("ul.document-list li a[download]")]


def all_listed_documents(client, params=None):
    soup = fetch(client, DOCUMENTS_URL, params)
    titles = listed_documents(soup)
    while (link := soup.select_one("nav.pagination a[rel=next]")) is not None:
        soup = fetch(client, DOCUMENTS_URL + link["href"])
        titles += listed_documents(soup)
    return titles


def documents(**filters):
    return sorted(get_document_model().objects.filter(**filters).values_list("title", flat=True))


def expert_names(soup):
    return [name.get_text(strip=True) for name in soup.select("ul.expert-grid .expert-name")]


def experts(home, **filters):
    """Names of the live experts of the site under home (the English site in these tests)."""
    return sorted(
        ExpertPage.objects.live().descendant_of(home).filter(**filters).values_list("title", flat=True)
    )


@pytest.fixture
def reports(demo):
    return Collection.objects.get(name="Reports")


@pytest.fixture
def many_documents(reports):
    Document = get_document_model()
    for number in range(EXTRA_REPORTS):
        Document.objects.create(
            title=f"Quarterly gas balance {number + 1}",
            file=ContentFile(b"Gas balance figures.\n", name=f"gas-balance-{number + 1}.txt"),
            collection=reports,
        )


# --- documents -----------------------------------------------------------------------------------
def test_documents_are_listed_twenty_per_page(client, many_documents):
    total = get_document_model().objects.count()
    assert total > DOCUMENTS_PAGE_SIZE

    first = fetch(client, DOCUMENTS_URL)
    assert len(listed_documents(first)) == DOCUMENTS_PAGE_SIZE
    assert sorted(all_listed_documents(client)) == documents()


def test_document_links_download_the_file(client, demo):
    document = get_document_model().objects.order_by("-created_at", "-pk").first()
    link = fetch(client, DOCUMENTS_URL).select_one("ul.document-list a[download]")
    assert (link.get_text(strip=True), link["href"]) == (document.title, document.url)
    assert client.get(link["href"]).status_code == 200


def test_documents_filter_by_collection(client, reports, many_documents):
    options = {
        o.get_text(strip=True): o["value"]
        for o in fetch(client, DOCUMENTS_URL).select("#doc-collection option")
    }
    assert {"All collections", "Reports", "Statements", "Conference papers"} <= set(options)

    params = {"collection": options["Reports"]}
    assert sorted(all_listed_documents(client, params)) == documents(collection=reports)
    assert len(documents(collection=reports)) < len(documents())

    soup = fetch(client, DOCUMENTS_URL, params)
    assert soup.select_one("#doc-collection option[selected]").get_text(strip=True) == "Reports"
    next_link = soup.select_one("nav.pagination a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query) == {"collection": [options["Reports"]], "page": ["2"]}


@pytest.mark.parametrize("query", ["gas balance", "SUMMIT", "  timing  "])
def test_documents_filter_by_title_text(client, many_documents, query):
    expected = documents(title__icontains=query.strip())
    assert 0 < len(expected) < len(documents())
    assert sorted(all_listed_documents(client, {"q": query})) == expected
    assert fetch(client, DOCUMENTS_URL, {"q": query}).select_one("#doc-q")["value"] == query.strip()


def test_documents_filter_by_collection_and_title_together(client, reports, many_documents):
    expected = documents(collection=reports, title__icontains="summit")
    assert 0 < len(expected) < len(documents(title__icontains="summit"))
    assert sorted(all_listed_documents(client, {"collection": reports.pk, "q": "summit"})) == expected


@pytest.mark.parametrize("collection", ["abc", "99999", "-1", "1.5", "\x00", "Reports", "٣", "9" * 5000])
def test_bad_collection_shows_no_documents(client, demo, collection):
    soup = fetch(client, DOCUMENTS_URL, {"collection": collection})
    assert listed_documents(soup) == []
    assert soup.select_one("ul.document-list .empty-state").get_text(strip=True) == NO_DOCUMENTS


@pytest.mark.parametrize("query", ["no such title", "summit\x00x", "Ÿ" * 500])
def test_unmatched_title_text_shows_no_documents(client, demo, query):
    soup = fetch(client, DOCUMENTS_URL, {"q": query})
    assert listed_documents(soup) == []
    assert NO_DOCUMENTS in soup.get_text()


@pytest.mark.parametrize("query", ["\x00", "\x00\x00 \t", "sum\x00mit"])
def test_control_characters_in_title_text_are_ignored(client, demo, query):
    clean = query.replace("\x00", "").strip()
    soup = fetch(client, DOCUMENTS_URL, {"q": query})
    assert listed_documents(soup) == listed_documents(fetch(client, DOCUMENTS_URL, {"q": clean}))
    assert listed_documents(soup)


def test_bad_document_page_numbers_still_show_documents(client, many_documents):
    for page in ["abc", "0", "99999", "\x00"]:
        assert len(listed_documents(fetch(client, DOCUMENTS_URL, {"page": page}))) > 0, page


# --- maps ----------------------------------------------------------------------------------------
def test_maps_index_links_to_every_map(client, demo):
    maps = MapPage.objects.live().descendant_of(demo["home"])
    assert maps.count() > 1
    links = {a["href"]: a.get_text(strip=True) for a in fetch(client, MAPS_URL).select("ul.gallery a")}
    assert links == {map_page.url: map_page.title for map_page in maps}


def test_map_page_shows_its_image_with_alt_text(client, demo):
    for map_page in MapPage.objects.live().select_related("map_image"):
        soup = fetch(client, map_page.url)
        image = soup.select_one("main figure img")
        assert image["alt"] == map_page.map_image.title != ""
        assert image["src"].startswith("/media/images/")
        assert soup.h1.get_text(strip=True) == map_page.title


# --- experts A–Z ---------------------------------------------------------------------------------
def letter_links(soup):
    return [item.get_text(strip=True) for item in soup.select("nav.letters li")]


def test_experts_index_lists_every_initial_and_every_expert(client, demo):
    initials = sorted({expert.last_name[0].upper() for expert in demo["experts"]})
    soup = fetch(client, EXPERTS_URL)
    assert letter_links(soup) == ["All", *initials]
    assert sorted(expert_names(soup)) == experts(demo["home"])


def test_experts_are_sorted_by_surname(client, demo):
    names = expert_names(fetch(client, EXPERTS_URL))
    by_title = {expert.title: expert.last_name for expert in demo["experts"]}
    surnames = [by_title[name] for name in names]
    assert surnames == sorted(surnames)


@pytest.mark.parametrize("ask", [str.upper, str.lower], ids=["upper", "lower"])
def test_letter_filter_shows_only_experts_with_that_initial(client, demo, ask):
    letter = demo["experts"][0].last_name[0].upper()
    soup = fetch(client, EXPERTS_URL, {"letter": ask(letter)})
    assert sorted(expert_names(soup)) == experts(demo["home"], last_name__startswith=letter)
    assert len(expert_names(soup)) < len(demo["experts"])
    assert soup.select_one("nav.letters [aria-current=page]").get_text(strip=True) == letter


@pytest.mark.parametrize("letter", ["\x00", "ÿÿ", "1", "%", "<script>", "Щ", "Z" * 5000])
def test_unknown_letter_gives_a_normal_page(client, demo, letter):
    initials = {expert.last_name[0].upper() for expert in demo["experts"]}
    assert letter[0].upper() not in initials
    soup = fetch(client, EXPERTS_URL, {"letter": letter})
    assert letter_links(soup) == ["All", *sorted(initials)]
    assert expert_names(soup) == []
    assert soup.select_one("ul.expert-grid .empty-state").get_text(strip=True) == NO_EXPERTS
    assert soup.select_one("nav.letters a")["href"] == EXPERTS_URL


def test_raw_null_byte_letter_gives_a_normal_page(client, demo):
    response = client.get(f"{EXPERTS_URL}?letter=%00")
    assert response.status_code == 200
    assert NO_EXPERTS in response.content.decode()


# --- staff and affiliated experts ---------------------------------------------------------------
@pytest.mark.parametrize(
    "url, role",
    [("/en/about/staff/", ExpertRole.STAFF), ("/en/about/affiliated-experts/", ExpertRole.AFFILIATED)],
)
def test_role_listings_show_only_experts_of_that_role(client, demo, url, role):
    names = expert_names(fetch(client, url))
    assert sorted(names) == experts(demo["home"], role=role)
    assert 0 < len(names) < len(demo["experts"])
