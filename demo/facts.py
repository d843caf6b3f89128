"""The facts of one demo story: who, where, how many, drawn when the copy first asks.

A story's headline, standfirst, body and correction are all filled from one
``Facts``, so the city in the headline is the city in the first paragraph and
the person introduced with a role is the one quoted later. Values are drawn
lazily: a slot the story's templates never use costs nothing.

Slot names as the copy writes them (see ``demo/copy/README.md``):

- ``{City}``, ``{City2}``: places from the story's place group;
- ``{Country}``, ``{national}``, ``{Capital}`` (one country), ``{Country2}``, ``{national2}``;
- ``{person}``, ``{surname}``, ``{role}`` and the same with 2 and 3: invented people;
- ``{Company}``, ``{company_kind}`` and ``{Company2}``, ``{company2_kind}``: invented companies;
- ``{topic}``, and ``{is|are}``-style pairs that agree with it: singular first, plural second;
- ``{Work}``: an invented title; ``{day}``, ``{weekday}``, ``{year}``;
- numbers: ``{amount}``, ``{percent}``, ``{share}``, ``{rate}`` and the ``n_...`` counts in ``NUMBERS``;
  ``{percent2}``, ``{n_km3}`` and so on draw another figure of the same kind.

A lowercase slot written with a capital (``{Topic}``, ``{Role}``, ``{Day}``) starts a sentence.
"""

import random
from dataclasses import dataclass
from functools import cache

from richtext.measures import word_count

from . import words


@dataclass(frozen=True)
class Topic:
    name: str
    is_plural: bool = False

    def __str__(self) -> str:
        return self.name


SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class Count:
    low: int
    high: int
    step: int = 1

    def draw(self, rng: random.Random) -> str:
        """Newspaper style: one to nine in words, larger numbers in figures with thousands separated."""
        value = rng.randrange(self.low, self.high + 1, self.step)
        return SMALL_NUMBERS[value] if value < 10 else f"{value:,}"


NUMBERS = {
    "n_drones": Count(24, 160),
    "n_missiles": Count(3, 30),
    "n_homes": Count(12, 400),
    "households": Count(6_000, 240_000, 1_000),
    "n_villages": Count(3, 14),
    "n_days": Count(3, 14),
    "n_weeks": Count(2, 9),
    "n_months": Count(2, 10),
    "n_years": Count(3, 30),
    "n_hours": Count(3, 16),
    "n_wait_hours": Count(14, 60),
    "n_jobs": Count(120, 2_400, 10),
    "n_prisoners": Count(48, 260, 2),
    "n_hectares": Count(300, 9_000, 50),
    "n_km": Count(12, 140),
    "n_staff": Count(25, 180),
    "n_beds": Count(40, 220, 10),
    "n_donors": Count(900, 4_000, 10),
    "n_countries": Count(12, 40),
    "n_votes": Count(226, 318),
    "n_against": Count(18, 120),
    "n_schools": Count(4, 40),
    "n_pupils": Count(120, 900, 10),
    "n_flats": Count(40, 480, 4),
    "n_trucks": Count(200, 1_800, 10),
    "n_ships": Count(8, 60),
    "n_visitors": Count(2_000, 60_000, 100),
    "n_copies": Count(2_000, 40_000, 500),
    "n_artists": Count(12, 80),
    "n_members": Count(12, 60),
    "n_stores": Count(8, 90),
    "n_buses": Count(6, 60),
    "n_employees": Count(1_500, 24_000, 100),
}
SHARES = ("a fifth", "a quarter", "a third", "half", "two-thirds")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DRAWN = {
    "amount": lambda rng: f"€{rng.randrange(12, 950)}m" if rng.random() < 0.85 else f"€{rng.uniform(1.1, 4.8):.1f}bn",
    "percent": lambda rng: f"{rng.uniform(0.6, 9.8):.1f}%",
    "share": lambda rng: rng.choice(SHARES),
    "rate": lambda rng: f"{rng.randrange(10, 64) / 4:g}%",
    "m_tonnes": lambda rng: f"{rng.uniform(1.1, 6.8):.1f}",
    "weekday": lambda rng: rng.choice(WEEKDAYS),
    "year": lambda rng: str(rng.randint(2027, 2031)),
    "Work": lambda rng: rng.choice(words.WORKS),
}
SLOTS = frozenset(
    {
        *NUMBERS,
        *DRAWN,
        "day",
        "City",
        "City2",
        "Country",
        "national",
        "Capital",
        "Country2",
        "national2",
        "topic",
        "Company",
        "company_kind",
        "Company2",
        "company2_kind",
        *(f"{name}{n}" for name in ("person", "surname", "role") for n in ("", "2", "3")),
    }
)


