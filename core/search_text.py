"""The plain text of rich text and StreamFields, for search indexes and word counts.

Wagtail's own route (``StreamField.get_searchable_content``) builds every block's Python value
first, which reads the chosen images and documents from the database, and strips tags with an
HTML parser; on the archive that was most of a reindex. Here the stream's stored JSON is walked
alongside its block definitions, rich text is stripped with two patterns, and blocks that hold
no text of their own (choosers, embeds, addresses, choices) are skipped without being loaded. Blocks
marked ``search_index=False`` stay out, as they do in Wagtail.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar
from html import unescape

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

# The end of a paragraph, heading, list item or quote, or a line break, keeps a space between words.
_BREAK = re.compile(r"</(?:p|h[1-6]|li|blockquote)\s*>|<(?:br|hr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# Choosers hold an id, addresses and embeds (URL blocks) a link: Wagtail indexes no text for either.
# A choice says how a block looks (a heading's level): its label is not the author's text, and
# Wagtail's way of reading it (building the block's value) cost as much as the rest of a body.
_TEXTLESS = (blocks.ChooserBlock, blocks.URLBlock, blocks.ChoiceBlock)


def rich_text_to_text(html):
    """Readable text of stored rich text: tags removed, entities decoded, words kept apart."""
    return unescape(_TAG.sub("", _BREAK.sub(" ", html or ""))).strip()


def _list_item(raw):
    """A list item stored in Wagtail's block format ({"type": "item", "value": …}) or bare."""
    if isinstance(raw, dict) and raw.get("type") == "item" and "value" in raw:
        return raw["value"]
    return raw


def block_texts(block, raw):
    """The searchable strings of one block's stored (JSON) value."""
    if raw is None or not getattr(block, "search_index", True) or isinstance(block, _TEXTLESS):
        return []
    if isinstance(block, blocks.RichTextBlock):
        text = rich_text_to_text(raw)
        return [text] if text else []
    if isinstance(block, blocks.StreamBlock):
        return [
            text
            for child in raw
            if child.get("type") in block.child_blocks
            for text in block_texts(block.child_blocks[child["type"]], child.get("value"))
        ]
    if isinstance(block, blocks.StructBlock):
        return [
            text for name, child in block.child_blocks.items() for text in block_texts(child, raw.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in raw for text in block_texts(block.child_block, _list_item(item))]
    return block.get_searchable_content(block.to_python(raw))


def stream_text(page, field_name="body"):
    """All the words of a page's StreamField, one string."""
    field = page._meta.get_field(field_name)
    return " ".join(block_texts(field.stream_block, getattr(page, field_name).raw_data))


_batch = ContextVar("search_text_batch", default=None)


@contextmanager
def texts_kept_for_batch():
    """While indexing one batch, each object's text is worked out once: the database backends read
    every field of an object three to five times (title, body, autocomplete, fuzzy text)."""
    token = _batch.set(object())
    try:
        yield
    finally:
        _batch.reset(token)


class TextSearchField(index.SearchField):
    """A search field for a StreamField or rich text field, indexed as its plain text by the route above."""

    def get_value(self, obj):
        batch = _batch.get()
        if batch is None:
            return self._text(obj)
        kept_for, texts = obj.__dict__.get("_search_texts", (None, {}))
        if kept_for is not batch:
            texts = {}
            obj.__dict__["_search_texts"] = (batch, texts)
        if self.field_name not in texts:
            texts[self.field_name] = self._text(obj)
        return texts[self.field_name]

    def _text(self, obj):
        field = obj._meta.get_field(self.field_name)
        if isinstance(field, StreamField):
            return stream_text(obj, self.field_name)
        if isinstance(field, RichTextField):
            return rich_text_to_text(getattr(obj, self.field_name))
        return super().get_value(obj)
