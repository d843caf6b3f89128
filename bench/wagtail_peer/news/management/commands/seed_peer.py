"""Seed the Wagtail peer with as many articles as Newsroom's bench archive.

Saving a Wagtail page one by one (treebeard computing its path, a revision, the search
index) takes tens of milliseconds, far too slow for 100,000 articles. The home page,
sections, authors, images and tags go through the ORM; the articles are written with
PostgreSQL's COPY, their tree paths computed here the way treebeard would (steps of four
base-36 digits), so the pages are the rows Wagtail itself reads. Bulk rows get no
revisions and no search-index entries: serving a page reads neither.
"""

import io
import random
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from news.models import ArticlePage, Author, HomePage, SectionPage

SECTIONS = ["War", "Politics", "Business", "Ukraine", "Europe", "Opinion", "Culture", "Company news"]
PHOTOS = 40
AUTHORS = 40
TAGS = 200
TAGS_PER_ARTICLE = 3
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
VOCABULARY = (
    "government minister parliament election border checks energy grid market trade port harbour grain "
    "export shipping railway drone front line city council budget reform court ruling investment bank "
    "inflation prices farmers harvest festival theatre museum film novel orchestra reconstruction bridge "
    "school hospital water power station talks agreement sanctions defence alliance summit vote coalition "
    "opposition mayor region village evacuation repairs winter summer report company results shares "
    "deal merger factory workers union strike pension tax customs airport road funding aid delegation"
)
WORDS = VOCABULARY.split()


def step(number: int) -> str:
    """One treebeard path step: ``number`` in base 36, four digits."""
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEPLEN, "0")


def sentence(rng: random.Random, length: int) -> str:
    words = rng.choices(WORDS, k=length)
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(12, 24)) for _ in range(rng.randint(3, 5)))


def body(rng: random.Random) -> str:
    paragraphs = [f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(5, 8))]
    paragraphs.insert(3, f"<h2>{sentence(rng, 4)[:-1]}</h2>")
    return "".join(paragraphs)


def drawing(rng: random.Random, width: int, height: int) -> bytes:
    picture = PILImage.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(picture)
    for _ in range(30):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randint(width // 20, width // 4)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + size, y + size // 2), fill=tuple(rng.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


class Command(BaseCommand):
    help = "Seed the Wagtail peer: sections, authors, images, tags and N articles (an empty database)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, articles: int, seed: int, **options):
        started = time.monotonic()
        rng = random.Random(seed)
        now = timezone.now().replace(microsecond=0)
        with transaction.atomic():
            home, sections = self.create_tree()
            images = self.create_images(rng)
            authors = self.create_authors(rng, images[PHOTOS:])
            tags = Tag.objects.bulk_create(Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in range(1, TAGS + 1))
            self.copy_articles(rng, now, articles, sections, images[:PHOTOS], authors, tags)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Seeded {articles} Wagtail articles in {time.monotonic() - started:.1f} s.")

    def create_tree(self):
        root = Page.get_first_root_node()
        for page in root.get_children():  # Wagtail's welcome page
            page.delete()
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title="Home", slug="home"))
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
        sections = [
            home.add_child(instance=SectionPage(title=name, slug=slugify(name), show_in_menus=True, intro=name))
            for name in SECTIONS
        ]
        return home, sections

    def create_images(self, rng):
        image_model = get_image_model()
        images = []
        for index in range(PHOTOS + AUTHORS):
            width, height = (1600, 900) if index < PHOTOS else (400, 400)
            name = f"photo-{index + 1:02d}.jpg" if index < PHOTOS else f"avatar-{index - PHOTOS + 1:02d}.jpg"
            image = image_model(title=name.removesuffix(".jpg").replace("-", " ").capitalize())
            image.file = ImageFile(io.BytesIO(drawing(rng, width, height)), name=name)
            image.save()
            images.append(image)
        return images

    def create_authors(self, rng, avatars):
        given = ["Olena", "Marta", "Taras", "Piotr", "Clara", "Jonas", "Sofia", "Marco", "Ieva", "Felix"]
        family = ["Koval", "Nowak", "Berg", "Rossi", "Tamm", "Weber", "Shevchenko", "Dubois"]
        names = sorted({f"{rng.choice(given)} {rng.choice(family)}" for _ in range(500)})[:AUTHORS]
        return Author.objects.bulk_create(
            Author(name=name, slug=slugify(name), bio=paragraph(rng), image=avatar)
            for name, avatar in zip(names, avatars, strict=False)
        )

    def copy_articles(self, rng, now, count, sections, photos, authors, tags):
        content_type = ContentType.objects.get_for_model(ArticlePage)
        locale = Locale.get_default()
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM wagtailcore_page")
            first_id = cursor.fetchone()[0] + 1
        children = dict.fromkeys(range(len(sections)), 0)
        page_rows, article_rows, tag_rows = [], [], []
        for offset in range(count):
            page_id = first_id + offset
            which = rng.randrange(len(sections))
            section = sections[which]
            children[which] += 1
            title = sentence(rng, rng.randint(6, 11))[:-1]
            slug = f"{slugify(title)[:200]}-{page_id}"
            published = now - timedelta(minutes=30 * (count - offset))
            page_rows.append(
                (
                    page_id,
                    section.path + step(children[which]),
                    section.depth + 1,
                    0,
                    title,
                    slug,
                    True,
                    False,
                    f"{section.url_path}{slug}/",
                    "",
                    False,
                    "",
                    False,
                    content_type.pk,
                    False,
                    published,
                    published,
                    published,
                    title,
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    locale.pk,
                )
            )
            article_rows.append(
                (page_id, sentence(rng, rng.randint(18, 30)), body(rng), rng.choice(photos).pk, rng.choice(authors).pk)
            )
            tag_rows.extend((page_id, tag.pk) for tag in rng.sample(tags, TAGS_PER_ARTICLE))
        page_columns = (
            "id, path, depth, numchild, title, slug, live, has_unpublished_changes, url_path, seo_title, "
            "show_in_menus, search_description, expired, content_type_id, locked, latest_revision_created_at, "
            "first_published_at, last_published_at, draft_title, translation_key, locale_id"
        )
        with connection.cursor() as cursor:
            copy_rows(cursor, f"COPY wagtailcore_page ({page_columns}) FROM STDIN", page_rows)
            copy_rows(
                cursor, "COPY news_articlepage (page_ptr_id, intro, body, image_id, author_id) FROM STDIN", article_rows
            )
            copy_rows(cursor, "COPY news_articlepagetag (content_object_id, tag_id) FROM STDIN", tag_rows)
            for which, section in enumerate(sections):
                cursor.execute("UPDATE wagtailcore_page SET numchild = %s WHERE id = %s", [children[which], section.pk])
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), "
                "(SELECT max(id) FROM wagtailcore_page))"
            )


def copy_rows(cursor, statement: str, rows) -> None:
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
