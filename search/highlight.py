"""Result snippets with the searched words marked, word forms included.

The words are compared by their English and Russian snowball stems, the same stemmers the
search indexes use, so "sanctions" marks "sanction" and "санкциям" marks "санкции". This runs
on the few results of one page, the same way for the engine and the database backend.
"""

import re
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_LENGTH = 260
_STEMMERS = (snowballstemmer.stemmer("english"), snowballstemmer.stemmer("russian"))


@lru_cache(maxsize=4096)
def stem(word):
    word = word.lower()
    for stemmer in _STEMMERS:
        word = stemmer.stemWord(word)
    return word


def query_stems(query):
    return {stem(word) for word in WORD.findall(query) if len(word) > 1}


def _best_window(text, stems):
    """Where a snippet of text should start: just before the first matched word, else the start."""
    for match in WORD.finditer(text):
        if stem(match.group()) in stems:
            return max(0, text.rfind(" ", 0, max(0, match.start() - 60)) + 1)
    return 0


def snippet(text, query, length=SNIPPET_LENGTH):
    """Safe HTML: about ``length`` characters of ``text`` around the first match, matches in <mark>."""
    stems = query_stems(query)
    text = " ".join(text.split())
    start = _best_window(text, stems) if stems else 0
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    excerpt = text[start:end]
    marked = mark_words(excerpt, stems)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")


def mark_words(text, stems):
    """Escaped ``text`` with every word whose stem was searched for wrapped in <mark>."""
    parts, position = [], 0
    for match in WORD.finditer(text):
        if stem(match.group()) in stems:
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def highlighted_title(title, query):
    return mark_safe(mark_words(title, query_stems(query)))
