"""RSS 2.0 and Atom feeds of the newest public articles, and the help page that lists them.

``/<lang>/feeds/rss/`` and ``/<lang>/feeds/atom/`` carry Context's newest articles; one query
parameter narrows a feed to an article section, a region, a topic or an expert
(``?section=news``, ``?region=caucasus``, ``?topic=energy``, ``?expert=jane-smith``), the way the
Context listing's filters narrow the listing. With every feed at two addresses per language, one
purge of each drops them all (``core.cache_purge.SITE_LISTING_URL_NAMES``).

Items are live articles of the feed's language outside every restricted section, so a members-only
briefing is in no feed, and a feed may be shared by the page cache like a public listing.
"""

import mimetypes
from dataclasses import dataclass
from datetime import datetime, time
from functools import partial

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.absolute_urls import absolute_url
from core.visibility import public_only, restricted_paths
from experts.models import ExpertPage
from pages.models import CONTEXT_KINDS, ArticleIndexPage, ArticlePage, ContextIndexPage, Region, Topic

FEED_LENGTH = 20
# The article page's own picture: the rendition exists once the article has been read.
ENCLOSURE_FILTER = "width-960"
# Rendition files never change (each gets a new name), so their sizes can be kept: asking a media
# bucket for the size of each picture would cost a request per item.
SIZE_KEY = "feed-enclosure-size:"
SIZE_TIMEOUT = 30 * 24 * 60 * 60
TERMS = {"region": Region, "topic": Topic}


@dataclass
class FeedSource:
    """What one feed follows: its title and description, the HTML page listing the same articles
    (``link``), the query string that picks it (``query``) and its articles, not yet ordered."""

    title: str
    description: str
    link: str
    query: dict
    articles: QuerySet
    request: HttpRequest | None = None


def feed_title(subject):
    return f"{_('European Geopolitical Forum')} – {subject}"


def query_string(param, value):
    return f"?{urlencode({param: value})}"


def context_page(language):
    context = ContextIndexPage.objects.live().filter(locale__language_code=language).order_by("path").first()
    if context is None:
        raise Http404("No Context section in this language.")
    return context


def context_articles(context):
    """What the Context listing lists (the Members Area and other kinds of sections are not in it)."""
    return ArticlePage.objects.live().descendant_of(context).filter(kind__in=CONTEXT_KINDS)


def context_source(language):
    context = context_page(language)
    return FeedSource(feed_title(context.title), context.intro, context.url, {}, context_articles(context))


def term_source(param, language, slug):
    term = TERMS[param].objects.filter(locale__language_code=language, slug=slug).first()
    if term is None:
        raise Http404(f"No such {param}.")
    context = context_page(language)
    return FeedSource(
        feed_title(f"{context.title}: {term.name}"),
        term.description or context.intro,
        context.url + query_string(param, term.slug),
        {param: term.slug},
        context_articles(context).filter(**{f"{param}s": term}),
    )


def section_source(language, slug):
    # Slugs are unique only among siblings; two sections of one name in different places share a feed.
    sections = ArticleIndexPage.objects.live().filter(locale__language_code=language, slug=slug)
    section = public_only(sections).order_by("path").first()
    if section is None:
        raise Http404("No such public section.")
    return FeedSource(
        feed_title(section.title),
        section.intro,
        section.url,
        {"section": section.slug},
        ArticlePage.objects.live().descendant_of(section),
    )


def expert_source(language, slug):
    expert = public_only(ExpertPage.objects.live().filter(locale__language_code=language, slug=slug)).first()
    if expert is None:
        raise Http404("No such expert.")
    return FeedSource(
        feed_title(expert.title),
        _("Articles by %(name)s") % {"name": expert.title},
        expert.url,
        {"expert": expert.slug},
        ArticlePage.objects.live().filter(
            locale_id=expert.locale_id, **{f"{ArticlePage.expert_links}__expert": expert}
        ),
    )


SOURCES = {
    "section": section_source,
    "region": partial(term_source, "region"),
    "topic": partial(term_source, "topic"),
    "expert": expert_source,
}


def feed_source(params, language):
    """The source the query string names (Context when it names none); an unknown one is a 404."""
    chosen = [(param, params[param]) for param in SOURCES if param in params]
    if not chosen:
        return context_source(language)
    if len(chosen) > 1:
        raise Http404("A feed follows one section, region, topic or expert.")
    param, slug = chosen[0]
    return SOURCES[param](language, slug)


