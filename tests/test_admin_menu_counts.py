"""The admin menu says how many things wait for staff: new order requests, members to approve."""

import json
import re

from allauth.account.models import EmailAddress

from accounts.membership import profile_of
from accounts.models import MemberProfile
from accounts.wagtail_hooks import waiting_for_approval, with_membership_state
from shop.models import OrderStatus, ProductPage
from tests.conftest import warm_query_count
from tests.factories import OrderRequestFactory, UserFactory
from tests.html import html


def menu_labels(client, start):
    props = json.loads(html(client.get("/admin/")).find(id="wagtail-sidebar-props").string)
    return re.findall(rf'"label": "({start}(?: \(\d+\))?)"', json.dumps(props))


def test_order_requests_and_members_are_counted_in_the_menu(admin_client, demo, shop):
    queries_before = warm_query_count(admin_client, "/admin/")
    assert menu_labels(admin_client, "Order requests") == ["Order requests"]
    product = ProductPage.objects.child_of(shop).first()
    OrderRequestFactory(product=product)
    OrderRequestFactory(product=product)
    OrderRequestFactory(product=product, status=OrderStatus.HANDLED)
    assert menu_labels(admin_client, "Order requests") == ["Order requests (2)"]

    already = waiting_for_approval(with_membership_state(MemberProfile.objects.all())).count()
    waiting = UserFactory(username="waiting")
    profile_of(waiting)
    EmailAddress.objects.create(user=waiting, email=waiting.email, verified=True, primary=True)
    assert menu_labels(admin_client, "Members") == [f"Members ({already + 1})"]
    assert warm_query_count(admin_client, "/admin/") == queries_before
