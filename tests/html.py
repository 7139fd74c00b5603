"""Reading pages the way a person does: fetch a URL, parse its HTML, read visible text and forms."""

from bs4 import BeautifulSoup, NavigableString


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def fetch(client, url, params=None):
    """The parsed page at url; fails the test unless it answers 200."""
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    return html(response)


def text(element):
    return element.get_text(" ", strip=True)


def form_of(soup):
    """The page's main form (the one that sends something)."""
    return soup.select_one("main form[method=post]")


def field_for(form, label_text):
    """The input a reader reaches by clicking on the label."""
    label = form.find("label", string=label_text)
    assert label is not None, f"no label {label_text!r}"
    return form.find(id=label["for"])


def shown_value(field):
    """What a reader sees typed in a field."""
    return field.get_text().strip() if field.name == "textarea" else field.get("value", "")


def filter_link(page, filter_title, choice):
    """The query string behind one choice of an admin list's filter sidebar ("By kind" › "Book review")."""
    sidebar = page.select_one(".changelist-filter")
    label = sidebar.find(
        string=lambda s: isinstance(s, NavigableString) and s.strip() == f"By {filter_title}"
    )
    assert label is not None, f"no filter 'By {filter_title}'"
    link = label.find_next("ul").find("a", string=lambda s: s and s.strip() == choice)
    assert link is not None, f"no choice {choice!r} under 'By {filter_title}'"
    return link["href"]


# --- article listings (Context, its sections, the Members Area) ----------------------------------
def listing_items(soup):
    return soup.select(".listing article.listing-item")


def item_urls(soup):
    return [item.select_one(".listing-title a")["href"] for item in listing_items(soup)]


def listing_pages(client, url, params=None):
    """Every page of a listing, following the 'Next' links from the first."""
    soup = fetch(client, url, params)
    yield soup
    while (link := soup.select_one("nav.pagination a[rel=next]")) is not None:
        soup = fetch(client, url + link["href"])
        yield soup


def crawl_listing(client, url, params=None):
    """Every article address of a listing, in the order shown."""
    return [address for soup in listing_pages(client, url, params) for address in item_urls(soup)]