def attach_enclosures(articles, request):
    """Sets ``feed_enclosure`` on each article with a main image (renditions come prefetched)."""
    renditions = {
        article: article.main_image.get_rendition(ENCLOSURE_FILTER)
        for article in articles
        if article.main_image
    }
    keys = {article: SIZE_KEY + rendition.file.name for article, rendition in renditions.items()}
    sizes = cache.get_many(list(keys.values()))
    measured = {
        keys[article]: rendition.file.size
        for article, rendition in renditions.items()
        if keys[article] not in sizes
    }
    if measured:
        cache.set_many(measured, SIZE_TIMEOUT)
    sizes.update(measured)
    for article, rendition in renditions.items():
        article.feed_enclosure = Enclosure(
            url=absolute_url(rendition.url),
            length=str(sizes[keys[article]]),
            mime_type=mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream",
        )


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = "feed_rss"

    def get_object(self, request):
        source = feed_source(request.GET, get_language())
        source.request = request  # for the enclosures' absolute addresses
        return source

    def title(self, source):
        return source.title

    # Absolute on SITE_BASE_URL: Django's feed would otherwise put the request's host in front.
    def link(self, source):
        return absolute_url(source.link)

    def description(self, source):
        return source.description or source.title  # RSS needs a channel description

    def feed_url(self, source):
        url = reverse(self.url_name)
        return absolute_url(f"{url}?{urlencode(source.query)}" if source.query else url)

    def items(self, source):
        articles = list(
            public_only(source.articles)
            .for_listing()
            .prefetch_related("regions", "topics")
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )
        attach_enclosures(articles, source.request)
        return articles

    def item_title(self, article):
        return article.title  # plain text: the feed writer escapes it once

    def item_description(self, article):
        return escape(article.summary)  # plain text, where both formats expect HTML

    def item_link(self, article):
        return absolute_url(article.url)

    def item_author_name(self, article):
        names = [link.expert.title for link in getattr(article, article.expert_links).all()]
        if article.byline:
            names.append(article.byline)
        return get_text_list(names, _("and")) or None

    def item_pubdate(self, article):
        return datetime.combine(article.date, time.min)  # made aware in the site's time zone

    def item_categories(self, article):
        return [term.name for term in [*article.shown_regions(), *article.shown_topics()]]

    def item_enclosures(self, article):
        enclosure = getattr(article, "feed_enclosure", None)
        return [enclosure] if enclosure else []


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    url_name = "feed_atom"

    def subtitle(self, source):
        return source.description or source.title


def page_feeds(request, page):
    """(title, query string) of the feeds that follow a page, for its autodiscovery links: Context
    (with the region and topic it is filtered by), an article section, an expert. Runs no query:
    the filter choices and the restricted paths are cached."""
    if isinstance(page, ContextIndexPage):
        params = request.GET if request is not None else {}
        feeds = []
        for param, model in TERMS.items():
            name = dict(model.choices_for(page.locale_id)).get(params.get(param))
            if name:
                feeds.append((feed_title(f"{page.title}: {name}"), query_string(param, params[param])))
        feeds.append((feed_title(page.title), ""))
    elif isinstance(page, ArticleIndexPage):
        feeds = [(feed_title(page.title), query_string("section", page.slug))]
    elif isinstance(page, ExpertPage):
        feeds = [(feed_title(page.title), query_string("expert", page.slug))]
    else:
        return []
    if any(page.path.startswith(path) for path in restricted_paths()):
        return []  # the Members Area has no feed
    return feeds


def feed_list(request):
    """The help page the footer links to: every feed of this language, in RSS and Atom."""
    context = context_page(get_language())
    sections = public_only(ArticleIndexPage.objects.live().filter(locale_id=context.locale_id))

    def terms(param):
        return [
            (name, query_string(param, slug)) for slug, name in TERMS[param].choices_for(context.locale_id)
        ]

    groups = [
        (
            _("Sections"),
            [(context.title, "")]
            + [
                (section.title, query_string("section", section.slug))
                for section in sections.order_by("path")
            ],
        ),
        (_("Regions"), terms("region")),
        (_("Topics"), terms("topic")),
    ]
    return render(request, "pages/feeds.html", {"groups": groups})
