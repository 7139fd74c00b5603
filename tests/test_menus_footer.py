"""Header, main menu and footer as a reader sees them on every page."""

from urllib.parse import urlsplit

import pytest
from django.utils import dateformat, timezone, translation

from tests.conftest import page_at
from tests.factories import StandardPageFactory, UserFactory
from tests.html import fetch, text

MAIN_MENU = ["About", "Forum", "Experts", "Context", "EGF Shop"]
SUB_MENUS = {
    "About": [
        "Who we are",
        "What we do",
        "What makes us different?",
        "Why is geopolitics important?",
        "Issues we work on",
        "EGF in Press",
        "Staff",
        "Affiliated Experts",
        "Expert Presentations",
        "EGF Partners",
        "Contact Us",
    ],
    "Forum": ["In progress", "Archive", "Terms & Rules", "Help", "Registration"],
    "Experts": [],
    "Context": ["News", "Publications", "Events", "Documents", "Maps", "Members Area", "Book reviews"],
    "EGF Shop": [],
}
LOGIN_PATH = "/en/accounts/login/"


def main_menu(page):
    """{top-level title: (url, [(child title, child url), ...])} in menu order."""
    menu = {}
    for item in page.select(".main-menu .menu-level-1 > li"):
        link = item.find("a")
        children = [(text(child), child["href"]) for child in item.select(".menu-level-2 a")]
        menu[text(link)] = (link["href"], children)
    return menu


def menu_titles(page):
    return {title: [child for child, _url in children] for title, (_url, children) in main_menu(page).items()}


def account_links(page):
    return {text(link): link["href"] for link in page.select(".account-links a")}


def footer_links(page):
    return {text(link): link["href"] for link in page.select(".site-footer a")}


# --- Header ------------------------------------------------------------------------------------


