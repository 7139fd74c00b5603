"""schema.org nodes of articles and events (registered in PagesConfig.ready)."""

from django.utils import timezone

from core.absolute_urls import absolute_url
from pages.citation import byline_people

# Article kinds (pages.models.ArticleKind values) → schema.org type. Publications are the Forum's
# reports; news and press items are news; reviews and presentations are plain articles.
ARTICLE_TYPES = {"news": "NewsArticle", "press": "NewsArticle", "publication": "Report"}
HEADLINE_LENGTH = 110  # Google shows no more of a headline


def expert_person(expert, head):
    """An expert as the author of something: name, profile address and title."""
    person = {"@type": "Person", "name": expert.title}
    url = expert.get_url(head.request)
    if url:
        person["url"] = absolute_url(url)
    if expert.job_title:
        person["jobTitle"] = expert.job_title
    return person


def authors(page, head):
    """The page's experts in their order, then the byline's people; the Forum when there are none."""
    people = [expert_person(link.expert, head) for link in page.linked_experts(head.request)]
    for named in byline_people(getattr(page, "byline", "")):
        people.append({"@type": "Person", "name": f"{named.given} {named.family}".strip()})
    return people or [head.publisher()]


def modified(page, published):
    """When the page last changed, never before it says it was published."""
    changed = page.last_published_at or page.latest_revision_created_at
    if changed is None:
        return published
    changed = timezone.localtime(changed)
    return changed.isoformat() if changed.date().isoformat() >= published else published


def article_schema(article, head):
    published = article.date.isoformat()
    node = {
        "@type": ARTICLE_TYPES.get(article.kind, "Article"),
        "@id": head.page_url + "#article",
        "headline": article.title[:HEADLINE_LENGTH],
        "name": article.title,
        "description": head.description,
        "url": head.page_url,
        "mainEntityOfPage": head.page_url,
        "datePublished": published,
        "dateModified": modified(article, published),
        "author": authors(article, head),
        "publisher": head.publisher(),
        "image": [head.image["url"]],
        "inLanguage": head.language,
        "articleSection": str(article.get_kind_display()),
        "isAccessibleForFree": True,
    }
    if article.external_url:
        node["sameAs"] = article.external_url
    return node


def event_schema(event, head):
    node = {
        "@type": "Event",
        "@id": head.page_url + "#event",
        "name": event.title,
        "description": head.description,
        "url": head.page_url,
        "startDate": timezone.localtime(event.start).isoformat(),
        # The model has no cancelled or moved state: an event on the site takes place as announced.
        "eventStatus": "https://schema.org/EventScheduled",
        "image": [head.image["url"]],
        "organizer": head.publisher(),
        "inLanguage": head.language,
    }
    if event.end:
        node["endDate"] = timezone.localtime(event.end).isoformat()
    if event.venue:
        node["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        node["location"] = {"@type": "Place", "name": event.venue, "address": event.venue}
    return node
