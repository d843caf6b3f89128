"""Headlines, bodies, tag names and author bios, written from the word pools.

Generating 100,000 bodies word by word would dominate the seeding time, so
``ParagraphPool`` writes a few hundred paragraphs once and articles pick from it.
"""

import random
from dataclasses import dataclass

from django.utils.text import slugify

from richtext.measures import word_count

from . import words

SLOT_CHOICES = {
    "City": words.CITIES,
    "City2": words.CITIES,
    "Country": words.COUNTRIES,
    "Company": words.COMPANIES,
    "Company2": words.COMPANIES,
    "institution": words.INSTITUTIONS,
    "amount": words.AMOUNTS,
    "percent": words.PERCENTS,
    "day": words.DAYS,
    "title": words.SPEAKER_TITLES,
}


def tag_names(count: int = 200) -> list[str]:
    """Distinct tag names: the topics, then places, then "<country> economy" and friends.

    Tag names are compared case-insensitively (``TAGGIT_CASE_INSENSITIVE``) and
    slugs must be unique too, so both are checked while the list is built.
    """
    countries = [country.removeprefix("the ") for country in words.COUNTRIES]
    candidates = [*words.TAG_TOPICS, *countries, *words.CITIES]
    candidates += [f"{country} {suffix}" for suffix in words.TAG_SUFFIXES for country in countries]
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


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"


class Filler(dict):
    """The values a template asks for, drawn only when asked so unused slots cost nothing.

    One filler serves a headline and its standfirst, so both name the same city.
    """

    def __init__(self, rng: random.Random, topics: tuple[str, ...], cities: tuple[str, ...] = words.CITIES):
        super().__init__()
        self.rng = rng
        self.topics = topics
        self.cities = cities

    def __missing__(self, key: str) -> str:
        if key == "person":
            value = person_name(self.rng)
        elif key == "topic":
            value = self.rng.choice(self.topics)
        elif key == "City":
            value = self.rng.choice(self.cities)
        else:
            value = self.rng.choice(SLOT_CHOICES[key])
            # "Nova Motors agrees to buy rival Nova Motors" would give the game away.
            while key.endswith("2") and value == self.get(key[:-1]):
                value = self.rng.choice(SLOT_CHOICES[key])
        self[key] = value
        return value


def fill(template: str, filler: Filler) -> str:
    text = template.format_map(filler)
    return text[:1].upper() + text[1:]


def headline_and_standfirst(rng: random.Random, section_slug: str) -> tuple[str, str]:
    filler = Filler(
        rng,
        words.SECTION_TOPICS[section_slug],
        words.SECTION_CITIES.get(section_slug, words.CITIES),
    )
    return fill(rng.choice(words.HEADLINES[section_slug]), filler), fill(rng.choice(words.STANDFIRSTS), filler)


@dataclass(frozen=True)
class Block:
    """One piece of body HTML and its word count, so bodies can be measured by addition."""

    html: str
    words: int


def make_block(html: str) -> Block:
    return Block(html, word_count(html))


class ParagraphPool:
    """Paragraphs, subheads and quotes written once, for articles to draw from.

    Blocks are joined with newlines, which ``strip_tags`` keeps, so a body's word
    count is exactly the sum of its blocks' and the reading time needs no second
    pass over 100,000 bodies.
    """

    MAX_PARAGRAPH_WORDS = 110

    def __init__(self, rng: random.Random, size: int = 400):
        self.paragraphs = [self._paragraph(rng) for _ in range(size)]
        self.subheads = [
            make_block(f"<h2>{fill(subhead, Filler(rng, words.EUROPE_TOPICS))}</h2>")
            for subhead in words.SUBHEADS
            for _ in range(3)
        ]
        self.quotes = [
            make_block(
                f"<blockquote><p>“{quote}”</p>"
                f"<p>— {person_name(rng)}, {rng.choice(words.SPEAKER_TITLES)}</p></blockquote>"
            )
            for quote in words.QUOTES
            for _ in range(4)
        ]

    def _paragraph(self, rng: random.Random) -> Block:
        topics = rng.choice(tuple(words.SECTION_TOPICS.values()))
        sentences, total = [], 0
        for _ in range(rng.randint(2, 5)):
            sentence = fill(rng.choice(words.SENTENCES), Filler(rng, topics))
            sentence_words = word_count(sentence)
            if total + sentence_words > self.MAX_PARAGRAPH_WORDS:
                break
            sentences.append(sentence)
            total += sentence_words
        return make_block(f"<p>{' '.join(sentences)}</p>")

    def body(self, rng: random.Random, target_words: int) -> tuple[str, int]:
        """Body HTML of at least ``target_words`` words, and its word count."""
        blocks: list[Block] = []
        total = 0
        has_quote = False
        while total < target_words:
            # A subhead needs a few paragraphs after it, so none near the end.
            if len(blocks) % 5 == 4 and total < target_words - 200 and rng.random() < 0.5:
                block = rng.choice(self.subheads)
            elif blocks and not has_quote and rng.random() < 0.06:
                block, has_quote = rng.choice(self.quotes), True
            else:
                block = rng.choice(self.paragraphs)
            blocks.append(block)
            total += block.words
        return "\n".join(block.html for block in blocks), total


@dataclass(frozen=True)
class AuthorProfile:
    name: str
    initials: str
    role: str
    short_bio: str
    full_bio: str
    awards: str


def author_profiles(rng: random.Random) -> list[AuthorProfile]:
    """One profile per seat in ``AUTHOR_ROLES``, each with a different name."""
    pairs = [(first, last) for first in words.FIRST_NAMES for last in words.LAST_NAMES]
    seats = [(role, beat) for role, count, beat in words.AUTHOR_ROLES for _ in range(count)]
    profiles = []
    for (first, last), (role, beat) in zip(rng.sample(pairs, len(seats)), seats, strict=True):
        name, home = f"{first} {last}", rng.choice(words.CITIES)
        career, earlier_career = rng.sample(words.CAREER_STEPS, 2)
        short_bio = f"{name} {beat}. {career.format(first=first, city=home)}"
        paragraphs = [
            short_bio,
            earlier_career.format(first=first, city=rng.choice(words.CITIES)),
            f"{first} lives in {home}. Story ideas are welcome at the address below.",
        ]
        awards = ""
        if rng.random() < 0.3:
            won = rng.sample(words.AWARDS, rng.randint(1, 2))
            awards = "\n".join(f"{award}, {rng.randint(2015, 2025)}" for award in won)
        profiles.append(
            AuthorProfile(
                name=name,
                initials=f"{first[0]}{last.split()[-1][0].upper()}",
                role=role,
                short_bio=short_bio,
                full_bio="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
                awards=awards,
            )
        )
    return profiles
