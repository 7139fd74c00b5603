"""Moderating forum posts in the Wagtail admin: who reaches the listing, its filters and bulk decisions."""

import json
import re

import pytest
from django.test import Client
from wagtail.models import Locale

from forum.models import ForumTopicPage, TopicStatus
from forum.posts import ForumPost, PostStatus
from tests.html import fetch, html, text
from tests.sign_in import sign_in_staff

LISTING_URL = "/admin/forum/forumpost/"
MODERATE_URL = "/admin/forum/posts/moderate/"


def rows(soup):
    return soup.select("table.listing tbody tr")


def excerpts(soup):
    return [text(row.select_one("td.title .title-wrapper")) for row in rows(soup)]


def admin_messages(soup):
    return [text(message) for message in soup.select(".messages li")]


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    sign_in_staff(client, moderator)
    return client


@pytest.fixture
def topics(demo):
    english = ForumTopicPage.objects.filter(locale=Locale.get_default(), status=TopicStatus.OPEN).order_by(
        "pk"
    )
    return list(english[:2])


@pytest.fixture
def pending(topics, member):
    return [
        ForumPost.objects.create(topic=topics[0], author=member, body="Pending about grain."),
        ForumPost.objects.create(topic=topics[0], author=member, body="Pending about ports."),
        ForumPost.objects.create(topic=topics[1], author=member, body="Pending about corridors."),
    ]


