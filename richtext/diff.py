"""Readable differences between two versions of an article's text."""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"\s+|[^\s]+")


def text_of(html: str) -> str:
    """The words of a rich-text field, paragraph breaks kept as new lines."""
    spaced = re.sub(r"</(p|h[1-6]|li|blockquote|figcaption|tr)>", "\n", html or "", flags=re.IGNORECASE)
    return re.sub(r"[ \t]+", " ", strip_tags(spaced)).strip()


def word_diff(old: str, new: str) -> SafeString:
    """HTML of ``new`` with removed words in <del> and added words in <ins>."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape("".join(old_tokens[a_start:a_end]))
        added = escape("".join(new_tokens[b_start:b_end]))
        if operation == "equal":
            parts.append(added)
        if operation in ("delete", "replace"):
            parts.append(f"<del>{removed}</del>")
        if operation in ("insert", "replace"):
            parts.append(f"<ins>{added}</ins>")
    # Safe: every piece was escaped above.
    return mark_safe("".join(parts).replace("\n", "<br>"))
