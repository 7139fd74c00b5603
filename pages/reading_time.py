"""How long an article takes to read: its words at an average adult's silent reading pace.

About 200 words a minute is a cautious figure for both English and Russian analysis (studies
put plain prose at 230–260 in English and a little less in Russian; policy texts are denser).
"""

import math
import re

from django.utils.html import strip_tags

from core.search_text import stream_text

WORDS_PER_MINUTE = 200
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(*texts):
    return sum(len(WORD.findall(strip_tags(text))) for text in texts if text)


def reading_minutes(article):
    """Whole minutes, at least one, for the summary and the body's text."""
    return max(1, math.ceil(word_count(article.summary, stream_text(article)) / WORDS_PER_MINUTE))
