"""What editors meet in the page editor, read through the admin as a signed-in editor: a Publish
that follows an autosave publishes what was submitted, and previews may be framed by the admin
while public pages may not be framed at all."""

from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import ArticleKind
from tests.factories import ArticlePageFactory
from tests.html import fetch, html, text


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


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


def test_previews_may_be_framed_by_the_admin_only(admin_client, client, demo):
    article = ArticlePageFactory(parent=demo["sections"][ArticleKind.NEWS], publish=True)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    stored = admin_client.post(preview_url, article_form(article, "A summary not yet published."))
    assert stored.json()["is_valid"]
    revision = article.save_revision()

    for url in [
        preview_url + "?mode=&in_preview_panel=true",  # the side panel
        reverse("wagtailadmin_pages:revisions_view", args=[article.pk, revision.pk]),
    ]:
        preview = admin_client.get(url)
        assert preview.status_code == 200, url
        assert article.title in preview.content.decode()
        assert directives(preview)["frame-ancestors"] == ["'self'"], url
        assert preview["X-Frame-Options"] == "SAMEORIGIN", url
        # The rest is the public page's policy: its scripts run by the nonce they carry.
        assert "'unsafe-inline'" not in directives(preview)["script-src"]

    public = client.get(article.url)
    assert public.status_code == 200
    assert directives(public)["frame-ancestors"] == ["'none'"]
    assert public["X-Frame-Options"] == "DENY"


def section_choices(page):
    return [text(label) for label in page.select("main form label") if label.find("input", type="radio")]


def test_a_new_article_is_placed_by_picking_its_section_from_a_list(admin_client, demo):
    """Articles are written in English (Russian versions come through Translate): the English
    sections are offered whichever language the Articles list shows."""
    choose = reverse("articles:choose_parent")
    english = section_choices(fetch(admin_client, choose))
    assert "Context › News" in english and "Context › Book reviews" in english
    assert section_choices(fetch(admin_client, choose, {"locale": "ru"})) == english
    news = demo["sections"][ArticleKind.NEWS]
    assert news.get_translation(Locale.objects.get(language_code="ru")).title not in " ".join(english)

    response = admin_client.post(choose, {"parent_page": news.pk})
    assert response["Location"] == reverse("wagtailadmin_pages:add", args=["pages", "articlepage", news.pk])

    refused = admin_client.post(choose, {"parent_page": demo["home"].pk})
    assert refused.status_code == 200
    assert "You cannot create a page of type" in text(html(refused).select_one("main"))