@cache
def figure(name: str) -> str | None:
    """The number a slot draws: ``n_km`` for ``n_km`` and ``n_km2``, so one story can cite two
    different distances; ``None`` for slots that are not numbers."""
    base = name.rstrip("23456789")
    return base if base in NUMBERS or base in {"amount", "percent", "share", "rate"} else None


def is_slot(name: str) -> bool:
    """Whether the copy may write ``{name}``."""
    if "|" in name:
        return name.count("|") == 1 and all(name.split("|"))
    lowered = name[:1].lower() + name[1:]
    return name in SLOTS or lowered in SLOTS or figure(lowered) is not None


WORDS: dict[str, int] = {}


def words_in(value: str) -> int:
    """How many words ``word_count`` finds in a slot's value; values repeat, so they are counted once."""
    count = WORDS.get(value)
    if count is None:
        count = WORDS[value] = word_count(value)
    return count


def person_name(rng: random.Random) -> tuple[str, str, bool]:
    """An invented person: given name, surname (in the form that goes with it), whether a woman."""
    is_woman = rng.random() < 0.5
    surname = rng.choice(words.SURNAMES)
    if isinstance(surname, tuple):
        surname = surname[is_woman]
    return rng.choice(words.WOMEN if is_woman else words.MEN), surname, is_woman


class Facts(dict):
    """Slot values for one story, drawn on first use with the story's random stream."""

    def __init__(self, rng: random.Random, *, places, roles, topics):
        super().__init__()
        self.rng = rng
        self.places = places
        self.roles = roles
        self.topics = topics
        self.people: set[str] = set()
        self.topic: Topic | None = None

    def __missing__(self, key: str) -> str:
        value = self.draw(key)
        self[key] = value
        return value

    def draw(self, key: str) -> str:
        rng = self.rng
        if "|" in key:
            singular, plural = key.split("|")
            if "topic" not in self:  # the verb agrees with the topic, so the topic comes first
                self["topic"] = self.draw("topic")
            return plural if self.topic.is_plural else singular
        number = figure(key)
        if number in NUMBERS:
            return NUMBERS[number].draw(rng)
        if number is not None:
            return DRAWN[number](rng)
        if key in DRAWN:
            return DRAWN[key](rng)
        if key == "topic":
            self.topic = rng.choice(self.topics)
            return self.topic.name
        if key in {"City", "City2"}:
            return self.different("City", key, lambda: rng.choice(self.places))
        if key == "day":
            return f"on {rng.choice(WEEKDAYS[:5])}" if rng.random() < 0.85 else "at the weekend"
        if key.startswith(("person", "surname")):
            self.draw_person(key.removeprefix("person").removeprefix("surname"))
            return self[key]
        if key.startswith("role"):
            return self.different("role", key, lambda: rng.choice(self.roles), also=("role2", "role3"))
        if key in {"Country", "national", "Capital", "Country2", "national2"}:
            self.draw_country("2" if key.endswith("2") else "")
            return self[key]
        if key in {"Company", "company_kind", "Company2", "company2_kind"}:
            self.draw_company("2" if key.endswith("2") else "")
            return self[key]
        if key[:1].isupper():
            value = self[key[:1].lower() + key[1:]]
            return value[:1].upper() + value[1:]
        raise KeyError(key)

    def different(self, family: str, key: str, draw, also=()) -> str:
        """A value unlike the others of its family already drawn (``City2`` is not ``City``)."""
        taken = {self.get(name) for name in (family, f"{family}2", f"{family}3", *also) if name != key}
        for _ in range(20):
            value = draw()
            if value not in taken:
                return value
        return value

    def draw_person(self, number: str) -> None:
        while True:
            first, surname, _ = person_name(self.rng)
            if surname not in self.people:
                break
        self.people.add(surname)
        self[f"person{number}"] = f"{first} {surname}"
        self[f"surname{number}"] = surname

    def draw_country(self, number: str) -> None:
        taken = self.get("Country2" if not number else "Country")
        name, adjective, capital = self.rng.choice([c for c in words.COUNTRIES if c[0] != taken])
        self[f"Country{number}"] = name
        self[f"national{number}"] = adjective
        if not number:
            self["Capital"] = capital

    def draw_company(self, number: str) -> None:
        taken = self.get("Company2" if not number else "Company")
        name, kind = self.rng.choice([c for c in words.COMPANIES if c[0] != taken])
        self[f"Company{number}"] = name
        self[f"company{number}_kind"] = kind
