from django import template

from core.page_head import PageHead

register = template.Library()


@register.inclusion_tag("includes/page_head.html", takes_context=True)
def page_head(context):
    """Description, canonical address, robots rule, sharing cards, icons and JSON-LD of the page."""
    request = context.get("request")
    return {"head": PageHead(request, context.get("page")) if request is not None else None}
