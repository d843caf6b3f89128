"""Plain-text measures of rich-text bodies, and the plain text itself."""

import html
import math
import re

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# Where a reader sees a break between two words that the markup runs together.
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|td|th|tr|pre)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def word_count(html: str) -> int:
    return len(_WORD.findall(strip_tags(html or "")))


def reading_minutes(html: str) -> int:
    """Minutes an average reader needs, rounded up, never less than one."""
    return max(1, math.ceil(word_count(html) / WORDS_PER_MINUTE))


def plain_text(rich_text: str) -> str:
    """The text a reader reads: tags removed, entities decoded ("&amp;" is "&"), one line a block.

    For search: the index and its snippets hold what the page shows, never markup."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", rich_text or "")))
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()
