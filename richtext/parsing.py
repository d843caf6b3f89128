"""Numbers typed into query strings and forms, read defensively.

``str.isdigit()`` is true for "²" and "①", which ``int()`` refuses, and an id of
thirty digits overflows the database: ``whole_number`` takes only plain decimal
digits, and only up to a bound.
"""

import re

_DIGITS = re.compile(r"[0-9]{1,12}")
LARGEST_ID = 2**31 - 1


def whole_number(text, *, at_most: int = LARGEST_ID) -> int | None:
    """The number ``text`` spells in ASCII digits, if it is between 0 and ``at_most``; else None."""
    if not isinstance(text, str) or not _DIGITS.fullmatch(text.strip()):
        return None
    number = int(text.strip())
    return number if number <= at_most else None
