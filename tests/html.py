"""Reading pages the way a person does: fetch a URL, parse its HTML, read visible text."""

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
