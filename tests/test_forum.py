"""The Forum as readers, members and authors see it: debates in progress and archived, replies,
moderation before publication, editing within the time limit, and the same debate in Russian."""

import socket
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from forum.models import TOPICS_PAGE_SIZE, ForumTopicPage, TopicStatus
from forum.posts import FORUM_EDIT_MINUTES, POST_MAX_LENGTH, POSTS_PAGE_SIZE, ForumPost, PostStatus
from forum.replies import POSTS_PER_PERIOD
from tests.conftest import warm_query_count
from tests.factories import ForumTopicPageFactory, ModeratorFactory, TrustedMemberFactory
from tests.html import fetch, html, text

FORUM_URL = "/en/forum/"
ARCHIVE_URL = "/en/forum/archive/"
LOGIN_URL = "/en/accounts/login/"
SIGNUP_URL = "/en/accounts/signup/"


# --- helpers ----------------------------------------------------------------------------------------
def english(queryset):
    return queryset.filter(locale=Locale.get_default())


def topic_titles(soup):
    return [text(link) for link in soup.select(".forum-topic-item .listing-title a")]


def listing_order(forum, status):
    """Titles of the live debates of one status, newest activity (or first publication) first."""
    topics = english(ForumTopicPage.objects.live().child_of(forum).filter(status=status))
    return [
        topic.title
        for topic in sorted(
            topics, key=lambda t: (t.last_activity or t.first_published_at, t.pk), reverse=True
        )
    ]


def all_listing_titles(client, url):
    """Every debate title of a listing, following its Next links."""
    titles, page = [], fetch(client, url)
    while True:
        titles += topic_titles(page)
        next_link = page.select_one(".pagination a[rel=next]")
        if next_link is None:
            return titles
        page = fetch(client, url + next_link["href"])


def shown_posts(soup):
    return [text(body) for body in soup.select(".forum-post .post-body")]


def reply_form(soup):
    return soup.select_one(".forum-reply form[method=post]")


def send_reply(client, topic, body, **extra):
    """Fills in the reply form on the topic page and sends it with its CSRF token."""
    form = reply_form(fetch(client, topic.url))
    assert form is not None, "no reply form on the page"
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    return client.post(form["action"], {"body": body, "website": "", "csrfmiddlewaretoken": token, **extra})


def messages_of(soup):
    return [text(message) for message in soup.select(".messages .message")]


