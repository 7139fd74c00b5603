"""How a member's plain-text post is shown: escaped, in paragraphs, with its web addresses linked."""

from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def post_body(text):
    # urlize escapes everything that is not a link, so no markup of the author's survives; the
    # only "<a " left in its output are its own links, which get the rel of user-written links.
    linked = urlize(text, nofollow=False, autoescape=True).replace("<a href=", '<a rel="nofollow ugc" href=')
    return mark_safe(linebreaks(linked, autoescape=False))
