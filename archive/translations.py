"""A translation record becomes the wagtail-localize translation of its source, not a new page.

The record's text is laid over a copy of the source (never saved) and read back as
wagtail-localize segments; each is paired with the source's segment at the same place and
stored as the translated string. wagtail-localize then writes the translated page or snippet
itself (``save_target``), so Sync, the translation editor and the PO download and upload work
on it like on any translation made in the admin. Body blocks are paired by position and type;
a source segment with no counterpart shows in English until a translator fills it in.
"""

from collections import defaultdict

from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue, validate_translation_links


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
    seen, unpaired, pairs = defaultdict(int), 0, []
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
        pairs.append((segment, data))
    _store_strings(pairs, locale)
    if unpaired:
        record.warnings.append(
            f"{unpaired} text segment(s) of the source have no counterpart in this translation; they show the English"
        )
    translation, _created = Translation.objects.get_or_create(source=translation_source, target_locale=locale)
    translation.save_target(publish=True)
    target = source.get_translation(locale)
    return target.specific if isinstance(target, Page) else target


def _store_strings(pairs, locale):
    """Saves (segment, translated text) pairs as manual translations: one read and two bulk writes,
    where saving them one by one costs two queries and a savepoint each. A text that is not valid
    HTML is kept and flagged, as wagtail-localize flags it, so the page shows the source there."""
    existing = {
        (found.translation_of_id, found.context_id): found
        for found in StringTranslation.objects.filter(
            locale=locale,
            translation_of_id__in=[segment.string_id for segment, _data in pairs],
            context_id__in=[segment.context_id for segment, _data in pairs],
        )
    }
    manual, now = StringTranslation.TRANSLATION_TYPE_MANUAL, timezone.now()
    new, changed = [], []
    for segment, data in pairs:
        has_error = not _valid_html(data)
        found = existing.get((segment.string_id, segment.context_id))
        if found is None:
            new.append(
                StringTranslation(
                    translation_of_id=segment.string_id,
                    locale=locale,
                    context_id=segment.context_id,
                    data=data,
                    translation_type=manual,
                    has_error=has_error,
                )
            )
        elif (found.data, found.translation_type, found.has_error) != (data, manual, has_error):
            found.data, found.translation_type, found.has_error, found.updated_at = (
                data,
                manual,
                has_error,
                now,
            )
            changed.append(found)
    StringTranslation.objects.bulk_create(new)
    StringTranslation.objects.bulk_update(changed, ["data", "translation_type", "has_error", "updated_at"])


def _valid_html(text):
    try:
        StringValue.from_translated_html(text)
    except ValueError:
        return False
    return True
