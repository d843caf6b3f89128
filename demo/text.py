"""Articles written from the copy: headline, standfirst, body and correction of one story.

A ``Story`` is one kind of story from a section's copy with its own ``Facts``, so
everything in an article follows from the same seed: the headline's city, the
person quoted, the numbers. ``StoryDesk`` hands out stories section by section,
going through every kind before repeating one and never printing a headline
(or slug) twice. Bodies are built from paragraphs prepared once by
``BodyWriter``: writing 100,000 bodies sentence by sentence, and counting
their words afterwards, would dominate the seeding time.
"""

import random
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.text import slugify

from . import words
from .facts import Facts
from .stories import Copy, SectionCopy, StoryKind, Template, load_copy

SLUG_LENGTH = 280
# Draws of a new story before a headline is made unique by its date (only a very large
# archive runs out of fresh headlines; the default demo never does).
FRESH_ATTEMPTS = 12
# A kind of story that keeps producing headlines already used has run out of new ones
# and is retired, so a large archive does not spend its time drawing it again.
MISSES_BEFORE_RETIRING = 6
SUBHEADS_PER_BODY = 2
QUOTE_SHARE = 0.5
PARTITIONS_PER_SECTION = 24
# Explainers, analyses, interviews, live pages and the like run half as often as plain news,
# so their kickers stay rare on a front page.
LABELLED_KIND_SHARE = 0.5


def tag_names(count: int = 200) -> list[str]:
    """Distinct tag names: the topics, then places, then "<country> economy" and friends.

    Tag names are compared case-insensitively (``TAGGIT_CASE_INSENSITIVE``) and
    slugs must be unique too, so both are checked while the list is built.
    """
    countries = [name.removeprefix("the ") for name, _adjective, _capital in words.COUNTRIES]
    candidates = [*words.TAG_TOPICS, "Ukraine", *countries, *words.CITIES]
    candidates += [f"{country} {suffix}" for suffix in words.TAG_SUFFIXES for country in ("Ukraine", *countries)]
    names, seen = [], set()
    for candidate in candidates:
        name = candidate[:1].upper() + candidate[1:]
        key, slug = name.casefold(), slugify(name)
        if key in seen or slug in seen:
            continue
        seen.update({key, slug})
        names.append(name)
        if len(names) == count:
            return names
    raise ValueError(f"The word pools make only {len(names)} distinct tags, not {count}.")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Story:
    """One article's worth of facts and the copy they fill."""

    kind: StoryKind
    section: SectionCopy
    facts: Facts
    headline: str
    standfirst: str
    turn: int = 0

    @property
    def kicker(self) -> str:
        return self.kind.kicker

    @property
    def tags(self) -> tuple[str, ...]:
        """The story's own tags, then the places it names (the builder adds the section's)."""
        places = [self.facts[key] for key in ("City", "Country") if key in self.facts]
        return tuple(dict.fromkeys((*self.kind.tags, *places)))

    @property
    def scenes(self) -> tuple[str, ...]:
        return self.kind.scenes or self.section.scenes


class StoryDesk:
    """Assigns stories to sections the way a news desk would: varied, and never the same headline twice."""

    def __init__(self, rng: random.Random, copy: Copy | None = None):
        self.rng = rng
        self.copy = copy or load_copy()
        self.active: dict[str, list[StoryKind]] = {
            slug: list(section.stories) for slug, section in self.copy.sections.items()
        }
        self.queues: dict[str, list[StoryKind]] = {slug: [] for slug in self.copy.sections}
        self.uses: dict[int, int] = {}
        self.turns: dict[int, int] = {}
        self.misses: dict[int, int] = {}
        self.used_slugs: set[str] = set()
        self.used_headlines: set[str] = set()
        self.place_cache: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.disambiguated = 0

    def next_kind(self, section: str) -> StoryKind:
        """Every kind of story in the section once, in random order, before any comes round again."""
        queue, active = self.queues[section], self.active[section]
        while True:
            if not queue:
                queue.extend(self.rng.sample(active, len(active)))
            kind = queue.pop()
            if kind in active and (not kind.kicker or self.rng.random() < LABELLED_KIND_SHARE):
                return kind

    def missed(self, section: str, kind: StoryKind) -> None:
        misses = self.misses[id(kind)] = self.misses.get(id(kind), 0) + 1
        active = self.active[section]
        if misses >= MISSES_BEFORE_RETIRING and len(active) > 1 and kind in active:
            active.remove(kind)

    def pick(self, options: list[tuple[Template, ...]], turn: int) -> Template:
        """The line after the one this kind used last time, in one of its readings."""
        return self.rng.choice(options[turn % len(options)])

    def places(self, groups: tuple[str, ...]) -> tuple[str, ...]:
        if groups not in self.place_cache:
            self.place_cache[groups] = tuple(dict.fromkeys(city for group in groups for city in words.PLACES[group]))
        return self.place_cache[groups]

    def draft(self, section_slug: str) -> Story:
        """A story of the section's next kind, its standfirst still to write."""
        section = self.copy.sections[section_slug]
        kind = self.next_kind(section_slug)
        # Every draft takes the kind's next headline line, so one line running out of
        # fresh readings does not keep the kind from the readings of its others.
        turn = self.turns[id(kind)] = self.turns.get(id(kind), -1) + 1
        facts = Facts(
            self.rng,
            places=self.places(kind.places or section.places),
            roles=kind.roles or section.roles,
            topics=kind.topics or section.topics,
        )
        headline = capitalised(self.pick(kind.headlines, turn).render(facts))
        return Story(kind, section, facts, headline, "", turn)

    def story(self, section_slug: str, when: datetime) -> tuple[Story, str]:
        """A story whose headline has not run yet, and the slug that goes with it."""
        for _ in range(FRESH_ATTEMPTS):
            story = self.draft(section_slug)
            if story.headline not in self.used_headlines:
                slug = slugify(story.headline)[:SLUG_LENGTH]
                if slug not in self.used_slugs:
                    self.finish(story)
                    self.used_headlines.add(story.headline)
                    self.used_slugs.add(slug)
                    return story, slug
            self.missed(section_slug, story.kind)
        # Only an archive of tens of thousands gets here: date the headline, as a newsroom
        # does with a recurring one ("Key events, 3 March 2025").
        self.disambiguated += 1
        base, when = story.headline, timezone.localtime(when)
        for suffix in (f"{when.day} {when:%B %Y}", f"{when.day} {when:%B %Y}, {when:%H:%M}"):
            story.headline = f"{base} ({suffix})"
            slug = slugify(story.headline)[:SLUG_LENGTH]
            if slug not in self.used_slugs:
                break
        else:
            number = 2
            while slug in self.used_slugs:
                story.headline, number = f"{base} ({when.day} {when:%B %Y}, part {number})", number + 1
                slug = slugify(story.headline)[:SLUG_LENGTH]
        self.finish(story)
        self.used_slugs.add(slug)
        return story, slug

    def finish(self, story: Story) -> None:
        """Write the standfirst, from the same facts, and count the kind as used."""
        self.uses[id(story.kind)] = self.uses.get(id(story.kind), 0) + 1
        self.misses[id(story.kind)] = 0
        story.standfirst = capitalised(self.pick(story.kind.standfirsts, story.turn).render(story.facts))

    def correction(self, story: Story) -> str:
        return capitalised(self.rng.choice(self.copy.corrections).render(story.facts))


