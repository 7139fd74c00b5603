"""Moderating forum posts in the Wagtail admin: who reaches the listing, its filters and bulk decisions."""

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
    return [text(row.select_one("td.field-excerpt .title-wrapper")) for row in rows(soup)]


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
    pending_only = fetch(moderator_client, LISTING_URL, {"status__exact": "pending"})
    assert sorted(excerpts(pending_only)) == sorted(post.body for post in pending)

    first_topic = fetch(
        moderator_client, LISTING_URL, {"status__exact": "pending", "topic__id__exact": topics[0].pk}
    )
    assert sorted(excerpts(first_topic)) == ["Pending about grain.", "Pending about ports."]

    by_author = fetch(moderator_client, LISTING_URL, {"author__id__exact": member.pk})
    assert sorted(excerpts(by_author)) == sorted(post.body for post in pending)

    found = fetch(moderator_client, LISTING_URL, {"q": "corridors"})
    assert excerpts(found) == ["Pending about corridors."]

    filters = text(pending_only.select_one(".changelist-filter"))
    assert topics[0].title in filters and "ada" in filters


def test_former_members_are_named_so_in_the_listing(moderator_client, member, pending):
    member.delete()
    row = next(
        row for row in rows(fetch(moderator_client, LISTING_URL)) if "Pending about grain." in text(row)
    )
    assert text(row.select_one("td.field-author_or_former_member")) == "former member"


def test_bulk_approve_publishes_posts_says_how_many_and_moves_the_debate_up(
    client, moderator_client, moderator, topics, pending
):
    listing = fetch(moderator_client, LISTING_URL, {"status__exact": "pending"})
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
    assert response.redirect_chain[-1][0] == f"{LISTING_URL}?status__exact=pending"

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
    assert moderator_client.get(f"{LISTING_URL}create/").status_code in (302, 403)
