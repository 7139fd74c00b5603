"""Reading pages the way a person does: fetch a URL, parse its HTML, read visible text and forms."""

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
