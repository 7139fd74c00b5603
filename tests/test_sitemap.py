"""sitemap.xml lists the public pages of both languages and nothing private."""

import xml.etree.ElementTree as ElementTree

from wagtail.models import Page

from pages.models import ArticleKind, ArticlePage

NAMESPACE = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [loc.text.split("://", 1)[1].split("/", 1)[1] for loc in root.findall("s:url/s:loc", NAMESPACE)]


def test_sitemap_lists_both_languages(client, demo):
    paths = sitemap_paths(client)
    assert "en/" in paths and "ru/" in paths
    assert "en/context/" in paths and "ru/context/" in paths
    live_public = Page.objects.live().public().filter(depth__gt=1).count()
    assert len(paths) <= live_public


def test_sitemap_leaves_out_members_articles(client, demo):
    paths = set(sitemap_paths(client))
    members = ArticlePage.objects.filter(kind=ArticleKind.MEMBERS)
    assert members.exists()
    assert not {article.url.lstrip("/") for article in members} & paths
