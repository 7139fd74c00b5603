"""What each record kind becomes on the site, field by field, and where its page goes.

Each ``fill_*`` sets a record's values on its object. With ``text_only`` it sets the
translatable text alone: that is how a translation record is laid over a copy of its source
page, so that wagtail-localize can read the translated strings from it (archive.translations).
"""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.text import Truncator

from archive.html_blocks import convert, rich_text
from archive.records import RecordError
from experts.models import ExpertIndexPage, ExpertPage
from pages.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    EventIndexPage,
    EventPage,
    MapIndexPage,
    MapPage,
    Region,
    Topic,
)

BODY_LIMIT = 1_000_000  # characters of legacy HTML one record may carry
SUMMARY_LENGTH = 300
PAGE_MODELS = {"article": ArticlePage, "event": EventPage, "map": MapPage, "expert": ExpertPage}
TERM_MODELS = {"region": Region, "topic": Topic}


def parent_for(record, locale):
    """The English section a new page of this record goes under."""
    data = record.data
    if record.kind == "article":
        parent = (
            ArticleIndexPage.objects.filter(kind=data["article_kind"], locale=locale).order_by("path").first()
        )
        if parent is None:
            raise RecordError(
                "article_kind", f"the site has no section for {data['article_kind']!r} articles"
            )
        return parent
    index_model = {"event": EventIndexPage, "map": MapIndexPage, "expert": ExpertIndexPage}[record.kind]
    parent = index_model.objects.filter(locale=locale).order_by("path").first()
    if parent is None:
        raise RecordError("kind", f"the site has no {index_model._meta.verbose_name}")
    return parent


def parse_date(value, field):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(field, f"{value!r} is not a date") from None


def parse_moment(value, field):
    """A datetime from a date or date-and-time; Brussels time unless the value has an offset."""
    try:
        moment = (
            parse_datetime(value) if len(value) > 10 else datetime.combine(date.fromisoformat(value), time(9))
        )
    except ValueError:
        moment = None
    if moment is None:
        raise RecordError(field, f"{value!r} is not a date and time")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _body_html(record):
    html = record.data.get("body", "")
    if len(html) > BODY_LIMIT:
        raise RecordError(
            "body", f"the body is {len(html) / 1e6:.1f} MB; at most {BODY_LIMIT / 1e6:.0f} MB is imported"
        )
    return html


def _note(record, conversion, field="body"):
    for message, count in sorted(conversion.warnings.items()):
        record.warnings.append(f"{field}: {message}" + (f" ({count}×)" if count > 1 else ""))
    record.pending |= conversion.pending


def body_blocks(record, ctx):
    conversion = convert(
        _body_html(record), ctx.links, lambda src, alt: ctx.media.body_image(src, alt, record)
    )
    _note(record, conversion)
    return conversion.blocks


def rich(record, ctx, field):
    html = record.data.get(field, "")
    if len(html) > BODY_LIMIT:
        raise RecordError(
            field, f"{field} is {len(html) / 1e6:.1f} MB; at most {BODY_LIMIT / 1e6:.0f} MB is imported"
        )
    text, conversion = rich_text(html, ctx.links)
    _note(record, conversion, field)
    return text


def summary(record, blocks):
    if record.data.get("summary"):
        return record.data["summary"]
    text = " ".join(strip_tags(block["value"]) for block in blocks if block["type"] == "paragraph")
    return Truncator(" ".join(text.split())).chars(SUMMARY_LENGTH) or record.data["title"]


def linked(ctx, record, field, kind):
    """Object ids of the records a list of legacy ids names, in order; unknown ones are errors."""
    ids = []
    for position, legacy_id in enumerate(record.data.get(field, [])):
        item = ctx.known.get(legacy_id)
        if item is None or item.kind != kind:
            what = "author" if kind == "expert" else kind
            raise RecordError(
                f"{field}[{position}]", f"unknown {what}: no {kind} record {legacy_id!r} was imported"
            )
        ids.append(item.object_id)
    return ids


def _terms(ctx, record, page):
    page.regions = ctx.terms(Region, linked(ctx, record, "regions", "region"))
    page.topics = ctx.terms(Topic, linked(ctx, record, "topics", "topic"))


