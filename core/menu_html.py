"""The main menu's HTML, rendered once per process for each way it can look.

The menu is the same for every reader but for three things: the section marked as the one the
page is in, the entry marked as the page itself, and whether the reader is signed in (members do
not see the visitors' entries, such as registration). Rendering its links took about a tenth of
an article's time. The HTML is kept in this process, keyed by the menu's own entries (as the
shared cache holds them now, so a change or a flushed cache can never show an old menu), the
language and those three things; it costs no read of the shared cache. Not kept while ``DEBUG``
is on, so an edited template shows at once.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

KEPT_AT_MOST = 256  # ways the menu looks, over every site and language; then start afresh
_kept = {}


def menu_paths(items):
    return {item["path"] for item in items} | {
        child["path"] for item in items for child in item["children"] if child["path"]
    }


def main_menu_html(items, page, signed_in):
    """``includes/main_menu.html`` for these menu entries (of one site and language) on ``page``."""
    url_path = getattr(page, "url_path", None) or ""
    active = next((item["path"] for item in items if url_path.startswith(item["path"])), "")
    current = url_path if url_path in menu_paths(items) else ""
    key = (repr(items), translation.get_language(), active, current, signed_in)
    html = None if settings.DEBUG else _kept.get(key)
    if html is None:
        context = {"items": items, "page": page, "user_signed_in": signed_in}
        html = render_to_string("includes/main_menu.html", context)
        if len(_kept) >= KEPT_AT_MOST:
            _kept.clear()
        _kept[key] = html
    return mark_safe(html)
