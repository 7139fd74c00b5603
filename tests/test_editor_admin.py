"""What editors meet in the page editor, read through the admin as a signed-in editor: a Publish
that follows an autosave publishes what was submitted."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import ArticleKind
from tests.factories import ArticlePageFactory
from tests.html import html


def article_form(article, summary, **extra):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "date": article.date.isoformat(),
            "summary": summary,
            "main_image": "",
            "byline": "",
            "body": streamfield([]),
            "authors": inline_formset([]),
            "outlet": "",
            "external_url": "",
            "attachment": "",
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_publish_after_an_autosave_publishes_what_was_submitted(admin_client, client, demo):
    """The editor loaded one revision; an autosave then saved another; the Publish that follows still
    carries the revision first loaded, and publishes the text it was sent with."""
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], live=False)
    article.save_revision()
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    form = html(admin_client.get(edit_url))
    loaded = {
        name: form.select_one(f"input[name={name}]")["value"]
        for name in ["loaded_revision_id", "loaded_revision_created_at"]
    }

    autosave = admin_client.post(
        edit_url,
        article_form(article, "Autosaved on the way.", **loaded),
        HTTP_ACCEPT="application/json",
    )
    assert autosave.json()["success"], autosave.json()
    assert str(autosave.json()["revision_id"]) != loaded["loaded_revision_id"]

    published = admin_client.post(
        edit_url,
        article_form(article, "Ports reopen and insurers return.", **loaded, **{"action-publish": "1"}),
        follow=True,
    )
    assert f"Page '{article.title}' has been published." in html(published).select_one(".messages").get_text()
    article.refresh_from_db()
    assert article.live
    reader_sees = client.get(article.url)
    assert reader_sees.status_code == 200
    assert "Ports reopen and insurers return." in reader_sees.content.decode()
