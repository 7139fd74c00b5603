"""A view restriction set in the admin holds at once, in every language, in search and in the page cache.

"No worker" here is the database task queue left unprocessed, as when the worker is down: nothing a
restriction hides may wait for it.
"""

import re
from pathlib import Path

import pytest
import wagtail.admin
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from accounts.membership import MEMBERS_GROUP
from pages.models import ArticleKind, ArticlePage
from search.entries import sync_documents
from search.models import SearchEntry
from tests.html import fetch
from tests.search_support import refresh_engine
from tests.test_search import section

QUEUE_ONLY = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def no_worker(settings):
    settings.TASKS = QUEUE_ONLY


def newest_article(section_page):
    return ArticlePage.objects.child_of(section_page).live().order_by("-date", "-pk").first()


def set_privacy(client, page, restriction_type, django_capture_on_commit_callbacks):
    """What an editor does in the page's privacy dialog."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
            {"restriction_type": restriction_type, "password": "", "groups": []},
        )
    assert response.status_code == 200
    assert '"step": "set_privacy_done"' in response.content.decode()


def found_urls(client, language, words):
    """The addresses of the search results (titles are shown with the words marked)."""
    refresh_engine()
    soup = fetch(client, f"/{language}/search/", {"q": words})
    return [link["href"] for link in soup.select(".search-result h2 a")]


def suggested_titles(client, language, words):
    response = client.get(f"/{language}/search/suggest/", {"q": words})
    assert response.status_code == 200
    return [suggestion["title"] for suggestion in response.json()["suggestions"]]


@pytest.fixture
def reviews(demo):
    english = section(demo, ArticleKind.REVIEW, "en")
    russian = section(demo, ArticleKind.REVIEW, "ru")
    return english, russian, newest_article(english), newest_article(russian)


def test_a_restriction_set_in_english_closes_the_russian_section_everywhere_at_once(
    client, admin_client, reviews, no_worker, django_capture_on_commit_callbacks
):
    english, russian, english_review, russian_review = reviews
    assert client.get(russian_review.url).status_code == 200
    assert russian_review.url in found_urls(client, "ru", russian_review.title)
    assert russian_review.title in suggested_titles(client, "ru", russian_review.title[:12])

    set_privacy(admin_client, english, PageViewRestriction.LOGIN, django_capture_on_commit_callbacks)

    restriction = PageViewRestriction.objects.get(page=russian)
    assert restriction.restriction_type == PageViewRestriction.LOGIN
    for page in (english, russian, english_review, russian_review):
        response = client.get(page.url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page.url
    assert russian_review.url not in found_urls(client, "ru", russian_review.title)
    assert english_review.url not in found_urls(client, "en", english_review.title)
    assert russian_review.title not in suggested_titles(client, "ru", russian_review.title[:12])
    sitemap = client.get("/sitemap.xml").content.decode()
    assert russian_review.url not in sitemap and english_review.url not in sitemap
    for language, review in (("en", english_review), ("ru", russian_review)):
        feed = client.get(f"/{language}/feeds/rss/").content.decode()
        assert review.title not in feed, language


def test_opening_the_russian_version_opens_the_english_one_and_search_follows_on_the_worker(
    client, admin_client, reviews, django_capture_on_commit_callbacks
):
    english, russian, english_review, _russian_review = reviews
    set_privacy(admin_client, russian, PageViewRestriction.LOGIN, django_capture_on_commit_callbacks)
    assert client.get(english_review.url).status_code == 302

    set_privacy(admin_client, russian, PageViewRestriction.NONE, django_capture_on_commit_callbacks)

    assert not PageViewRestriction.objects.filter(page__in=[english, russian]).exists()
    assert client.get(english_review.url).status_code == 200
    # The tests' tasks run at once: the worker has put the entries back.
    assert english_review.url in found_urls(client, "en", english_review.title)


def test_a_group_restriction_is_copied_with_its_groups(
    admin_client, reviews, django_capture_on_commit_callbacks
):
    english, russian, *_ = reviews
    members, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[english.pk]),
            {"restriction_type": PageViewRestriction.GROUPS, "groups": [members.pk]},
        )
    copied = PageViewRestriction.objects.get(page=russian)
    assert copied.restriction_type == PageViewRestriction.GROUPS
    assert list(copied.groups.all()) == [members]


def test_deleting_a_restricted_page_leaves_its_translation_restricted(
    reviews, django_capture_on_commit_callbacks
):
    english, russian, english_review, russian_review = reviews
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=english_review, restriction_type=PageViewRestriction.LOGIN)
    assert PageViewRestriction.objects.filter(page=russian_review).exists()
    with django_capture_on_commit_callbacks(execute=True):
        english_review.delete()
    assert PageViewRestriction.objects.filter(page=russian_review).exists()


def test_the_privacy_dialog_says_the_choice_holds_in_every_language(admin_client, reviews):
    english, *_ = reviews
    response = admin_client.get(reverse("wagtailadmin_pages:set_privacy", args=[english.pk]))
    assert response.status_code == 200
    html = response.json()["html"]
    assert "applies to this page in every language" in html
    assert 'name="restriction_type"' in html and 'name="groups"' in html

    root = Collection.get_first_root_node()
    response = admin_client.get(reverse("wagtailadmin_collections:set_privacy", args=[root.pk]))
    assert "every language" not in response.json()["html"]


def test_the_privacy_dialog_override_still_matches_wagtails(admin_client):
    """site/templates/wagtailadmin/shared/set_privacy.html is Wagtail's dialog plus one note: if Wagtail
    changes its own, this fails so that the copy is brought in line (or the note moved)."""
    ours = Path("site/templates/wagtailadmin/shared/set_privacy.html").read_text()
    theirs = (
        Path(wagtail.admin.__file__).parent / "templates/wagtailadmin/shared/set_privacy.html"
    ).read_text()
    ours = re.sub(r"\{#.*?#\}\n", "", ours)
    ours = re.sub(r"\s*\{% if object\.translation_key %\}.*?\{% endif %\}", "", ours, flags=re.S)
    assert ours.split() == theirs.split(), (
        "Wagtail's privacy dialog (wagtailadmin/shared/set_privacy.html) changed: update the project's "
        "copy in site/templates/wagtailadmin/shared/ to match it, keeping the every-language note."
    )


def test_a_restricted_collection_leaves_search_at_once_with_the_collections_below_it(
    client, admin_client, demo, no_worker, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    reports = root.add_child(name="Briefing papers")
    annexes = reports.add_child(name="Annexes")
    document = get_document_model().objects.create(title="Annex on pipeline tariffs", collection=annexes)
    sync_documents([document.pk])
    assert document.url in found_urls(client, "en", "pipeline tariffs annex")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_collections:set_privacy", args=[reports.pk]),
            {"restriction_type": CollectionViewRestriction.LOGIN, "password": "", "groups": []},
        )
    assert response.status_code == 200
    assert not SearchEntry.objects.filter(document=document).exists()
    assert document.url not in found_urls(client, "en", "pipeline tariffs annex")
    # And the worker, when it runs, keeps it out.
    sync_documents([document.pk])
    assert not SearchEntry.objects.filter(document=document).exists()


def test_a_restriction_made_outside_the_admin_also_takes_its_pages_out_of_search_at_once(
    client, reviews, no_worker
):
    english, _russian, english_review, _ = reviews
    PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.PASSWORD, password="a shared secret"
    )
    assert english_review.url not in found_urls(client, "en", english_review.title)
