"""The Russian demo site, made the way translators make it: through wagtail-localize.

Each English page and snippet gets a translation source; every text segment gets a Russian
string (fixed wording for the structural texts, generated Russian for article text), and the
translation is published. The result can be synced and exported to PO like any other.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from demo import russian_texts as ru
from demo import showcase
from experts.models import ExpertPage
from pages.models import CONTEXT_KINDS, ArticlePage, Region, Topic

RUSSIAN_ARTICLES = 24
# Segments whose text is the same in both languages: addresses, names, slugs.
SAME_IN_BOTH = {"slug", "to_address", "last_name", "outlet", "byline"}


def russian_text(instance, path, text, rng):
    """The Russian for one segment of an English page or snippet."""
    if text in ru.FIXED:
        return ru.FIXED[text]
    if text in showcase.RUSSIAN:
        return showcase.RUSSIAN[text]
    field, leaf = path.split(".")[0], path.split(".")[-1]
    if field in SAME_IN_BOTH or (isinstance(instance, ExpertPage) and field == "title"):
        return text
    if field == "title":
        if text.startswith("Round table: "):
            return f"Круглый стол: {rng.choice(ru.SUBJECTS)}"
        if text.endswith(": routes and borders"):
            return f"{ru.FIXED.get(text.split(':')[0], text.split(':')[0])}: маршруты и границы"
        return ru.title(rng)
    if field == "venue":
        return ru.venue(rng)
    if leaf == "text":
        return rng.choice(ru.ANGLES)
    if leaf in {"quote", "label"}:
        return ru.paragraph(rng, 1)
    return ru.paragraph(rng, 2)


def translate(instance, locale, rng):
    """Creates and publishes the Russian translation of one English page or snippet."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=russian_text(instance, segment.context.path, segment.string.data, rng),
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            for segment in segments
        ],
        ignore_conflicts=True,
    )
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.save_target(publish=True)


def pages_to_translate(home):
    """The structural tree, every expert, event and map, and the newest articles of each kind."""
    newest_articles = set(
        ArticlePage.objects.descendant_of(home)
        .filter(kind__in=CONTEXT_KINDS)
        .order_by("-date", "-pk")
        .values_list("pk", flat=True)[:RUSSIAN_ARTICLES]
    )
    other_articles = set(
        ArticlePage.objects.descendant_of(home).exclude(kind__in=CONTEXT_KINDS).values_list("pk", flat=True)
    )
    chosen = (
        Page.objects.descendant_of(home, inclusive=True)
        .exclude(pk__in=ArticlePage.objects.exclude(pk__in=newest_articles | other_articles).values("pk"))
        .order_by("path")
    )
    return chosen.specific()


def build_russian_site(home, rng, log):
    locale = Locale.objects.get(language_code="ru")
    for model in (Region, Topic):
        for term in model.objects.filter(locale=home.locale):
            translate(term, locale, rng)
    pages = list(pages_to_translate(home))
    for number, page in enumerate(pages, start=1):
        translate(page, locale, rng)
        if number % 25 == 0 or number == len(pages):
            log(f"{number}/{len(pages)} pages translated into Russian")
