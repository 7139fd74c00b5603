"""Documents in a collection restricted to members: out of every list a reader cannot open, and a
clear "Members only" page (not a login loop) for a signed-in reader who is not a member."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from accounts.membership import MEMBERS_GROUP
from tests.html import html

DOCUMENTS_URL = "/en/context/documents/"
TITLE = "Confidential briefing on Caspian shipping"
COLLECTION = "Members' papers"


@pytest.fixture
def members_document(demo):
    collection = Collection.get_first_root_node().add_child(name=COLLECTION)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=MEMBERS_GROUP)])
    return get_document_model().objects.create(
        title=TITLE, collection=collection, file=ContentFile(b"%PDF-1.4 members only", name="briefing.pdf")
    )


def test_anonymous_readers_never_see_members_documents_listed(client, members_document):
    page = html(client.get(DOCUMENTS_URL)).get_text()
    assert TITLE not in page
    assert COLLECTION not in page
    searched = html(client.get(DOCUMENTS_URL, {"q": "Caspian shipping"})).get_text()
    assert TITLE not in searched


def test_signed_in_non_members_do_not_see_them_either(client, signed_in_reader, members_document):
    assert TITLE not in html(client.get(DOCUMENTS_URL)).get_text()


def test_members_see_and_open_them(client, signed_in_member, members_document):
    page = html(client.get(DOCUMENTS_URL)).get_text()
    assert TITLE in page and COLLECTION in page
    response = client.get(members_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 members only"


def test_a_signed_in_non_member_gets_the_members_only_page_not_a_login_loop(
    client, signed_in_reader, members_document
):
    response = client.get(members_document.url)
    assert response.status_code == 403
    assert html(response).h1.get_text(strip=True) == "Members only"


def test_anonymous_readers_are_sent_to_log_in(client, members_document):
    response = client.get(members_document.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
