"""The demo newsroom's staff: forty invented people, their beats and their bios.

Each bio reads like a newspaper's staff page (what the person covers, where they
came from, one detail) and ends with the contact line the newsroom publishes for
them, so a reader who gets to the end of it knows where to write. The address is
on a reserved ``.example`` domain and is also the author's ``email``.
"""

import random
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.text import slugify

from . import words

EMAIL_DOMAIN = "newsroom.example"

# (role, what each person in that role covers); one author per beat, forty in all.
SEATS = (
    ("Editor-in-chief", ("the newsroom",)),
    ("Deputy editor", ("the front page and the evening news", "news, the live pages and the newsletters")),
    ("Editor", ("the politics desk", "the Europe desk", "the business pages")),
    (
        "Senior reporter",
        (
            "the war in the east",
            "the war in the south",
            "national security and the intelligence services",
            "defence procurement and the arms industry",
            "war crimes investigations",
            "the air war and air defence",
        ),
    ),
    (
        "Reporter",
        (
            "parliament",
            "cities and public services",
            "health and hospitals",
            "schools and universities",
            "the courts and corruption cases",
            "energy and the power grid",
            "housing and reconstruction",
            "transport and the railways",
            "veterans and their families",
        ),
    ),
    (
        "Business reporter",
        (
            "energy and commodities",
            "banks, markets and the currency",
            "trade, farming and grain exports",
            "technology and start-ups",
        ),
    ),
    ("Correspondent", ("Brussels", "Warsaw", "the Baltic states")),
    (
        "Photographer",
        (
            "documents the front line and the towns near it",
            "photographs politics and everyday life in Kyiv",
            "covers reconstruction and the people doing it",
            "photographs culture, sport and the cities of the west",
        ),
    ),
    ("Video journalist", ("the front line and the cities near it",)),
    ("Columnist", ("politics and society", "Europe and the world", "ideas, books and culture")),
    ("Data journalist", ("budgets and public spending", "polls, elections and public data")),
    ("Translator", ("Ukrainian and Polish", "Ukrainian and German")),
)

PREVIOUS_JOBS = (
    ("a regional daily in {city}", "{they} covered the city council and the courts"),
    ("a news agency in Kyiv", "{they} worked on the night desk"),
    ("local radio in {city}", "{they} presented the morning news"),
    ("a business weekly", "{they} wrote about banks and energy"),
    ("a television channel in {city}", "{they} produced documentaries"),
    ("an investigative outlet in {city}", "{they} reported on public procurement"),
    ("a wire service in Warsaw", "{they} covered Central Europe"),
)
DETAILS = (
    "{They} {is} based in {home} and {speaks} {languages}.",
    "{They} {has} reported from more than {number} countries.",
    "{They} studied journalism in {city} and {still_lives} there.",
    "Before journalism, {they} {was} a teacher in {city}.",
    "{They} {is} based in {home}, where {they} {grew} up.",
)
LANGUAGES = (
    "Ukrainian, English and Polish",
    "Ukrainian, English and German",
    "English, French and Ukrainian",
    "Ukrainian, Russian and English",
    "Lithuanian, English and Ukrainian",
)
PRONOUNS = {
    # they, them, their, is, has, was, speaks, still lives, grew
    True: ("she", "her", "her", "is", "has", "was", "speaks", "still lives", "grew"),
    False: ("he", "him", "his", "is", "has", "was", "speaks", "still lives", "grew"),
}
CONTACT_LINES = (
    "Write to {them} at {email}.",
    "Email: {email}",
    "You can reach {them} at {email}.",
    "Tips and story ideas: {email}",
)
ROLE_CONTACT_LINES = {
    "Photographer": ("For picture requests, write to {them} at {email}.",),
    "Columnist": ("Letters about {their} column go to {email}.", "Write to {them} at {email}."),
    "Editor-in-chief": ("Write to {them} at {email}.",),
}


@dataclass(frozen=True)
class AuthorProfile:
    name: str
    role: str
    email: str
    short_bio: str
    full_bio: str
    awards: str


