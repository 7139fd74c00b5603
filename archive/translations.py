"""A translation record becomes the wagtail-localize translation of its source, not a new page.

The record's text is laid over a copy of the source (never saved) and read back as
wagtail-localize segments; each is paired with the source's segment at the same place and
stored as the translated string. wagtail-localize then writes the translated page or snippet
itself (``save_target``), so Sync, the translation editor and the PO download and upload work
on it like on any translation made in the admin. Body blocks are paired by position and type;
a source segment with no counterpart shows in English until a translator fills it in.
"""

from collections import defaultdict

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import validate_translation_links


def _aligned_body(source, blocks):
    """The translated blocks with the ids of the source's blocks where the two line up."""
    source_blocks = list(source.body.raw_data)
    for position, block in enumerate(blocks):
        if position < len(source_blocks) and source_blocks[position]["type"] == block["type"]:
            block["id"] = source_blocks[position]["id"]
    return blocks


def _twin(source, record, fill, ctx):
    twin = type(source).objects.get(pk=source.pk)
    fill(twin, record, ctx, text_only=True)
    if hasattr(twin, "body"):
        twin.body = _aligned_body(source, [dict(block) for block in twin.body.raw_data])
    if isinstance(twin, Page):
        twin.slug = record.data.get("slug") or source.slug
    return twin


def translate(source, record, fill, ctx, locale):
    """Writes the translation of ``source`` into the record's language; returns it."""
    if isinstance(source, Page):
        source = source.specific
    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translated = defaultdict(list)
    for value in extract_segments(_twin(source, record, fill, ctx)):
        if isinstance(value, StringSegmentValue):
            translated[value.path].append(value.string.data)
    seen, unpaired = defaultdict(int), 0
    segments = StringSegment.objects.filter(source=translation_source).select_related("context", "string")
    for segment in segments.order_by("order"):
        path = segment.context.path
        position, seen[path] = seen[path], seen[path] + 1
        if position >= len(translated[path]):
            unpaired += 1
            continue
        data = translated[path][position]
        try:
            validate_translation_links(segment.string.data, data)
        except ValueError:
            unpaired += 1
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": data, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    if unpaired:
        record.warnings.append(
            f"{unpaired} text segment(s) of the source have no counterpart in this translation; they show the English"
        )
    translation, _created = Translation.objects.get_or_create(source=translation_source, target_locale=locale)
    translation.save_target(publish=True)
    target = source.get_translation(locale)
    return target.specific if isinstance(target, Page) else target
