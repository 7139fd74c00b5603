"""Related analysis under an article: up to five other articles in its language.

The search engine, when one is configured, picks them by the words they share (its
more-like-this query, offered by the search app through ``use_finder``); otherwise, or when the
engine cannot answer, the database ranks articles by the experts, topics and regions they share
with this one, newest first among equals. Either way:

- only public articles are shown, to everyone, so the copy of the page that caches keep for
  anonymous readers can never name a members-only briefing;
- one query finds and fetches them (a compact list: title, type, date and summary), and the
  list is cached until pages are next published, moved or restricted, so a warm page asks none.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from core.menus import MENU_TIMEOUT, tree_generation
from core.visibility import public_only, restricted_paths

logger = logging.getLogger(__name__)

RELATED_MOST = 5
RELATED_LEAST = 3
# How much one shared expert, topic or region counts in the database's ranking.
SHARED_EXPERT_WEIGHT = 3
SHARED_TOPIC_WEIGHT = 2
SHARED_REGION_WEIGHT = 1

# Functions (article, candidates, how many) -> the candidates most like the article, best first,
# or None when they cannot answer; added by use_finder.
_finders = []


def use_finder(finder):
    """Called from an app's ready(): ask ``finder`` before the database (the search engine)."""
    _finders.append(finder)


@dataclass(frozen=True)
class RelatedArticle:
    """What the related list shows of an article: plain data, so that it can be cached."""

    title: str
    url: str
    kind_label: str
    date: date
    summary: str


def related_articles(article):
    if article.pk is None:  # the preview of a page not saved yet
        return _as_shown(_find(article))
    restricted = hashlib.sha1("|".join(sorted(restricted_paths())).encode()).hexdigest()
    key = f"related-articles:{article.pk}:{tree_generation()}:{restricted}"
    shown = cache.get(key)
    if shown is None:
        shown = _as_shown(_find(article))
        cache.set(key, shown, MENU_TIMEOUT)
    return shown


def _as_shown(articles):
    return [
        RelatedArticle(row.title, row.url, str(row.get_kind_display()), row.date, row.summary)
        for row in articles
    ]


def _find(article):
    from pages.models import ArticlePage

    candidates = (
        public_only(ArticlePage.objects.live().filter(locale_id=article.locale_id))
        .exclude(pk=article.pk)
        .defer_streamfields()
    )
    for finder in _finders:
        try:
            ranked = finder(article, candidates, RELATED_MOST)
        except Exception:
            logger.exception("Related articles: the finder failed; ranking in the database instead")
            continue
        if ranked is not None and len(ranked) >= RELATED_LEAST:
            return ranked
    ranked = list(_ranked_in_database(article, candidates)[:RELATED_MOST])
    close = [row for row in ranked if row.closeness]
    # Articles that share nothing only make up the least number shown, newest first.
    return close if len(close) >= RELATED_LEAST else ranked[:RELATED_LEAST]


def _shared_count(through, own_column, other_column, article):
    """How many of ``article``'s links in a link table (topics, regions, authors) a row shares."""
    mine = through.objects.filter(**{own_column: article.pk}).values(other_column)
    return Coalesce(
        Subquery(
            through.objects.filter(**{own_column: OuterRef("pk"), f"{other_column}__in": mine})
            .order_by()
            .values(own_column)
            .annotate(shared=Count("*"))
            .values("shared"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _ranked_in_database(article, candidates):
    from pages.models import ArticleAuthor, ArticlePage

    topics = ArticlePage.topics.through
    regions = ArticlePage.regions.through
    return candidates.annotate(
        closeness=SHARED_EXPERT_WEIGHT * _shared_count(ArticleAuthor, "article_id", "expert_id", article)
        + SHARED_TOPIC_WEIGHT * _shared_count(topics, "articlepage_id", "topic_id", article)
        + SHARED_REGION_WEIGHT * _shared_count(regions, "articlepage_id", "region_id", article)
    ).order_by("-closeness", "-date", "-pk")
