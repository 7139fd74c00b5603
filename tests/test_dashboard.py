"""The admin dashboard says what waits for staff: each panel a count and a link, for the staff who
may act on it, in a fixed number of queries however much waits."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import MemberProfile
from forum.models import ForumTopicPage
from forum.posts import ForumPost
from pages.models import ArticleKind, ArticlePage
from shop.models import ProductPage
from tests.factories import ArticlePageFactory, EmailAddressFactory, OrderRequestFactory, UserFactory
from tests.html import fetch, text

PANELS = {
    "dashboard-forum-replies": "Forum replies awaiting moderation",
    "dashboard-order-requests": "New order requests",
    "dashboard-members-awaiting-approval": "Members awaiting approval",
    "dashboard-pages-in-moderation": "Pages in moderation",
    "dashboard-scheduled-pages": "Scheduled pages",
    "dashboard-translations-out-of-date": "Translations out of date",
}


def panels(soup):
    """{heading: (count, link)} of the dashboard's count panels."""
    found = {}
    for panel in soup.select("[data-dashboard-panel]"):
        found[text(panel.find("h2"))] = (
            int(text(panel.select_one(".dashboard-count__number"))),
            panel.a["href"],
        )
    return found


def add_waiting_work(demo, number):
    topic = ForumTopicPage.objects.filter(locale=Locale.get_default()).first()
    product = ProductPage.objects.filter(locale=Locale.get_default()).first()
    member = UserFactory()
    for _n in range(number):
        ForumPost.objects.create(topic=topic, author=member, body="A reply that waits.")
        OrderRequestFactory(product=product)
        waiting = UserFactory()
        EmailAddressFactory(user=waiting)
        MemberProfile.objects.get_or_create(user=waiting)
        article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS])
        article.go_live_at = timezone.now() + timedelta(days=3)
        article.save_revision().publish()
    russian = Locale.objects.get(language_code="ru")
    for english in ArticlePage.objects.filter(
        locale=Locale.get_default(),
        translation_key__in=ArticlePage.objects.filter(locale=russian).values("translation_key"),
    )[:number]:
        english.save_revision().publish()


def test_the_dashboard_counts_what_waits_and_links_to_it(admin_client, demo):
    before = panels(fetch(admin_client, "/admin/"))
    assert set(before) == set(PANELS.values())

    add_waiting_work(demo, 2)
    after = panels(fetch(admin_client, "/admin/"))

    for heading in (
        "Forum replies awaiting moderation",
        "New order requests",
        "Members awaiting approval",
        "Scheduled pages",
        "Translations out of date",
    ):
        assert after[heading][0] == before[heading][0] + 2, heading
    assert after["Translations out of date"][1] == "/admin/reports/translations/?status=out_of_date"
    assert after["Scheduled pages"][1] == "/admin/reports/scheduled/"
    assert after["Forum replies awaiting moderation"][1] == "/admin/forum/forumpost/?status=pending"
    for heading, (_count, link) in after.items():
        assert admin_client.get(link).status_code == 200, heading


def test_scheduled_pages_report_lists_the_scheduled_article(admin_client, demo):
    add_waiting_work(demo, 1)
    scheduled = ArticlePage.objects.order_by("-pk").first()

    report = fetch(admin_client, "/admin/reports/scheduled/")

    assert scheduled.title in text(report.select_one("main"))


def test_staff_see_only_the_panels_of_their_work(client, demo):
    from tests.factories import ShopStaffFactory
    from tests.sign_in import sign_in_staff

    sign_in_staff(client, ShopStaffFactory())

    assert set(panels(fetch(client, "/admin/"))) == {"New order requests"}


def test_the_dashboard_costs_the_same_queries_however_much_waits(admin_client, demo):
    def queries():
        admin_client.get("/admin/")
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get("/admin/").status_code == 200
        return len(captured)

    add_waiting_work(demo, 1)
    few = queries()
    add_waiting_work(demo, 5)
    assert queries() == few
