"""The article body as readers get it: blocks, with boxes placed between paragraphs.

The stored body is sanitised HTML (articles.sanitize), so its top-level blocks can
be told apart reliably. The page inserts the "Read also" box after the third
paragraph and the call-to-action where the editors placed it, and gives photos
placed in the text the same credited figure as every other photo.
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_VOID = {"br", "hr", "img"}


@dataclass
class Block:
    html: str
    tag: str

    @property
    def is_paragraph(self) -> bool:
        return self.tag == "p"


class _BlockSplitter(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.blocks: list[Block] = []
        self.depth = 0
        self.start = 0
        self.tag = ""
        self._line_offsets = [0]
        for line in source.splitlines(keepends=True):
            self._line_offsets.append(self._line_offsets[-1] + len(line))

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start, self.tag = self._offset(), tag
        if tag not in _VOID:
            self.depth += 1
        elif self.depth == 0:
            self._close(self._offset() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0:
            end = self.source.index(">", self._offset()) + 1
            self._close(end)

    def _close(self, end: int):
        html = self.source[self.start : end].strip()
        if html:
            self.blocks.append(Block(html=html, tag=self.tag))


def split_blocks(html: str) -> list[Block]:
    splitter = _BlockSplitter(html or "")
    splitter.feed(html or "")
    splitter.close()
    return splitter.blocks


_IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"', re.IGNORECASE)
_IMG_ALT = re.compile(r'<img\b[^>]*\balt="([^"]*)"', re.IGNORECASE)
_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)


def figure_image_source(block: Block) -> str | None:
    """The image address of a photo block (a figure or a lone image), if it is one."""
    if block.tag not in ("figure", "img"):
        return None
    match = _IMG_SRC.search(block.html)
    return match.group(1) if match else None


def figure_image_alt(block: Block) -> str:
    """The alt text the writer gave the photo in the editor ("" when none), still HTML-escaped."""
    match = _IMG_ALT.search(block.html)
    return html.unescape(match.group(1)).strip() if match else ""


def figure_caption_html(block: Block) -> str:
    match = _FIGCAPTION.search(block.html)
    return match.group(1).strip() if match else ""


# What may stand on its own at the top of a body; anything else there is loose text.
_BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure", "table", "hr"}


class _LooseTextFinder(_BlockSplitter):
    """Finds the runs of text and inline markup that sit outside any block, by offset."""

    def __init__(self, source: str):
        super().__init__(source)
        self.loose: list[tuple[int, int]] = []
        self._loose_start = None
        self._loose_end = 0

    def _extend_loose(self, start: int, end: int):
        if self._loose_start is None:
            self._loose_start = start
        self._loose_end = max(self._loose_end, end)

    def _end_loose(self):
        if self._loose_start is not None:
            self.loose.append((self._loose_start, self._loose_end))
            self._loose_start = None

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            start = self._offset()
            if tag in _BLOCK_TAGS:
                self._end_loose()
            else:
                self._extend_loose(start, start + len(self.get_starttag_text()))
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if self.depth == 0 and self._loose_start is not None and tag not in _BLOCK_TAGS:
            self._extend_loose(self._loose_start, self.source.index(">", self._offset()) + 1)

    def handle_data(self, data):
        if self.depth == 0 and data.strip():
            start = self._offset()
            self._extend_loose(start, start + len(data))

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def close(self):
        super().close()
        self._end_loose()


def wrap_loose_text(html_text: str) -> str:
    """The body with text that stands outside any block wrapped in a paragraph, so that no
    words are lost between blocks (pasted text, or a line typed after a table)."""
    if not html_text:
        return html_text or ""
    finder = _LooseTextFinder(html_text)
    finder.feed(html_text)
    finder.close()
    if not finder.loose:
        return html_text
    parts, position = [], 0
    for start, end in finder.loose:
        parts.append(html_text[position:start])
        parts.append(f"<p>{html_text[start:end].strip()}</p>")
        position = end
    parts.append(html_text[position:])
    return "".join(parts)
