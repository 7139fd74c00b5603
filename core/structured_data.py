"""Page types describe themselves to search engines and sharing cards: their OpenGraph type and
their schema.org JSON-LD. Each app registers its own page types from its ``ready()``, so this
module knows none of them (core sits left of every app that defines pages).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

# What json_script escapes: a string holding "</script>" or "<!--" cannot end or bend the element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SCHEMA_CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Description:
    og_type: str = "website"
    # (page, head) → one schema.org node, a list of them, or None; head is a core.page_head.PageHead.
    schema: Callable | None = None


DESCRIPTIONS = {}
PLAIN = Description()


def describe(model, og_type="website", schema=None):
    """Called from an app's ready(): pages of this type (and its subclasses) describe themselves so."""
    DESCRIPTIONS[model] = Description(og_type=og_type, schema=schema)


def description_of(page):
    for cls in type(page).__mro__:
        if cls in DESCRIPTIONS:
            return DESCRIPTIONS[cls]
    return PLAIN


def nodes_of(page, head):
    """The page type's own schema.org nodes, as a list."""
    schema = description_of(page).schema
    found = schema(page, head) if schema else None
    if found is None:
        return []
    return found if isinstance(found, list) else [found]


def script_json(nodes):
    """The JSON text for a <script type="application/ld+json"> holding these nodes in one graph."""
    document = {"@context": SCHEMA_CONTEXT, "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
