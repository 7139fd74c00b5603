"""Footnotes: ``[1]``, ``[2]``… typed in a paragraph become numbered links to the notes of the
page's Notes block (pages/blocks.py, FootnotesBlock), and each note links back to its first citation.

Editors need no special tool: the numbers follow the order of the notes in the block, and a
number with no note stays plain text. What has been cited is remembered on the page object
while it renders, so the notes (placed after the text) know where to link back to.
"""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.templatetags.wagtailcore_tags import richtext

register = template.Library()

CITATION = re.compile(r"\[(\d{1,3})\]")
CITED = "_footnotes_cited"


def note_count(page):
    body = getattr(page, "body", None) or []
    return sum(len(block.value["notes"]) for block in body if block.block_type == "footnotes")


def _citations(context):
    """{note number: [citation ids]} for the page being rendered (none without a page)."""
    page = context.get("page")
    if page is None:
        return None
    if not hasattr(page, CITED):
        setattr(page, CITED, {"count": note_count(page), "ids": {}})
    return getattr(page, CITED)


@register.simple_tag(takes_context=True)
def cite_footnotes(context, value):
    html = str(richtext(value))
    citations = _citations(context)
    if not citations or not citations["count"]:
        return mark_safe(html)  # noqa: S308 - Wagtail's expanded rich text

    def link(match):
        number = int(match.group(1))
        if not 1 <= number <= citations["count"]:
            return match.group(0)
        ids = citations["ids"].setdefault(number, [])
        citation_id = f"cite-{number}" + (f"-{len(ids) + 1}" if ids else "")
        ids.append(citation_id)
        return format_html(
            '<sup class="footnote-ref" id="{}"><a href="#note-{}" aria-label="{}">{}</a></sup>',
            citation_id,
            number,
            gettext("Note %(number)s") % {"number": number},
            number,
        )

    # Only text between tags is searched, so an attribute that happens to hold "[2]" is left alone.
    parts = re.split(r"(<[^>]*>)", html)
    return mark_safe("".join(part if part.startswith("<") else CITATION.sub(link, part) for part in parts))  # noqa: S308


@register.simple_tag(takes_context=True)
def footnote_back_link(context, number):
    """The id of the first citation of note ``number`` on this page, or "" if it is not cited."""
    citations = _citations(context) or {"ids": {}}
    ids = citations["ids"].get(number)
    return ids[0] if ids else ""
