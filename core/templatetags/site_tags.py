from django import template
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext

from core.language_switch import language_versions
from core.menu_html import main_menu_html
from core.menus import EMPTY_MENUS, site_menus

register = template.Library()


@register.simple_tag(takes_context=True)
def get_site_menus(context):
    request = context.get("request")
    return site_menus(request) if request is not None else EMPTY_MENUS


@register.simple_tag(takes_context=True)
def main_menu(context, items):
    signed_in = getattr(context.get("user"), "is_authenticated", False)
    return main_menu_html(items, context.get("page"), signed_in)


@register.simple_tag(takes_context=True)
def query_with_page(context, page_number):
    """The current query string with another page number (filters survive paging)."""
    params = context["request"].GET.copy()
    params["page"] = page_number
    return params.urlencode()


@register.filter
def in_section(url_path, section_path):
    """True when a page (by its url_path) lies in the menu section at section_path."""
    return bool(url_path) and str(url_path).startswith(section_path)


@register.simple_tag
def today_written_out():
    """Today's date in words in the active language, e.g. 'Sunday 14 December 2025'."""
    return written_out(timezone.localdate())


# Languages that write weekday names in lower case, though Django's catalogues capitalise them.
LOWER_CASE_WEEKDAYS = {"ru"}


def written_out(day):
    """'Sunday 14 December 2025' / 'воскресенье, 14 декабря 2025'."""
    # Translators: Django date format for the header date; E is the month in its genitive form.
    words = dateformat.format(day, gettext("l j E Y"))
    if translation.get_language() in LOWER_CASE_WEEKDAYS:
        words = words[:1].lower() + words[1:]
    return words


@register.simple_tag(takes_context=True)
def get_language_versions(context):
    request = context.get("request")
    return language_versions(request, context.get("page")) if request is not None else []
