"""Editors choose regions, topics and experts in the page's own language, and add articles in the
source language only (translations come through Translate)."""

from html import unescape
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale

from experts.models import ExpertIndexPage, ExpertPage
from pages.models import ArticleIndexPage, ArticleKind, ArticlePage, Region
from tests.html import fetch, text


@pytest.fixture
def news(demo):
    return demo["sections"][ArticleKind.NEWS]


def checkbox_labels(soup, name):
    return {text(box.find_parent("label")) for box in soup.select(f"input[type=checkbox][name={name}]")}


def test_regions_and_topics_are_checkboxes_of_the_pages_language(admin_client, news, russian):
    add = fetch(admin_client, reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk]))

    english_regions = set(Region.objects.filter(locale=Locale.get_default()).values_list("name", flat=True))
    assert checkbox_labels(add, "regions") == english_regions
    assert not checkbox_labels(add, "regions") & set(
        Region.objects.filter(locale=russian).exclude(name__in=english_regions).values_list("name", flat=True)
    )
    assert checkbox_labels(add, "topics")


def post_article(admin_client, news, regions, experts=()):
    authors = {}
    for number, expert in enumerate(experts):
        authors.update(
            {
                f"authors-{number}-expert": expert.pk,
                f"authors-{number}-id": "",
                f"authors-{number}-ORDER": number + 1,
                f"authors-{number}-DELETE": "",
            }
        )
    return admin_client.post(
        reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk]),
        {
            "title": "Tagged in two languages",
            "slug": "tagged-in-two-languages",
            "date": "2025-03-12",
            "summary": "A summary.",
            "regions": [region.pk for region in regions],
            "authors-TOTAL_FORMS": str(len(experts)),
            "authors-INITIAL_FORMS": "0",
            "authors-MIN_NUM_FORMS": "0",
            "authors-MAX_NUM_FORMS": "1000",
            "body-count": "0",
            **authors,
        },
    )


def test_a_term_of_another_language_is_refused_by_name(admin_client, demo, news, russian):
    caucasus = Region.objects.filter(locale=russian).first()

    response = post_article(admin_client, news, [demo["regions"][0], caucasus])

    assert response.status_code == 200
    page = response.content.decode()
    assert f"“{caucasus.name}” (Русский) belongs to another language; choose regions in English." in page
    assert not ArticlePage.objects.filter(slug="tagged-in-two-languages").exists()


def test_english_terms_are_saved(admin_client, demo, news):
    response = post_article(admin_client, news, demo["regions"][:2])

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="tagged-in-two-languages")
    assert set(article.get_latest_revision_as_object().regions.all()) == set(demo["regions"][:2])


def test_the_expert_chooser_opens_on_the_experts_of_the_pages_language(admin_client, news, russian):
    add = fetch(admin_client, reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk]))
    chooser_url = reverse("experts_chooser", args=["en"])
    assert chooser_url in add.decode()

    modal = admin_client.get(chooser_url, {"page_type": "experts.expertpage"})
    assert modal.status_code == 200
    listed = modal.json()["html"]
    english_experts = ExpertIndexPage.objects.get(locale=Locale.get_default()).get_children()
    russian_experts = ExpertIndexPage.objects.get(locale=russian).get_children()
    assert all(f'data-id="{expert.pk}"' in listed for expert in english_experts)
    assert not any(f'data-id="{expert.pk}"' in listed for expert in russian_experts)


def an_expert_in_both_languages(russian):
    """An English expert profile and its Russian translation, which carries the same name."""
    english = ExpertPage.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    russian_profile = english.get_translation(russian)
    assert russian_profile.title == english.title
    return english, russian_profile


def chooser_search(admin_client, language, query):
    """The chooser's search as its modal sends it: to the address of the modal's search form."""
    modal = admin_client.get(reverse("experts_chooser", args=[language]), {"page_type": "experts.expertpage"})
    action = BeautifulSoup(modal.json()["html"], "html.parser").select_one("form.search-form")["action"]
    # The modal's script adds the words to the action's own parameters.
    separator = "&" if "?" in action else "?"
    response = admin_client.get(f"{action}{separator}{urlencode({'q': query})}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_expert_chooser_finds_only_the_experts_of_the_pages_language(admin_client, russian):
    english, russian_profile = an_expert_in_both_languages(russian)

    found_in_english = chooser_search(admin_client, "en", english.title)
    found_in_russian = chooser_search(admin_client, "ru", english.title)

    assert f'data-id="{english.pk}"' in found_in_english
    assert f'data-id="{russian_profile.pk}"' not in found_in_english
    assert f'data-id="{russian_profile.pk}"' in found_in_russian
    assert f'data-id="{english.pk}"' not in found_in_russian


def test_the_expert_choosers_language_switch_lists_no_expert_of_the_other_language(admin_client, russian):
    _english, russian_profile = an_expert_in_both_languages(russian)
    modal = admin_client.get(reverse("experts_chooser", args=["en"]), {"page_type": "experts.expertpage"})
    switch = BeautifulSoup(modal.json()["html"], "html.parser").select("[data-locale-selector-link]")
    assert switch, "the modal offers the Russian section"

    other = admin_client.get(switch[0]["href"])

    assert other.status_code == 200
    assert 'class="choose-page"' not in other.json()["html"]
    assert f'data-id="{russian_profile.pk}"' not in other.json()["html"]


def test_an_expert_of_another_language_is_refused_by_name(admin_client, news, russian):
    english, russian_profile = an_expert_in_both_languages(russian)

    response = post_article(admin_client, news, [], experts=[english, russian_profile])

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f"“{russian_profile.title}” (Русский) belongs to another language; choose experts in English." in page
    )
    assert not ArticlePage.objects.filter(slug="tagged-in-two-languages").exists()


def test_an_expert_of_the_pages_language_is_saved(admin_client, news, russian):
    english, _russian_profile = an_expert_in_both_languages(russian)

    response = post_article(admin_client, news, [], experts=[english])

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="tagged-in-two-languages")
    assert [link.expert for link in article.get_latest_revision_as_object().authors.all()] == [english]


def test_a_russian_page_opens_the_russian_experts(admin_client, russian):
    assert admin_client.get(reverse("experts_chooser", args=["ru"])).status_code == 200
    assert admin_client.get(reverse("experts_chooser", args=["xx"]), follow=True).status_code == 404


def test_articles_are_added_in_english_sections_only(admin_client, news, russian):
    russian_news = ArticleIndexPage.objects.get(pk=news.get_translation(russian).pk)

    english_add = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[news.pk]))
    russian_add = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["pages", "articlepage", russian_news.pk])
    )

    # An article section takes articles only, so Wagtail goes straight to the article form.
    assert english_add.url == reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk])
    assert russian_add.status_code == 302 and "articlepage" not in russian_add.url
    assert ArticlePage.can_create_at(news)
    assert not ArticlePage.can_create_at(russian_news)


def test_add_from_the_articles_listing_refuses_a_russian_section(admin_client, news, russian):
    russian_news = news.get_translation(russian)
    choose_parent = reverse("articles:choose_parent")

    refused = admin_client.post(choose_parent, {"parent_page": russian_news.pk})
    accepted = admin_client.post(choose_parent, {"parent_page": news.pk})

    assert refused.status_code == 200
    assert f'create a page under "{russian_news.title}"' in unescape(refused.content.decode())
    assert accepted.status_code == 302
    assert accepted.url == reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk])