def browser_for(user=None):
    """A client that checks CSRF tokens like the real site, logged in as the user if one is given."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


# --- fixtures ---------------------------------------------------------------------------------------
@pytest.fixture
def topic(forum):
    """An open debate of the demo site (English)."""
    return (
        english(ForumTopicPage.objects.child_of(forum).filter(status=TopicStatus.OPEN)).order_by("pk").first()
    )


@pytest.fixture
def closed_topic(forum):
    return (
        english(ForumTopicPage.objects.child_of(forum).filter(status=TopicStatus.CLOSED))
        .order_by("pk")
        .first()
    )


@pytest.fixture
def trusted(db):
    return TrustedMemberFactory(username="grace")


# --- listings ---------------------------------------------------------------------------------------
def test_in_progress_lists_open_debates_and_archive_the_closed_ones(client, forum):
    in_progress = fetch(client, FORUM_URL)
    archive = fetch(client, ARCHIVE_URL)
    open_titles = listing_order(forum, TopicStatus.OPEN)
    closed_titles = listing_order(forum, TopicStatus.CLOSED)
    assert open_titles and closed_titles

    assert topic_titles(in_progress) == open_titles
    assert topic_titles(archive) == closed_titles
    assert in_progress.select_one(".forum-tabs [aria-current]").get_text(strip=True) == "In progress"
    assert archive.select_one(".forum-tabs [aria-current]").get_text(strip=True) == "Archive"
    assert in_progress.select_one(".forum-tabs a")["href"] == ARCHIVE_URL
    assert archive.select_one(".forum-tabs a")["href"] == FORUM_URL


def test_listing_rows_show_experts_and_reply_counts(client, forum):
    topic = english(ForumTopicPage.objects.child_of(forum).filter(status=TopicStatus.OPEN)).first()
    row = next(
        item
        for item in fetch(client, FORUM_URL).select(".forum-topic-item")
        if text(item.select_one(".listing-title")) == topic.title
    )
    approved = ForumPost.objects.filter(
        topic__translation_key=topic.translation_key, status=PostStatus.APPROVED
    )
    assert f"{approved.count()} replies" in text(row)
    for link in topic.invited_experts.all():
        assert link.expert.title in text(row)


def test_an_approved_reply_moves_its_debate_to_the_top(client, forum, member, moderator):
    last = listing_order(forum, TopicStatus.OPEN)[-1]
    topic = english(ForumTopicPage.objects.filter(title=last)).get()
    assert topic_titles(fetch(client, FORUM_URL))[0] != last

    ForumPost.objects.create(topic=topic, author=member, body="A late thought.")
    assert topic_titles(fetch(client, FORUM_URL))[-1] == last  # pending posts are no activity yet

    from forum.moderation import moderate

    moderate(ForumPost.objects.filter(topic=topic, status=PostStatus.PENDING), PostStatus.APPROVED, moderator)
    assert topic_titles(fetch(client, FORUM_URL))[0] == last


def test_debates_without_replies_sort_by_first_publication(client, forum):
    newer = ForumTopicPageFactory(
        parent=forum, title="Newer quiet debate", first_published_at=timezone.now() - timedelta(minutes=5)
    )
    older = ForumTopicPageFactory(
        parent=forum, title="Older quiet debate", first_published_at=timezone.now() - timedelta(days=1000)
    )
    titles = topic_titles(fetch(client, FORUM_URL))
    assert titles[0] == newer.title
    assert titles[-1] == older.title


def test_long_listings_are_paginated_without_losing_a_debate(client, forum):
    for number in range(TOPICS_PAGE_SIZE * 2):
        ForumTopicPageFactory(
            parent=forum,
            title=f"Extra debate {number}",
            first_published_at=timezone.now() - timedelta(days=500 + number),
        )
    first = fetch(client, FORUM_URL)
    assert len(topic_titles(first)) == TOPICS_PAGE_SIZE
    numbers = [item.get_text(strip=True) for item in first.select(".pagination li")]
    assert numbers[0] == "1" and numbers[-1] == "Next"

    assert all_listing_titles(client, FORUM_URL) == listing_order(forum, TopicStatus.OPEN)
    last_page = fetch(client, FORUM_URL, {"page": 99})  # out of range: the last page
    assert topic_titles(last_page)[-1] == listing_order(forum, TopicStatus.OPEN)[-1]


def test_empty_listings_say_so(client, forum):
    ForumTopicPage.objects.child_of(forum).update(status=TopicStatus.CLOSED)
    assert "No debates are open at the moment." in text(fetch(client, FORUM_URL).select_one(".empty-state"))
    ForumTopicPage.objects.child_of(forum).update(status=TopicStatus.OPEN)
    assert text(fetch(client, ARCHIVE_URL).select_one(".empty-state")) == "No debate has been closed yet."


def warm_query_counts(client, urls):
    return {url: warm_query_count(client, url) for url in urls}


def test_query_counts_do_not_grow_with_debates_or_replies(client, forum, topic, member, demo):
    urls = [FORUM_URL, ARCHIVE_URL, topic.url, topic.url.replace("/en/", "/ru/", 1)]
    small = warm_query_counts(client, urls)

    for number in range(TOPICS_PAGE_SIZE * 3):
        status = TopicStatus.OPEN if number % 2 else TopicStatus.CLOSED
        extra = ForumTopicPageFactory(
            parent=forum, title=f"Crowded debate {number}", status=status, experts=demo["experts"][:3]
        )
        ForumPost.objects.create(topic=extra, author=member, body="Agreed.", status=PostStatus.APPROVED)
    ForumPost.objects.bulk_create(
        ForumPost(topic=topic, author=member, body=f"Reply {number}", status=PostStatus.APPROVED)
        for number in range(POSTS_PAGE_SIZE * 3)
    )
    large = warm_query_counts(client, urls)

    assert large == small
    assert max(large.values()) <= 20, large


# --- reading a debate and who may reply -------------------------------------------------------------
def test_a_debate_shows_statement_experts_and_approved_replies(client, topic):
    page = fetch(client, topic.url)
    assert text(page.h1) == topic.title
    experts = [text(link) for link in page.select(".invited-experts li a")]
    assert experts == [link.expert.title for link in topic.invited_experts.all()]
    approved = ForumPost.objects.filter(topic=topic, status=PostStatus.APPROVED).order_by("created", "pk")
    assert approved.exists()
    assert shown_posts(page) == [" ".join(post.body.split()) for post in approved]


def test_anonymous_readers_are_invited_to_log_in_or_register(client, topic):
    page = fetch(client, topic.url)
    assert reply_form(page) is None
    invitation = page.select_one(".forum-reply")
    links = {text(link): link["href"] for link in invitation.select("a")}
    assert links == {"Log in": f"{LOGIN_URL}?next={quote(topic.url)}", "register": SIGNUP_URL}
    assert client.get(links["Log in"]).status_code == 200


def test_anonymous_reply_is_sent_to_the_login_page(client, topic):
    before = ForumPost.objects.count()
    response = client.post(topic.url + "reply/", {"body": "Hello"})
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={quote(topic.url)}"
    assert ForumPost.objects.count() == before


def test_users_outside_members_are_told_their_membership_is_not_active(reader, topic):
    client = browser_for(reader)
    page = fetch(client, topic.url)
    assert reply_form(page) is None
    assert "Your membership is not active yet." in text(page.select_one(".forum-reply"))

    before = ForumPost.objects.count()
    client = Client()
    client.force_login(reader)
    response = client.post(topic.url + "reply/", {"body": "Let me in"}, follow=True)
    assert any("membership is not active" in message for message in messages_of(html(response)))
    assert ForumPost.objects.count() == before


# --- posting ----------------------------------------------------------------------------------------
def test_a_members_reply_waits_for_moderation_and_only_the_author_sees_it(topic, member, moderator, settings):
    author = browser_for(member)
    response = send_reply(author, topic, "Corridors need insurers more than navies.")
    assert response.status_code == 302

    post = ForumPost.objects.get(author=member)
    assert (post.status, post.topic) == (PostStatus.PENDING, topic)
    page = fetch(author, response["Location"].split("#")[0])
    assert any("once a moderator has approved it" in message for message in messages_of(page))
    mine = page.select_one(f"#post-{post.pk}")
    assert "Corridors need insurers more than navies." in text(mine)
    assert "awaiting moderation" in text(mine)

    for reader in [Client(), browser_for(moderator)]:
        assert "Corridors need insurers" not in text(fetch(reader, topic.url).select_one(".forum-posts"))

    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["moderator@egf.example"]
    assert topic.title in notice.subject
    assert "Corridors need insurers more than navies." in notice.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/forum/forumpost/?status=pending" in notice.body


def test_without_reachable_moderators_the_office_is_notified(topic, member, settings):
    away = ModeratorFactory(username="away")
    away.is_active = False
    away.save()
    ModeratorFactory(username="nomail", email="")
    send_reply(browser_for(member), topic, "Who reads this?")
    assert [message.to for message in mail.outbox] == [[settings.CONTACT_EMAIL]]


def test_a_trusted_members_reply_is_published_at_once(client, topic, trusted, moderator):
    response = send_reply(browser_for(trusted), topic, "Published without waiting.")
    assert response.status_code == 302
    post = ForumPost.objects.get(author=trusted)
    assert post.status == PostStatus.APPROVED
    assert "Published without waiting." in shown_posts(fetch(client, topic.url))[-1]
    assert mail.outbox == []
    assert topic_titles(fetch(client, FORUM_URL))[0] == topic.title


def test_closed_debates_show_no_form_and_refuse_replies(closed_topic, member):
    author = browser_for(member)
    page = fetch(author, closed_topic.url)
    assert reply_form(page) is None
    assert "This debate is closed" in text(page.select_one(".forum-reply"))

    client = Client()
    client.force_login(member)
    response = client.post(closed_topic.url + "reply/", {"body": "Too late?"}, follow=True)
    assert response.status_code == 200
    assert any("This debate is closed" in message for message in messages_of(html(response)))
    assert not ForumPost.objects.filter(author=member).exists()


def test_a_flood_of_replies_is_stopped_with_a_message(topic, member):
    author = browser_for(member)
    for number in range(POSTS_PER_PERIOD):
        assert send_reply(author, topic, f"Point number {number}").status_code == 302
    response = send_reply(author, topic, "One point too many")
    assert response.status_code == 200
    form = reply_form(html(response))
    assert "several replies in a short time" in text(form.select_one(".form-errors"))
    assert form.find("textarea").get_text().strip() == "One point too many"
    assert ForumPost.objects.filter(author=member).count() == POSTS_PER_PERIOD


@pytest.mark.parametrize(
    "body, extra, error",
    [
        ("", {}, "Please write something before sending your reply."),
        ("   \n\n  ", {}, "Please write something before sending your reply."),
        (
            "x" * (POST_MAX_LENGTH + 1),
            {},
            f"at most {POST_MAX_LENGTH} characters, you wrote {POST_MAX_LENGTH + 1}",
        ),
        ("A reasonable reply.", {"website": "http://spam.example"}, "This form could not be sent."),
    ],
    ids=["empty", "blank lines", "too long", "honeypot"],
)
def test_bad_replies_come_back_with_the_error_and_the_text(topic, member, body, extra, error):
    response = send_reply(browser_for(member), topic, body, **extra)
    assert response.status_code == 200
    form = reply_form(html(response))
    assert error in text(form)
    if body.strip():
        assert form.find("textarea").get_text().strip() == body.strip()
    assert not ForumPost.objects.filter(author=member).exists()
    assert mail.outbox == []


def test_markup_in_a_reply_is_shown_as_text_and_links_are_marked_as_user_written(client, topic, trusted):
    payload = (
        '<script>alert("x")</script> <b onclick="steal()">bold</b>\n\nSee https://egf.example/report now.'
    )
    send_reply(browser_for(trusted), topic, payload)
    post = ForumPost.objects.get(author=trusted)
    assert post.body == payload  # stored as written

    shown = fetch(client, topic.url).select_one(f"#post-{post.pk} .post-body")
    assert shown.find("script") is None and shown.find("b") is None
    assert '<script>alert("x")</script>' in text(shown)
    assert len(shown.find_all("p")) == 2
    link = shown.find("a")
    assert link["href"] == "https://egf.example/report"
    assert link["rel"] == ["nofollow", "ugc"]


# --- editing ----------------------------------------------------------------------------------------
def edit_url(topic, post):
    return f"{topic.url}posts/{post.pk}/edit/"


def approved_post_by(user, topic, minutes_ago=1):
    return ForumPost.objects.create(
        topic=topic,
        author=user,
        body="First version.",
        status=PostStatus.APPROVED,
        created=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_authors_correct_a_reply_within_the_time_limit(client, topic, member, moderator):
    post = approved_post_by(member, topic)
    author = browser_for(member)
    link = fetch(author, topic.url).select_one(f"#post-{post.pk} .post-actions a")
    assert link["href"] == edit_url(topic, post)
    assert fetch(client, topic.url).select_one(f"#post-{post.pk} .post-actions") is None  # not for others

    form = fetch(author, link["href"]).select_one("main form[method=post]")
    assert form.find("textarea").get_text().strip() == "First version."
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = author.post(form["action"], {"body": "Second version.", "csrfmiddlewaretoken": token})
    assert response.status_code == 302

    post.refresh_from_db()
    assert (post.body, post.status) == (
        "Second version.",
        PostStatus.PENDING,
    )  # read again before it reappears
    assert post.edited is not None
    assert "Second version." not in text(fetch(client, topic.url).select_one(".forum-posts"))
    mine = fetch(author, topic.url).select_one(f"#post-{post.pk}")
    assert "awaiting moderation" in text(mine) and "edited" in text(mine)
    assert len(mail.outbox) == 1 and "Second version." in mail.outbox[0].body


def test_trusted_authors_corrections_stay_published(client, topic, trusted):
    post = approved_post_by(trusted, topic)
    author = Client()
    author.force_login(trusted)
    author.post(edit_url(topic, post), {"body": "Corrected."})
    post.refresh_from_db()
    assert (post.body, post.status) == ("Corrected.", PostStatus.APPROVED)
    assert "Corrected." in shown_posts(fetch(client, topic.url))


def test_after_the_time_limit_a_reply_can_no_longer_be_changed(topic, member):
    post = approved_post_by(member, topic, minutes_ago=FORUM_EDIT_MINUTES + 1)
    author = Client()
    author.force_login(member)
    assert fetch(author, topic.url).select_one(f"#post-{post.pk} .post-actions") is None
    for response in [
        author.get(edit_url(topic, post), follow=True),
        author.post(edit_url(topic, post), {"body": "Rewritten history."}, follow=True),
    ]:
        assert response.status_code == 200
        assert any(
            f"replies can be corrected for {FORUM_EDIT_MINUTES} minutes" in message
            for message in messages_of(html(response))
        )
    post.refresh_from_db()
    assert (post.body, post.status) == ("First version.", PostStatus.APPROVED)


def test_nobody_edits_someone_elses_reply(topic, member, trusted):
    post = approved_post_by(member, topic)
    other = Client()
    other.force_login(trusted)
    assert other.post(edit_url(topic, post), {"body": "Hijacked."}).status_code == 404
    anonymous = Client().post(edit_url(topic, post), {"body": "Hijacked."})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(LOGIN_URL)
    post.refresh_from_db()
    assert post.body == "First version."


# --- accounts that go away, and the Russian site ----------------------------------------------------
def test_replies_of_a_deleted_account_stay_under_former_member(client, topic, member):
    post = approved_post_by(member, topic)
    member.delete()
    post.refresh_from_db()
    assert post.author is None
    shown = fetch(client, topic.url).select_one(f"#post-{post.pk}")
    assert text(shown.select_one(".post-author")) == "former member"
    russian = fetch(client, topic.url.replace("/en/", "/ru/", 1)).select_one(f"#post-{post.pk}")
    assert text(russian.select_one(".post-author")) == "бывший участник"


def test_the_russian_debate_shows_the_same_replies_experts_and_status(client, topic, trusted):
    russian = ForumTopicPage.objects.get(translation_key=topic.translation_key, locale__language_code="ru")
    # A reply written on the Russian page joins the same conversation.
    ForumPost.objects.create(
        topic=russian, author=trusted, body="Ответ на русском.", status=PostStatus.APPROVED
    )

    english_page, russian_page = fetch(client, topic.url), fetch(client, russian.url)
    assert shown_posts(russian_page) == shown_posts(english_page)
    assert "Ответ на русском." in shown_posts(english_page)
    assert russian.status == topic.status
    assert [link.expert.locale.language_code for link in russian.invited_experts.all()] == ["ru"] * len(
        russian.invited_experts.all()
    )
    assert [text(link) for link in russian_page.select(".invited-experts li a")] == [
        link.expert.title for link in russian.invited_experts.all()
    ]
    assert text(russian_page.select_one(".forum-reply a")) == "Войдите"


def closed_port():
    """A loopback port nothing listens on: a mail server that refuses every connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_that_fails_does_not_lose_the_reply(topic, member, moderator, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    response = send_reply(browser_for(member), topic, "Insurers set the real timetable.")
    assert response.status_code == 302
    assert ForumPost.objects.get(author=member).status == PostStatus.PENDING
    assert "Could not send the e-mail" in caplog.text


def test_closing_the_english_debate_closes_every_language_version_at_once(client, topic, member):
    russian = ForumTopicPage.objects.get(translation_key=topic.translation_key, locale__language_code="ru")
    topic.status = TopicStatus.CLOSED
    topic.save_revision().publish()

    russian.refresh_from_db()
    assert russian.status == TopicStatus.CLOSED
    client.force_login(member)
    page = fetch(client, russian.url)
    assert page.select_one(".forum-reply form") is None
    response = client.post(russian.url + "reply/", {"body": "Поздний ответ."})
    assert response.status_code == 302
    assert not ForumPost.objects.filter(body="Поздний ответ.").exists()


def test_deleting_one_language_version_keeps_its_replies_in_the_debate(client, topic, trusted):
    russian = ForumTopicPage.objects.get(translation_key=topic.translation_key, locale__language_code="ru")
    ForumPost.objects.create(
        topic=russian, author=trusted, body="Ответ на русском.", status=PostStatus.APPROVED
    )
    russian.delete()
    assert "Ответ на русском." in shown_posts(fetch(client, topic.url))


def test_publishing_an_older_draft_keeps_the_debate_s_latest_activity(topic):
    draft = topic.save_revision()
    ForumTopicPage.objects.filter(pk=topic.pk).update(last_activity=timezone.now())
    topic.refresh_from_db()
    activity = topic.last_activity
    draft.publish()
    topic.refresh_from_db()
    assert topic.last_activity == activity


def test_a_debate_may_not_take_the_archive_address(forum):
    from django.core.exceptions import ValidationError

    topic = ForumTopicPage(title="Archive", slug="archive", opening_statement="[]")
    topic.path, topic.depth = forum.path + "9999", forum.depth + 1
    with pytest.raises(ValidationError):
        topic.full_clean()
