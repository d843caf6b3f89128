"""The demo's stories, read from the plain-text copy in ``demo/copy/``.

Writers edit prose more easily than Python strings, so each section's stories,
and the sentences its bodies are written from, live in a text file of
``key: value`` lines (``demo/copy/README.md`` describes the format). This module
reads them once, checks every slot, tag, place and picture they name, and
compiles each line into ``Template`` objects that render with a story's
``Facts`` and know their word count without counting again.
"""

import itertools
import re
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from richtext.measures import word_count

from . import photos, words
from .facts import WORDS, Facts, Topic, figure, is_slot, words_in

COPY_DIR = Path(__file__).with_name("copy")
SHARED_FILE = "newsroom.txt"
REGISTERS = ("news", "opinion", "culture")
# Kickers a story may carry; the sections "Opinion" and "Company news" label their own.
KICKERS = ("Analysis", "Breaking", "Explainer", "Interview", "Investigation", "Live", "Photo story", "Review")

LIST_KEYS = {"places", "roles", "topics", "tags", "scenes"}
SECTION_KEYS = LIST_KEYS | {"section", "register", "voice", "sentence", "subhead", "quote"}
STORY_KEYS = LIST_KEYS | {"story", "kicker", "headline", "standfirst", "lede", "more", "voice"}
# Lines every story of a section may carry: their figures must be their own ({percent2}),
# or a body would give the headline's figure to something else.
FILLER_KEYS = {"voice", "sentence", "subhead", "quote", "news", "correction"}
SHARED_KEYS = {"news", "correction"}

_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")
_FORMATTER = string.Formatter()


class CopyError(ValueError):
    """A line of the copy that the demo cannot use, with where it is."""


@dataclass(frozen=True)
class Template:
    """One way a line of copy can read, ready to fill: its text, its slots, its fixed words."""

    text: str
    slots: tuple[str, ...]
    fixed_words: int

    def render(self, facts: Facts) -> str:
        return self.text.format_map(facts)

    def render_counted(self, facts: Facts) -> tuple[str, int]:
        """The text and its word count, the slots' values counted once per value (this runs
        about five million times for the bench's archive, hence the plain loop)."""
        text = self.text.format_map(facts)
        total = self.fixed_words
        for slot in self.slots:
            value = facts[slot]
            count = WORDS.get(value)
            total += words_in(value) if count is None else count
        return text, total

    def __add__(self, other: "Template") -> "Template":
        """Two sentences as one paragraph."""
        return Template(f"{self.text} {other.text}", self.slots + other.slots, self.fixed_words + other.fixed_words)


def expand(line: str) -> list[str]:
    """Every reading of a line with ``[this|that]`` choices in it."""
    parts = _ALTERNATIVES.split(line)
    # split() puts the text between choices at even indexes and each choice's options at odd ones.
    options = [[part] if index % 2 == 0 else part.split("|") for index, part in enumerate(parts)]
    return ["".join(choice) for choice in itertools.product(*options)]


def compile_template(text: str, where: str = "") -> Template:
    slots = []
    try:
        fields = list(_FORMATTER.parse(text))
    except ValueError as error:  # an unbalanced brace
        raise CopyError(f"{where}: {error} in {text!r}") from None
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if spec or conversion or not is_slot(name):
            raise CopyError(f"{where}: unknown slot {{{name}}} in {text!r}")
        slots.append(name)
    # A value joined to its neighbours ("Kyiv’s", "Kyiv-based") is one word, so each slot
    # is counted as a placeholder word and replaced by its value's count when rendered.
    placeholder = _FORMATTER.vformat(text, (), dict.fromkeys(slots, "x")) if slots else text
    return Template(text, tuple(slots), word_count(placeholder) - len(slots))


def compile_line(line: str, where: str, *, is_filler: bool = False) -> tuple[Template, ...]:
    templates = tuple(compile_template(reading, where) for reading in expand(line))
    if is_filler:
        for slot in templates[0].slots:
            lowered = slot[:1].lower() + slot[1:]
            if figure(lowered) == lowered:
                raise CopyError(f"{where}: a shared line needs its own figure: write {{{slot}2}}, not {{{slot}}}")
    return templates


def parse_topic(text: str) -> Topic:
    name, plural, _ = text.partition(" (plural)")
    return Topic(name.strip(), is_plural=bool(plural))


@dataclass
class StoryKind:
    """One kind of story a section runs, e.g. "drones hit a city overnight"."""

    label: str
    where: str
    headlines: list[tuple[Template, ...]] = field(default_factory=list)
    standfirsts: list[tuple[Template, ...]] = field(default_factory=list)
    ledes: list[Template] = field(default_factory=list)
    more: list[tuple[Template, ...]] = field(default_factory=list)
    voices: list[Template] = field(default_factory=list)
    kicker: str = ""
    places: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    topics: tuple[Topic, ...] = ()
    tags: tuple[str, ...] = ()
    scenes: tuple[str, ...] = ()


