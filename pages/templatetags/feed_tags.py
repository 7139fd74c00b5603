from django import template

from pages.feeds import page_feeds

register = template.Library()


@register.inclusion_tag("pages/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> to the RSS and Atom feeds that follow the page being shown."""
    return {"feeds": page_feeds(context.get("request"), context.get("page"))}
