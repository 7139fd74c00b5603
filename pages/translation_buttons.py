"""wagtail-localize's "Translate this page" and "Sync translated pages" buttons for a whole page
of the Articles listing at once.

Its own hook asks three questions per row (which languages the page has, its translation source,
whether that source has translations), so fifty rows cost 150 queries. The Articles listing reads
the answers for all its rows in two queries (``read_translation_state``) and this hook, which
replaces wagtail-localize's, answers from them; any other listing keeps the original.
"""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

HOOK_NAMES = ("register_page_listing_more_buttons",)


def read_translation_state(pages):
    """Sets ``translation_state`` on each page: (a language is missing, the id of its translation
    source when that source has enabled translations, else None)."""
    keys = {page.translation_key for page in pages}
    every_locale = set(Locale.objects.values_list("pk", flat=True))
    present = {}
    for key, locale_id in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True).values_list(
        "translation_key", "locale_id"
    ):
        present.setdefault(key, set()).add(locale_id)
    sources = {
        (key, locale_id): source_id
        for source_id, key, locale_id in TranslationSource.objects.filter(object_id__in=keys)
        .filter(Exists(Translation.objects.filter(source=OuterRef("pk"), enabled=True)))
        .values_list("pk", "object_id", "locale_id")
    }
    for page in pages:
        page.translation_state = (
            bool(every_locale - present.get(page.translation_key, set())),
            sources.get((page.translation_key, page.locale_id)),
        )


def translation_buttons(page, user, view_name=None, next_url=None):
    state = getattr(page, "translation_state", None)
    if state is None:
        yield from localize_hooks.page_listing_more_buttons(
            page, user, view_name=view_name, next_url=next_url
        )
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    locale_missing, source_id = state
    if locale_missing:
        target = page.alias_of_id or page.id
        yield ListingButton(
            _("Translate this page"),
            reverse("wagtail_localize:submit_page_translation", args=[target]),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def replace_localize_buttons():
    for name in HOOK_NAMES:
        registered = hooks._hooks.get(name, [])
        hooks._hooks[name] = [
            (translation_buttons if fn is localize_hooks.page_listing_more_buttons else fn, order)
            for fn, order in registered
        ]
