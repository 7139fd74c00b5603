"""Bulk creation of generated articles: thousands of pages in seconds, not hours.

Wagtail's ``add_child`` saves one page at a time and recomputes the tree for each. Here the
tree paths are computed once per section, page rows go in with ``bulk_create``, the article
rows with one batched insert, and authors/regions/topics with ``bulk_create`` too. The result
is the same rows Wagtail would write for a published page without revisions.
"""

import uuid
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from core.menus import invalidate_menus
from core.search_text import texts_kept_for_batch
from core.title_norms import title_norms_once
from demo import texts
from pages.models import ArticleAuthor, ArticleKind, ArticlePage

BATCH_SIZE = 500
ARCHIVE_YEARS = 20


def _next_steps(parent):
    """Yields tree paths for new children after the parent's current last child."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).aggregate(Max("path"))
    position = Page._str2int(last["path__max"][-Page.steplen :]) if last["path__max"] else 0
    while True:
        position += 1
        yield Page._get_path(parent.path, parent.depth + 1, position)


def _article_rows(index, count, rng, context, today):
    kind = index.kind
    steps = _next_steps(index)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    start_number = ArticlePage.objects.child_of(index).count()
    for number in range(start_number, start_number + count):
        title = texts.review_title(rng) if kind == ArticleKind.REVIEW else texts.article_title(rng)
        slug = f"{slugify(title)[:60]}-{number + 1}"
        published = today - timedelta(days=rng.randrange(ARCHIVE_YEARS * 365))
        moment = timezone.make_aware(
            timezone.datetime.combine(published, timezone.datetime.min.time()) + timedelta(hours=9)
        )
        page = Page(
            title=title,
            draft_title=title,
            slug=slug,
            path=next(steps),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            content_type=content_type,
            live=True,
            has_unpublished_changes=False,
            first_published_at=moment,
            last_published_at=moment,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
        )
        article = ArticlePage(
            kind=kind,
            date=published,
            summary=texts.summary(rng),
            body=texts.body_json(rng),
            main_image=rng.choice(context["images"]) if rng.random() < 0.6 else None,
            byline=""
            if rng.random() < 0.8
            else f"{context['faker'].name()}, {rng.choice(texts.AFFILIATIONS)}",
            outlet=rng.choice(texts.OUTLETS) if kind == ArticleKind.PRESS else "",
        )
        yield page, article


def create_articles(index, count, rng, context, progress=None):
    """Adds ``count`` published articles under one ArticleIndexPage; returns their ids."""
    today = date.today()
    created_ids = []
    rows = _article_rows(index, count, rng, context, today)
    local_fields = ArticlePage._meta.local_concrete_fields
    experts, regions, topics = context["experts"], context["regions"], context["topics"]
    while True:
        batch = [row for _, row in zip(range(BATCH_SIZE), rows, strict=False)]
        if not batch:
            break
        with transaction.atomic():
            pages = Page.objects.bulk_create([page for page, _ in batch])
            authors, region_links, topic_links = [], [], []
            for page, (_, article) in zip(pages, batch, strict=True):
                article.page_ptr_id = article.pk = page.pk
                for order, expert in enumerate(rng.sample(experts, rng.choice([0, 1, 1, 1, 2]))):
                    authors.append(ArticleAuthor(article_id=page.pk, expert=expert, sort_order=order))
                for region in rng.sample(regions, rng.choice([1, 1, 2])):
                    region_links.append(
                        ArticlePage.regions.through(articlepage_id=page.pk, region_id=region.pk)
                    )
                for topic in rng.sample(topics, rng.choice([1, 2])):
                    topic_links.append(ArticlePage.topics.through(articlepage_id=page.pk, topic_id=topic.pk))
            ArticlePage.objects._insert([article for _, article in batch], fields=local_fields)
            ArticleAuthor.objects.bulk_create(authors)
            ArticlePage.regions.through.objects.bulk_create(region_links)
            ArticlePage.topics.through.objects.bulk_create(topic_links)
        created_ids.extend(page.pk for page in pages)
        if progress:
            progress(len(batch))
    Page.objects.filter(pk=index.pk).update(numchild=Page.objects.child_of(index).count())
    # Rows written without Wagtail's publish signals: cached menus and listing indexes must follow.
    invalidate_menus()
    return created_ids


def index_articles(article_ids, progress=None):
    """Adds new articles to every configured search backend, in batches."""
    indexes = [backend.get_index_for_model(ArticlePage) for backend in get_search_backends()]
    with title_norms_once(indexes):
        for start in range(0, len(article_ids), BATCH_SIZE):
            chunk = list(ArticlePage.objects.filter(pk__in=article_ids[start : start + BATCH_SIZE]))
            add_to_indexes(indexes, ArticlePage, chunk)
            if progress:
                progress(len(chunk))


def add_to_indexes(indexes, model, objects):
    """Adds these objects to each backend's index of the model, each object's text worked out once
    for all indexes and all the fields that hold it."""
    with texts_kept_for_batch():
        for index in indexes:
            index.add_items(model, objects)
