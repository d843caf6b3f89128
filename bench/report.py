"""docs/performance.md: generated blocks between markers, the rest of the document untouched."""

import re
from pathlib import Path

INTRO = """# Performance

What the public site costs on a page-cache miss, measured by `make bench` (`python -m bench`)
against a constant-response Django view on the same server settings (the ceiling) and a
comparable Wagtail site (the peer). `make bench-scale` runs it at 10,000 and 1,000,000
articles and compares. The blocks between `<!-- bench… -->` markers are rewritten by each
run; everything else in this document is written by hand and left alone.

How to run it, what "warm" and "cold" mean, and what each figure is: see "How the bench
measures" at the end.
"""


def markers(key: str) -> tuple[str, str]:
    return f"<!-- {key} -->", f"<!-- /{key} -->"


def write_block(document: str, key: str, content: str) -> str:
    """``document`` with the block ``key`` replaced by ``content`` (added at the end if new)."""
    start, end = markers(key)
    block = f"{start}\n{content.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _: block, document, count=1)
    return document.rstrip("\n") + "\n\n" + block + "\n"


def read_block(document: str, key: str) -> str | None:
    start, end = markers(key)
    match = re.search(re.escape(start) + r"\n(.*?)\n" + re.escape(end), document, re.DOTALL)
    return match[1] if match else None


def update_document(path: Path, blocks: dict[str, str], *, intro: str = INTRO) -> None:
    """Write ``blocks`` into the document at ``path``, creating it with ``intro`` if missing."""
    document = path.read_text() if path.exists() else intro
    for key, content in blocks.items():
        document = write_block(document, key, content)
    path.write_text(document)


def table(header: list[str], rows: list[list[str]], *, align: str = "") -> str:
    """A Markdown table; ``align`` has one letter per column, "l" or "r" (right by default)."""
    align = align.ljust(len(header), "r")
    rule = ["---" if side == "l" else "--:" for side in align]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)