def test_header_shows_today_written_out(client, demo):
    with translation.override("en"):
        today = dateformat.format(timezone.localdate(), "l j E Y")
    assert text(fetch(client, "/en/").select_one(".site-header .today")) == today
    assert today.split()[0] in {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def test_anonymous_reader_gets_registration_login_and_password_links(client, demo):
    assert account_links(fetch(client, "/en/")) == {
        "Registration": "/en/accounts/signup/",
        "Login": "/en/accounts/login/",
        "Forgot password": "/en/accounts/password/reset/",
    }


@pytest.mark.parametrize(
    "url", ["/en/accounts/signup/", "/en/accounts/login/", "/en/accounts/password/reset/"]
)
def test_account_pages_open(client, demo, url):
    fetch(client, url)


@pytest.mark.parametrize(
    "names, shown",
    [(("Anna", "Petrova"), "Anna Petrova"), (("", ""), "anna@example.com")],
    ids=["full name", "email when no name"],
)
def test_logged_in_member_sees_their_name_and_logout(client, demo, names, shown):
    first, last = names
    user = UserFactory(username="anna", email="anna@example.com", first_name=first, last_name=last)
    client.force_login(user)
    page = fetch(client, "/en/")
    assert text(page.select_one(".account-links .member-name")) == shown
    logout = page.select_one(".account-links form")
    assert logout["action"] == "/en/accounts/logout/"
    assert logout["method"] == "post"
    assert text(logout.find("button")) == "Logout"
    assert account_links(page) == {shown: "/en/accounts/"}


def test_logout_button_logs_the_member_out(client, demo, reader):
    client.force_login(reader)
    client.post("/en/accounts/logout/")
    assert "Login" in account_links(fetch(client, "/en/"))


def test_search_box_and_advanced_search_link(client, demo):
    page = fetch(client, "/en/")
    form = page.select_one(".site-header form[role=search]")
    assert form["action"] == "/en/search/"
    assert form.get("method", "get").lower() == "get"
    assert form.select_one("input[name=q]")
    advanced = page.find("a", string="Advanced Search")
    assert advanced["href"] == "/en/search/"
    results = fetch(client, "/en/search/?q=geopolitics")
    assert text(results.find("h1")) == "Advanced Search"
    assert results.select_one(".advanced-search-form input[name=q]")["value"] == "geopolitics"
    assert results.select_one(".result-count")


# --- Main menu --------------------------------------------------------------------------------


def test_main_menu_has_the_sections_and_their_pages(client, demo):
    assert menu_titles(fetch(client, "/en/")) == SUB_MENUS
    assert list(menu_titles(fetch(client, "/en/"))) == MAIN_MENU


def test_menu_is_the_same_on_inner_pages(client, demo):
    assert menu_titles(fetch(client, "/en/context/news/")) == SUB_MENUS


def test_current_section_is_marked_in_the_menu(client, demo):
    page = fetch(client, "/en/context/maps/")
    active = page.select(".main-menu .menu-level-1 > li.active > a")
    assert [text(link) for link in active] == ["Context"]
    assert text(page.select_one(".main-menu a[aria-current=page]")) == "Maps"


def test_each_page_marks_its_own_section_and_entry_though_the_menu_is_rendered_once(client, demo):
    def marked(url):
        page = fetch(client, url)
        active = [text(link) for link in page.select(".main-menu .menu-level-1 > li.active > a")]
        current = [text(link) for link in page.select(".main-menu a[aria-current=page]")]
        return active, current

    for _again in range(2):  # the second round is served from the menus already rendered
        assert marked("/en/context/maps/") == (["Context"], ["Maps"])
        assert marked("/en/context/news/") == (["Context"], ["News"])
        assert marked("/en/context/news/?page=2") == (["Context"], ["News"])
        assert marked("/en/") == ([], [])


def followed(client, url):
    response = client.get(url, follow=True)
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    return response.status_code, urlsplit(final).path


def test_every_menu_and_footer_link_answers(client, demo):
    page = fetch(client, "/en/")
    links = {title: url for title, (url, children) in main_menu(page).items()}
    for _title, (_url, children) in main_menu(page).items():
        links.update(children)
    links.update(footer_links(page))
    assert len(links) == len(MAIN_MENU) + sum(map(len, SUB_MENUS.values())) + 4

    answers = {title: followed(client, url) for title, url in links.items()}
    assert answers["Members Area"] == (200, LOGIN_PATH)
    assert answers["Registration"] == (200, "/en/accounts/signup/")
    assert {title: status for title, (status, _path) in answers.items() if status != 200} == {}


def test_forum_menu_leads_to_debates_in_progress_and_the_archive(client, demo):
    forum = dict(main_menu(fetch(client, "/en/"))["Forum"][1])
    assert forum["In progress"] == "/en/forum/"
    assert forum["Archive"] == "/en/forum/archive/"
    assert text(fetch(client, forum["In progress"]).select_one("#debates-heading")) == "Debates in progress"
    assert text(fetch(client, forum["Archive"]).select_one("#debates-heading")) == "Closed debates"


def test_russian_forum_menu_has_its_own_entries(client, demo):
    forum = dict(main_menu(fetch(client, "/ru/"))["Форум"][1])
    assert forum["Идёт обсуждение"] == "/ru/forum/"
    assert forum["Архив"] == "/ru/forum/archive/"


def test_signed_in_member_sees_no_registration_in_the_forum_menu(client, demo, member):
    assert "Registration" in menu_titles(fetch(client, "/en/"))["Forum"]
    client.force_login(member)
    titles = menu_titles(fetch(client, "/en/forum/"))
    assert titles["Forum"] == ["In progress", "Archive", "Terms & Rules", "Help"]
    client.logout()
    assert "Registration" in menu_titles(fetch(client, "/en/forum/"))["Forum"]


# --- Footer -----------------------------------------------------------------------------------


def test_footer_shows_copyright_and_legal_links(client, demo):
    page = fetch(client, "/en/")
    footer = page.select_one(".site-footer")
    assert f"© 2001–{timezone.localdate().year}" in text(footer)
    home = demo["home"]
    assert footer_links(page) == {
        "Terms and Conditions": home.terms_page.url,
        "Privacy Policy": home.privacy_page.url,
        "Contact us": page_at(home, "about/contact-us/").url,
        "RSS feeds": "/en/feeds/",
    }


def test_footer_follows_the_home_page_settings(client, demo):
    home = demo["home"]
    fetch(client, "/en/")  # menus and footer are now cached
    home.privacy_page = None
    home.save_revision().publish()
    assert "Privacy Policy" not in footer_links(fetch(client, "/en/"))


# --- Menus follow the page tree (and the cache notices) ---------------------------------------


def test_unpublished_section_leaves_the_menu(client, demo):
    assert "EGF Shop" in menu_titles(fetch(client, "/en/"))
    page_at(demo["home"], "egf-shop/").unpublish()
    assert "EGF Shop" not in menu_titles(fetch(client, "/en/"))


def test_page_hidden_from_menus_leaves_the_menu(client, demo):
    assert "Maps" in menu_titles(fetch(client, "/en/"))["Context"]
    maps = page_at(demo["home"], "context/maps/")
    maps.show_in_menus = False
    maps.save_revision().publish()
    titles = menu_titles(fetch(client, "/en/"))
    assert "Maps" not in titles["Context"]
    assert titles["Context"] == [title for title in SUB_MENUS["Context"] if title != "Maps"]


def test_newly_published_page_joins_the_menu(client, demo):
    fetch(client, "/en/")
    about = page_at(demo["home"], "about/")
    page = StandardPageFactory(parent=about, title="Our history", live=False, show_in_menus=True)
    assert "Our history" not in menu_titles(fetch(client, "/en/"))["About"]  # a draft is not in the menu
    page.save_revision().publish()
    assert menu_titles(fetch(client, "/en/"))["About"][-1] == "Our history"


def test_moved_page_moves_in_the_menu(client, demo):
    fetch(client, "/en/")
    help_page = page_at(demo["home"], "forum/help/")
    help_page.move(page_at(demo["home"], "about/"), pos="last-child")
    titles = menu_titles(fetch(client, "/en/"))
    assert "Help" not in titles["Forum"]
    assert titles["About"][-1] == "Help"