@dataclass(frozen=True)
class Block:
    """A paragraph, subhead or quote as a template, wrapped in its HTML."""

    template: Template
    tag: str

    def render(self, facts: Facts) -> tuple[str, int]:
        text, count = self.template.render_counted(facts)
        if self.tag == "blockquote":  # the quote template carries its own markup
            return text, count
        return f"<{self.tag}>{text}</{self.tag}>", count


class BodyWriter:
    """Bodies from paragraphs joined once per seed: the sentences of a section, shuffled.

    Each section gets ``PARTITIONS_PER_SECTION`` different orderings of its
    sentences (and, for news, the shared ones), cut into paragraphs of two to
    four sentences. An article follows one ordering from the start, so no
    sentence appears twice in it, and the section's own sentences come first.
    Blocks are joined with newlines, which ``strip_tags`` keeps, so a body's word
    count is the sum of its blocks' and the reading time needs no second pass.
    """

    def __init__(self, rng: random.Random, copy: Copy | None = None):
        copy = copy or load_copy()
        self.partitions: dict[str, list[list[Block]]] = {}
        for slug, section in copy.sections.items():
            shared = copy.news_sentences if section.register == "news" else []
            self.partitions[slug] = [
                self.partition(rng, section.sentences, shared) for _ in range(PARTITIONS_PER_SECTION)
            ]

    @staticmethod
    def partition(rng: random.Random, own: list, shared: list) -> list[Block]:
        sentences = [rng.choice(readings) for readings in rng.sample(own, len(own))]
        sentences += [rng.choice(readings) for readings in rng.sample(shared, len(shared))]
        paragraphs = []
        while sentences:
            size = min(len(sentences), rng.choice((2, 3, 3, 4)))
            paragraph, sentences = sentences[:size], sentences[size:]
            joined = paragraph[0]
            for sentence in paragraph[1:]:
                joined = joined + sentence
            paragraphs.append(Block(joined, "p"))
        return paragraphs

    def body(self, rng: random.Random, story: Story, target_words: int) -> tuple[str, int]:
        """Body HTML of about ``target_words`` words, and its count: the story's lede, a voice, the
        story's own paragraphs, then the section's until the target (and at least four blocks)."""
        facts, section = story.facts, story.section
        blocks = [Block(rng.choice(story.kind.ledes), "p"), Block(rng.choice(story.kind.voices or section.voices), "p")]
        blocks += [Block(rng.choice(readings), "p") for readings in story.kind.more]
        subheads = [Block(rng.choice(readings), "h2") for readings in rng.sample(section.subheads, SUBHEADS_PER_BODY)]
        quote = Block(rng.choice(section.quotes), "blockquote") if rng.random() < QUOTE_SHARE else None
        quote_after = rng.randint(3, 5)
        html, total = [], 0
        for block in blocks:
            text, count = block.render(facts)
            html.append(text)
            total += count
        paragraphs_since_subhead = 0
        for paragraph in rng.choice(self.partitions[section.slug]):
            if total >= target_words and len(html) >= 4:
                break
            if subheads and paragraphs_since_subhead >= 3 and target_words - total > 150 and rng.random() < 0.5:
                text, count = subheads.pop().render(facts)
                html.append(text)
                total += count
                paragraphs_since_subhead = 0
            if quote is not None and len(html) >= quote_after:
                text, count = quote.render(facts)
                html.append(text)
                total += count
                quote = None
            text, count = paragraph.render(facts)
            html.append(text)
            total += count
            paragraphs_since_subhead += 1
        return "\n".join(html), total
