from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.fragments import cached_fragment, fragment_key
from core.page_head import PageHead

register = template.Library()


@register.simple_tag(takes_context=True)
def page_head(context):
    """Description, canonical address, robots rule, sharing cards, icons and JSON-LD of the page.

    The same for every reader of an address, so a Wagtail page's head is kept in the shared cache
    like its other fragments (core.fragments), per canonical address and robots rule: what it reads
    besides the page (authors, trail, language versions, pictures) follows the tree generation."""
    request = context.get("request")
    head = PageHead(request, context.get("page")) if request is not None else None
    key = fragment_key(request, "head", head.page, head.variant) if head and head.page else None
    return mark_safe(
        cached_fragment(key, lambda: render_to_string("includes/page_head.html", {"head": head}))
    )
