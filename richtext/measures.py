"""Plain-text measures of rich-text bodies."""

import math
import re

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def word_count(html: str) -> int:
    return len(_WORD.findall(strip_tags(html or "")))


def reading_minutes(html: str) -> int:
    """Minutes an average reader needs, rounded up, never less than one."""
    return max(1, math.ceil(word_count(html) / WORDS_PER_MINUTE))