def email_address(first: str, surname: str) -> str:
    return f"{slugify(first)}.{slugify(surname).replace('-', '')}@{EMAIL_DOMAIN}"


# How a bio says what someone does, by role; any other role "is a <role> covering <beat>".
WHAT_THEY_DO = {
    "Editor-in-chief": "{name} is the editor-in-chief of {site}.",
    "Deputy editor": "{name} is a deputy editor, responsible for {beat}.",
    "Editor": "{name} edits {beat}.",
    "Correspondent": "{name} is our correspondent in {beat}.",
    "Photographer": "{name} is a staff photographer who {beat}.",
    "Video journalist": "{name} is a video journalist who films and edits our reports from {beat}.",
    "Columnist": "{name} writes a weekly column on {beat}.",
    "Translator": "{name} translates our reporting from {beat} into English.",
}


def what_they_do(name: str, role: str, beat: str) -> str:
    if role in WHAT_THEY_DO:
        return WHAT_THEY_DO[role].format(name=name, beat=beat, site=settings.SITE_NAME)
    article = "an" if role[0] in "AEIOU" else "a"
    return f"{name} is {article} {role.lower()} covering {beat}."


def fill(template: str, pronouns: tuple[str, ...], **values) -> str:
    they, them, their, is_, has, was, speaks, still_lives, grew = pronouns
    text = template.format(
        they=they,
        They=they.capitalize(),
        them=them,
        their=their,
        Their=their.capitalize(),
        is_=is_,
        has=has,
        was=was,
        speaks=speaks,
        still_lives=still_lives,
        grew=grew,
        **{"is": is_},
        **values,
    )
    return text[:1].upper() + text[1:]


def author_profiles(rng: random.Random) -> list[AuthorProfile]:
    """One profile per seat in ``SEATS``, each with a different name."""
    people = [(first, True) for first in words.WOMEN] + [(first, False) for first in words.MEN]
    names = set()
    profiles = []
    for role, beats in SEATS:
        for beat in beats:
            while True:
                first, is_woman = rng.choice(people)
                surname = rng.choice(words.SURNAMES)
                if isinstance(surname, tuple):
                    surname = surname[is_woman]
                if (first, surname) not in names:
                    break
            names.add((first, surname))
            profiles.append(profile(rng, first, surname, is_woman, role, beat))
    return profiles


def profile(rng: random.Random, first: str, surname: str, is_woman: bool, role: str, beat: str) -> AuthorProfile:
    pronouns = PRONOUNS[is_woman]
    name = f"{first} {surname}"
    email = email_address(first, surname)
    city, home = rng.choice(words.UKRAINIAN_CITIES), rng.choice(("Kyiv", "Kyiv", "Lviv", "Warsaw", "Brussels"))
    employer, work = rng.choice(PREVIOUS_JOBS)
    joined = rng.randint(2012, 2024)
    career = fill(
        f"{{They}} joined {settings.SITE_NAME} in {joined} from {employer}, where {work}.", pronouns, city=city
    )
    detail = fill(
        rng.choice(DETAILS),
        pronouns,
        home=home,
        city=city,
        languages=rng.choice(LANGUAGES),
        number=rng.randint(12, 40),
    )
    awards = ""
    award_sentence = ""
    if rng.random() < 0.3:
        won = [(award, rng.randint(max(joined, 2015), 2025)) for award in rng.sample(words.AWARDS, rng.randint(1, 2))]
        awards = "\n".join(f"{award}, {year}" for award, year in won)
        award, year = won[0]
        award_sentence = fill(f" {{Their}} work won the {award} in {year}.", pronouns)
    contact = fill(rng.choice(ROLE_CONTACT_LINES.get(role, CONTACT_LINES)), pronouns, email=email)
    linked_contact = escape(contact).replace(escape(email), f'<a href="mailto:{email}">{email}</a>')
    opening = what_they_do(name, role, beat)
    return AuthorProfile(
        name=name,
        role=role,
        email=email,
        short_bio=f"{opening} {career} {contact}",
        full_bio=f"<p>{opening} {career}</p><p>{detail}{award_sentence}</p><p>{linked_contact}</p>",
        awards=awards,
    )
