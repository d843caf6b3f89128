"""The content articles point at: sections, pictures, authors and tags.

These are tens of rows, not thousands, so they are created first and handed to
the article builder as plain lists of ids. Each kind draws from its own random
stream, so drawing smaller photos in tests does not change the articles.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Section
from authors.models import Author, AuthorLink
from media.models import Image

from . import photos, staff, text, words

PHOTO_COUNT = 40
TAG_COUNT = 200

LINK_KINDS = (
    AuthorLink.Kind.X,
    AuthorLink.Kind.BLUESKY,
    AuthorLink.Kind.LINKEDIN,
    AuthorLink.Kind.MASTODON,
    AuthorLink.Kind.TELEGRAM,
)


@dataclass(frozen=True)
class DemoAuthor:
    id: int
    job: str
    name: str = ""


@dataclass(frozen=True)
class DemoPhoto:
    id: int
    scene: str
    subject: str


@dataclass(frozen=True)
class Cast:
    section_ids: dict[str, int]
    authors: list[DemoAuthor]
    photos: list[DemoPhoto]
    tag_ids: dict[str, int]

    @property
    def photo_ids(self) -> list[int]:
        return [photo.id for photo in self.photos]

    def photos_of(self, scene: str) -> list[DemoPhoto]:
        return [photo for photo in self.photos if photo.scene == scene] or self.photos


def create_cast(*, seed: int, now: datetime) -> Cast:
    with transaction.atomic():
        return Cast(
            section_ids=create_sections(),
            authors=create_authors(random.Random(f"{seed}:authors"), now=now),
            photos=create_photos(random.Random(f"{seed}:photos"), now=now),
            tag_ids=create_tags(),
        )


def create_sections() -> dict[str, int]:
    sections = Section.objects.bulk_create(
        Section(name=name, slug=slug, description=description, position=index, is_in_navigation=in_navigation)
        for index, (name, slug, description, in_navigation) in enumerate(words.SECTIONS, start=1)
    )
    return {section.slug: section.pk for section in sections}


def create_tags() -> dict[str, int]:
    tags = Tag.objects.bulk_create(Tag(name=name, slug=slugify(name)) for name in text.tag_names(TAG_COUNT))
    return {tag.name: tag.pk for tag in tags}


def library_image(drawing: photos.Drawing, *, filename: str, uploaded_at: datetime, **fields) -> Image:
    """An unsaved Image whose file the storage writes when the row is inserted."""
    return Image(
        file=ContentFile(drawing.jpeg, name=filename),
        width=drawing.width,
        height=drawing.height,
        uploaded_at=uploaded_at,
        **fields,
    )


def illustration_credit() -> str:
    """What every drawn picture is credited as, so no reader takes it for a news photograph."""
    return f"Illustration: {settings.SITE_NAME} demo"


def create_photos(rng: random.Random, *, now: datetime) -> list[DemoPhoto]:
    drawings = [photos.draw_photo(rng, scene_index=index) for index in range(PHOTO_COUNT)]
    images = Image.objects.bulk_create(
        library_image(
            drawing,
            filename=f"demo-{drawing.scene}-{index + 1:02d}.jpg",
            uploaded_at=now - timedelta(days=PHOTO_COUNT - index, hours=rng.randint(0, 23)),
            alt_text=f"Drawing of {drawing.subject}",
            caption=f"Illustration: {drawing.subject}.",
            credit=illustration_credit(),
            copyright_holder=settings.SITE_NAME,
            usage_note="Demo illustration drawn by seed_demo; free to reuse.",
        )
        for index, drawing in enumerate(drawings)
    )
    return [
        DemoPhoto(image.pk, drawing.scene, drawing.subject) for image, drawing in zip(images, drawings, strict=True)
    ]


def create_authors(rng: random.Random, *, now: datetime) -> list[DemoAuthor]:
    profiles = staff.author_profiles(rng)
    slugs = [slugify(profile.name) for profile in profiles]
    avatars = Image.objects.bulk_create(
        library_image(
            photos.draw_avatar(rng),
            filename=f"avatar-{slug}.jpg",
            uploaded_at=now - timedelta(days=400),
            alt_text=f"Drawn head-and-shoulders placeholder portrait for {profile.name}",
            credit=illustration_credit(),
            copyright_holder=settings.SITE_NAME,
            usage_note="Demo illustration drawn by seed_demo; it is not a likeness of anyone.",
        )
        for profile, slug in zip(profiles, slugs, strict=True)
    )
    authors = Author.objects.bulk_create(
        Author(
            name=profile.name,
            slug=slug,
            role=profile.role,
            short_bio=profile.short_bio,
            full_bio=profile.full_bio,
            awards=profile.awards,
            email=profile.email,
            avatar=avatar,
        )
        for profile, slug, avatar in zip(profiles, slugs, avatars, strict=True)
    )
    AuthorLink.objects.bulk_create(author_links(rng, authors))
    return [DemoAuthor(author.pk, author.role, author.name) for author in authors]


def author_links(rng: random.Random, authors: list[Author]) -> list[AuthorLink]:
    """Links for about half the authors, all on reserved ``.example`` domains."""
    links = []
    for author in authors:
        if rng.random() < 0.5:
            continue
        kinds = [AuthorLink.Kind.WEBSITE, *rng.sample(LINK_KINDS, rng.randint(0, 2))]
        for position, kind in enumerate(kinds):
            address = f"https://{author.slug}.example" if kind == AuthorLink.Kind.WEBSITE else None
            links.append(
                AuthorLink(
                    author=author,
                    kind=kind,
                    url=address or f"https://{kind}.example/{author.slug}",
                    position=position,
                )
            )
    return links
