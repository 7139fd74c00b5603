"""Reading pages the way a person does: fetch a URL, parse its HTML, read visible text and forms."""

from urllib.parse import urlencode

from bs4 import BeautifulSoup


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
    """The query string of an admin listing after choosing one option of its filters ("Kind" ›
    "Book review"), keeping the options already chosen, as the filter form sends it."""
    form = page.select_one("form[data-search-form]")
    toggle = next(
        (button for button in form.select("button.w-drilldown__toggle") if text(button) == filter_title), None
    )
    assert toggle is not None, f"no filter {filter_title!r}"
    submenu = form.find(id=toggle["aria-controls"])
    chosen = [
        (box["name"], box["value"])
        for label in submenu.select("label[for]")
        if text(label) == choice and (box := submenu.find(id=label["for"])) is not None
    ] + [
        (option.find_parent("select")["name"], option["value"])
        for option in submenu.select("option")
        if text(option) == choice
    ]
    assert len(chosen) == 1, f"no single choice {choice!r} under {filter_title!r}: {chosen}"

    values = {}
    for field in form.select("input[name], select[name]"):
        if field.name == "select":
            selected = field.select_one("option[selected]")
            value = selected["value"] if selected else ""
        elif field.get("type") in ("radio", "checkbox"):
            value = field["value"] if field.has_attr("checked") else ""
        else:
            value = field.get("value", "")
        if value:
            values[field["name"]] = value
    name, value = chosen[0]
    values[name] = value
    return "?" + urlencode(values)


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