@dataclass
class SectionCopy:
    slug: str
    register: str = "news"
    places: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    topics: tuple[Topic, ...] = ()
    tags: tuple[str, ...] = ()
    scenes: tuple[str, ...] = ()
    voices: list[Template] = field(default_factory=list)
    sentences: list[tuple[Template, ...]] = field(default_factory=list)
    subheads: list[tuple[Template, ...]] = field(default_factory=list)
    quotes: list[Template] = field(default_factory=list)
    stories: list[StoryKind] = field(default_factory=list)


@dataclass
class Copy:
    sections: dict[str, SectionCopy]
    news_sentences: list[tuple[Template, ...]]
    corrections: list[Template]


def read_lines(path: Path):
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.partition(":")
        where = f"{path.name}:{number}"
        if not colon:
            raise CopyError(f"{where}: expected 'key: value', got {line!r}")
        yield key.strip(), value.strip(), where


def list_value(key: str, value: str, where: str) -> tuple:
    items = tuple(item.strip() for item in value.split("|") if item.strip())
    known = {
        "places": words.PLACES,
        "tags": words.TAG_TOPICS,
        "scenes": photos.SCENE_NAMES,
    }.get(key)
    for item in items:
        if "{" in item:
            raise CopyError(f"{where}: {key} are values, not templates: {item!r}")
        if known is not None and item not in known:
            raise CopyError(f"{where}: unknown {key[:-1]} {item!r}")
    return tuple(parse_topic(item) for item in items) if key == "topics" else items


def read_section(path: Path) -> SectionCopy:
    section: SectionCopy | None = None
    story: StoryKind | None = None
    for key, value, where in read_lines(path):
        if key == "section":
            section = SectionCopy(slug=value)
            continue
        if section is None:
            raise CopyError(f"{where}: the file must start with 'section: <slug>'")
        if key == "story":
            story = StoryKind(label=value, where=where)
            section.stories.append(story)
            continue
        target = story if story is not None else section
        allowed = STORY_KEYS if story is not None else SECTION_KEYS
        if key not in allowed:
            raise CopyError(f"{where}: {key!r} is not a key here")
        if key in LIST_KEYS:
            setattr(target, key, list_value(key, value, where))
        elif key == "register":
            if value not in REGISTERS:
                raise CopyError(f"{where}: unknown register {value!r}")
            section.register = value
        elif key == "kicker":
            if value not in KICKERS:
                raise CopyError(f"{where}: unknown kicker {value!r}")
            story.kicker = value
        elif key in {"headline", "standfirst", "sentence", "subhead", "more"}:
            plural = {"sentence": "sentences", "subhead": "subheads", "more": "more"}.get(key, key + "s")
            getattr(target, plural).append(compile_line(value, where, is_filler=key in FILLER_KEYS))
        elif key == "lede":
            story.ledes.extend(compile_line(value, where))
        elif key == "voice":
            target.voices.extend(compile_line(value, where, is_filler=story is None))
        elif key == "quote":
            quote = f"<blockquote><p>“{value}”</p><p>— {{person}}, {{role}}</p></blockquote>"
            section.quotes.extend(compile_line(quote, where, is_filler=True))
    if section is None:
        raise CopyError(f"{path.name}: no 'section:' line")
    check_section(section)
    return section


def check_section(section: SectionCopy) -> None:
    for name in ("places", "roles", "topics", "tags", "scenes", "voices"):
        if not getattr(section, name):
            raise CopyError(f"{section.slug}: the section needs {name}")
    if not section.stories:
        raise CopyError(f"{section.slug}: no stories")
    for story in section.stories:
        for name in ("headlines", "standfirsts", "ledes"):
            if not getattr(story, name):
                raise CopyError(f"{story.where}: the story {story.label!r} has no {name}")


def read_shared(path: Path) -> tuple[list, list]:
    news, corrections = [], []
    for key, value, where in read_lines(path):
        if key not in SHARED_KEYS:
            raise CopyError(f"{where}: {key!r} is not a key here")
        if key == "news":
            news.append(compile_line(value, where, is_filler=True))
        else:
            corrections.extend(compile_line(value, where, is_filler=True))
    return news, corrections


@cache
def load_copy() -> Copy:
    sections = {}
    for path in sorted(COPY_DIR.glob("*.txt")):
        if path.name != SHARED_FILE:
            section = read_section(path)
            sections[section.slug] = section
    missing = {slug for _name, slug, _description, _nav in words.SECTIONS} - set(sections)
    if missing:
        raise CopyError(f"No copy for the sections {sorted(missing)}")
    news, corrections = read_shared(COPY_DIR / SHARED_FILE)
    return Copy(sections=sections, news_sentences=news, corrections=corrections)
