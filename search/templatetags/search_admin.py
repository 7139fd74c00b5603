"""What the admin's templates need to know about search."""

from django import template

from search.backends import engine_paused

register = template.Library()


@register.simple_tag
def search_engine_paused():
    """Whether searches answer from the database just now, the engine having failed a moment ago."""
    return engine_paused()