def _published(page, moment):
    page.first_published_at = page.first_published_at or moment
    page.last_published_at = moment


def _attachments(ctx, record):
    """Document ids of the attachments that are files (URLs are recorded only)."""
    ids = []
    for position, ref in enumerate(record.data.get("attachments", [])):
        document_id = ctx.media.document(ref, f"attachments[{position}]", record)
        if document_id is not None:
            ids.append(document_id)
    return ids


def fill_article(page, record, ctx, text_only=False):
    data = record.data
    blocks = body_blocks(record, ctx)
    page.title = data["title"]
    page.summary = summary(record, blocks)
    page.byline = data.get("byline", "")
    page.outlet = data.get("outlet", "")
    if text_only:
        page.body = blocks
        return
    page.date = parse_date(data["date"], "date")
    page.external_url = data.get("external_url", "")
    page.main_image_id = ctx.media.image(data["image"], "image", record) if "image" in data else None
    documents = _attachments(ctx, record)
    page.attachment_id = documents[0] if documents else None
    page.body = blocks + [
        {"type": "document", "value": {"document": document_id, "label": ""}} for document_id in documents[1:]
    ]
    page.authors = [
        ArticleAuthor(expert_id=expert_id, sort_order=order)
        for order, expert_id in enumerate(linked(ctx, record, "authors", "expert"))
    ]
    _terms(ctx, record, page)
    _published(page, timezone.make_aware(datetime.combine(page.date, time(9))))


def fill_event(page, record, ctx, text_only=False):
    data = record.data
    blocks = body_blocks(record, ctx)
    page.title = data["title"]
    page.summary = summary(record, blocks)
    page.venue = data.get("venue", "")
    page.body = blocks
    if text_only:
        return
    page.start = parse_moment(data["start"], "start")
    page.end = parse_moment(data["end"], "end") if data.get("end") else None
    if page.end and page.end < page.start:
        raise RecordError("end", "the end is before the start")
    page.main_image_id = ctx.media.image(data["image"], "image", record) if "image" in data else None
    _terms(ctx, record, page)
    _published(page, timezone.now())


def fill_map(page, record, ctx, text_only=False):
    data = record.data
    page.title = data["title"]
    page.description = rich(record, ctx, "description" if "description" in data else "body")
    page.source = data.get("source", "")
    if text_only:
        return
    page.embed_url = data.get("embed_url", "")
    page.map_image_id = ctx.media.image(data["image"], "image", record) if "image" in data else None
    _terms(ctx, record, page)
    moment = parse_moment(data["date"], "date") if data.get("date") else timezone.now()
    _published(page, moment)


def fill_expert(page, record, ctx, text_only=False):
    data = record.data
    page.title = data["title"]
    page.job_title = data.get("job_title", "")
    page.affiliation = data.get("affiliation", "")
    page.bio = rich(record, ctx, "body" if "body" in data else "description")
    if text_only:
        return
    page.last_name = data["last_name"]
    page.role = data.get("role", "affiliated")
    page.photo_id = ctx.media.image(data["image"], "image", record) if "image" in data else None
    _published(page, timezone.now())


def fill_term(term, record, ctx, text_only=False):
    term.name = record.data["title"]
    term.description = record.data.get("description", "")
    if not text_only:
        term.slug = record.data["slug"]


FILL = {"article": fill_article, "event": fill_event, "map": fill_map, "expert": fill_expert}
FILL |= {"region": fill_term, "topic": fill_term}
# The fields a record's links end up in: all a second attempt has to write once they resolve.
LINK_FIELDS = {"article": ["body", "summary"], "event": ["body", "summary"], "map": ["description"]}
LINK_FIELDS |= {"expert": ["bio"]}


def rewrite_links(page_id, record, ctx):
    """Writes a page's link fields again, now that the pages they name exist: one UPDATE and no
    save, since the run indexes every imported page at its end anyway (archive.deferred)."""
    model = PAGE_MODELS[record.kind]
    scratch = model()
    FILL[record.kind](scratch, record, ctx)
    fields = {name: getattr(scratch, name) for name in LINK_FIELDS[record.kind]}
    model.objects.filter(pk=page_id).update(**fields)