def test_moderators_reach_the_listing_and_members_do_not(client, moderator_client, member, pending):
    page = fetch(moderator_client, LISTING_URL)
    assert {"Pending about grain.", "Pending about ports."} <= set(excerpts(page))
    headers = [text(header) for header in page.select("table.listing thead th")]
    assert headers == ["Select", "Excerpt", "Debate", "Author", "Status", "Created"]

    client.force_login(member)
    response = client.get(LISTING_URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.post(MODERATE_URL, {"action": "approve", "post": [pending[0].pk]}).status_code == 302
    pending[0].refresh_from_db()
    assert pending[0].status == PostStatus.PENDING


def test_listing_filters_by_status_topic_and_author_and_searches_bodies(
    moderator_client, topics, member, pending
):
    pending_only = fetch(moderator_client, LISTING_URL, {"status": "pending"})
    assert sorted(excerpts(pending_only)) == sorted(post.body for post in pending)

    first_topic = fetch(moderator_client, LISTING_URL, {"status": "pending", "topic": topics[0].pk})
    assert sorted(excerpts(first_topic)) == ["Pending about grain.", "Pending about ports."]

    by_author = fetch(moderator_client, LISTING_URL, {"author": member.pk})
    assert sorted(excerpts(by_author)) == sorted(post.body for post in pending)

    found = fetch(moderator_client, LISTING_URL, {"q": "corridors"})
    assert excerpts(found) == ["Pending about corridors."]

    filters = text(pending_only.select_one("form[data-search-form]"))
    assert topics[0].title in filters and "ada" in filters


def test_former_members_are_named_so_in_the_listing(moderator_client, member, pending):
    member.delete()
    row = next(
        row for row in rows(fetch(moderator_client, LISTING_URL)) if "Pending about grain." in text(row)
    )
    assert text(row.select_one("td.field-author")) == "former member"


def test_bulk_approve_publishes_posts_says_how_many_and_moves_the_debate_up(
    client, moderator_client, moderator, topics, pending
):
    listing = fetch(moderator_client, LISTING_URL, {"status": "pending"})
    form = listing.select_one("form#bulk-moderation")
    chosen = [box["value"] for box in listing.select('input[name=post][form="bulk-moderation"]')][:3]
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = moderator_client.post(
        form["action"],
        {
            "csrfmiddlewaretoken": token,
            "next": form.find("input", attrs={"name": "next"})["value"],
            "post": chosen,
            "action": "approve",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "3 posts approved." in admin_messages(html(response))
    assert response.redirect_chain[-1][0] == f"{LISTING_URL}?status=pending"

    for post in pending:
        post.refresh_from_db()
        assert (post.status, post.moderated_by) == (PostStatus.APPROVED, moderator)
    assert "Pending about grain." in text(fetch(client, topics[0].url).select_one(".forum-posts"))
    topics[1].refresh_from_db()
    assert topics[1].last_activity == pending[2].moderated_at
    russian = ForumTopicPage.objects.get(
        translation_key=topics[1].translation_key, locale__language_code="ru"
    )
    assert russian.last_activity == pending[2].moderated_at


@pytest.mark.parametrize(
    "action, status, word",
    [("reject", PostStatus.REJECTED, "rejected"), ("hide", PostStatus.HIDDEN, "hidden")],
)
def test_reject_and_hide_take_posts_off_the_site(
    client, moderator_client, topics, pending, action, status, word
):
    ForumPost.objects.filter(pk=pending[0].pk).update(status=PostStatus.APPROVED)
    response = moderator_client.post(
        MODERATE_URL, {"post": [pending[0].pk, pending[1].pk], "action": action}, follow=True
    )
    assert f"2 posts {word}." in admin_messages(html(response))
    assert {post.status for post in ForumPost.objects.filter(pk__in=[pending[0].pk, pending[1].pk])} == {
        status
    }
    assert "Pending about grain." not in text(fetch(client, topics[0].url).select_one(".forum-posts"))


def test_bulk_action_without_a_choice_explains_what_to_do(moderator_client, pending):
    response = moderator_client.post(MODERATE_URL, {"action": "approve"}, follow=True)
    assert any("Tick at least one post" in message for message in admin_messages(html(response)))
    response = moderator_client.post(
        MODERATE_URL, {"post": [pending[0].pk], "action": "approve"}, follow=True
    )
    response = moderator_client.post(
        MODERATE_URL, {"post": [pending[0].pk], "action": "approve"}, follow=True
    )
    assert "0 posts approved (1 post already approved)." in admin_messages(html(response))


def test_moderators_change_a_status_in_the_edit_form(moderator_client, moderator, topics, pending):
    post = pending[2]
    edit_url = f"{LISTING_URL}edit/{post.pk}/"
    assert fetch(moderator_client, edit_url).select_one("textarea[name=body]") is not None
    response = moderator_client.post(edit_url, {"status": "approved", "body": post.body})
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.status, post.moderated_by) == (PostStatus.APPROVED, moderator)
    topics[1].refresh_from_db()
    assert topics[1].last_activity == post.moderated_at
    assert moderator_client.get(f"{LISTING_URL}new/").status_code in (302, 403)


# --- Opening on what waits, names, and the authors told of decisions -------------------------------


def status_cells(soup):
    return [text(row.select_one("td.field-status")) for row in rows(soup)]


def test_listing_opens_on_posts_awaiting_moderation_with_sentence_labels(moderator_client, pending):
    ForumPost.objects.filter(pk=pending[0].pk).update(status=PostStatus.APPROVED)
    first = fetch(moderator_client, LISTING_URL)
    assert sorted(excerpts(first)) == ["Pending about corridors.", "Pending about ports."]
    assert set(status_cells(first)) == {"Awaiting moderation"}

    every = fetch(moderator_client, LISTING_URL, {"status": "any"})
    assert "Pending about grain." in excerpts(every)
    assert set(status_cells(every)) == {"Awaiting moderation", "Approved"}
    offered = [text(label) for label in first.select("#drilldown-id_status label[for]")]
    assert offered == ["Any status", "Awaiting moderation", "Approved", "Rejected", "Hidden"]


def test_author_filter_names_authors_as_the_author_column_does(moderator_client, member, pending):
    member.first_name, member.last_name = "Ada", "Lovelace"
    member.save()
    page = fetch(moderator_client, LISTING_URL)
    column = {text(row.select_one("td.field-author")) for row in rows(page)}
    offered = [text(option) for option in page.select("select[name=author] option") if option["value"]]
    # The same name as in the column (other debates' authors are offered too), never the username.
    assert column == {"Ada Lovelace"} and "Ada Lovelace" in offered and "ada" not in offered


def test_a_header_checkbox_ticks_every_post_of_the_page(moderator_client, pending):
    page = fetch(moderator_client, LISTING_URL)
    header = page.select_one("table.listing thead input[type=checkbox][data-select-all=post]")
    assert header is not None and header["aria-label"] == "Select all posts on this page"
    assert page.find("script", src=lambda src: src and src.endswith("forum/admin/select_all.js")) is not None


def test_the_menu_counts_posts_awaiting_moderation_in_fixed_queries(moderator_client, pending):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def menu_label():
        moderator_client.get("/admin/")  # caches warm, as on any later page
        with CaptureQueriesContext(connection) as queries:
            response = moderator_client.get("/admin/")
        props = json.loads(html(response).find(id="wagtail-sidebar-props").string)
        labels = re.findall(r'"label": "(Forum posts[^"]*)"', json.dumps(props))
        return labels, len(queries)

    labels, queries_with_three = menu_label()
    assert labels == ["Forum posts (3)"]
    ForumPost.objects.filter(pk=pending[0].pk).update(status=PostStatus.APPROVED)
    labels, queries_with_two = menu_label()
    assert labels == ["Forum posts (2)"] and queries_with_two == queries_with_three
    ForumPost.objects.update(status=PostStatus.APPROVED)
    assert menu_label()[0] == ["Forum posts"]


@pytest.mark.parametrize(
    "action, language, subject, opening",
    [
        ("approve", "ru", "[EGF] Ваш ответ опубликован", "одобрен"),
        ("reject", "ru", "[EGF] Ваш ответ не опубликован", "решил не публиковать"),
        ("approve", "en", "[EGF] Your reply is published", "has been approved"),
        ("reject", "en", "[EGF] Your reply was not published", "decided not to publish"),
    ],
)
def test_authors_are_told_of_the_decision_in_their_language_with_the_reason(
    moderator_client, member, pending, action, language, subject, opening
):
    from django.core import mail

    from accounts.models import MemberProfile

    MemberProfile.objects.update_or_create(user=member, defaults={"language": language})
    mail.outbox.clear()
    response = moderator_client.post(
        MODERATE_URL, {"post": [pending[0].pk], "action": action, "reason": "Please cite a source."}
    )
    assert response.status_code == 302
    [notice] = [message for message in mail.outbox if message.to == [member.email]]
    assert notice.subject == subject
    assert opening in notice.body and pending[0].topic.title in notice.body
    assert "Please cite a source." in notice.body and "Pending about grain." in notice.body


def test_hiding_a_post_sends_nothing_and_the_edit_form_tells_the_author(moderator_client, member, pending):
    from django.core import mail

    mail.outbox.clear()
    moderator_client.post(MODERATE_URL, {"post": [pending[0].pk], "action": "hide"})
    assert [message for message in mail.outbox if message.to == [member.email]] == []

    post = pending[1]
    edit_url = f"{LISTING_URL}edit/{post.pk}/"
    response = moderator_client.post(
        edit_url, {"status": "rejected", "reason": "Off topic for this debate.", "body": post.body}
    )
    assert response.status_code == 302
    [notice] = [message for message in mail.outbox if message.to == [member.email]]
    assert "Off topic for this debate." in notice.body
    post.refresh_from_db()
    assert post.status == PostStatus.REJECTED
