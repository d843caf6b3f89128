"""Bulk insertion of demo articles with their bylines, tags, "Read also" links and corrections.

A million articles must load in well under fifteen minutes, so rows go in in
batches and nothing is read back: ids are known before the inserts and everything
else is kept in memory. PostgreSQL loads with COPY on a thread of its own, the
tables' indexes set aside until the end, and computes each article's search
document in the statement that inserts it (see ``pgcopy``); other databases use
``bulk_create``, each batch atomic, and build the search index afterwards.

Neither runs ``Article.save()``, so the columns it would derive (slug, reading
time, first publication) are filled here, the same way, and bodies are written
so that its sanitiser would leave them unchanged.
"""

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.db import connection, reset_queries, transaction
from django.db.models import Case, F, When
from django.db.models.functions import Coalesce

from articles.models import Article, Byline, Correction, RelatedArticle, TaggedArticle
from articles.search_index import document_sql
from richtext.measures import WORDS_PER_MINUTE

from . import pgcopy
from .cast import Cast, DemoAuthor
from .text import BodyWriter, StoryDesk
from .timeline import Slot, choose_editors_picks, plan_timeline

ARTICLE_BATCH_SIZE = 2000
# The tables the articles fill, loaded with their indexes set aside on PostgreSQL.
LOADED_MODELS = (Article, Byline, TaggedArticle, RelatedArticle, Correction)

MIN_WORDS, MAX_TARGET_WORDS, TYPICAL_WORDS = 220, 950, 450
LEAD_IMAGE_SHARE = 0.85
CAPTION_OVERRIDE_SHARE = 0.05
# Of the articles updated after publication, the share whose update was a correction.
CORRECTION_SHARE = 0.4
RELATED_CANDIDATES = 60

SECTION_WEIGHTS = {
    "war": 15,
    "politics": 15,
    "business": 14,
    "ukraine": 18,
    "europe": 14,
    "opinion": 8,
    "culture": 8,
    "company-news": 8,
}
# Who usually writes for each section; anyone may join as a second or third name.
SECTION_WRITERS = {
    "war": ("Senior reporter", "Reporter"),
    "politics": ("Reporter", "Senior reporter", "Editor", "Data journalist"),
    "business": ("Business reporter", "Data journalist", "Reporter"),
    "ukraine": ("Senior reporter", "Reporter"),
    "europe": ("Correspondent", "Reporter", "Senior reporter"),
    "opinion": ("Columnist", "Editor-in-chief", "Deputy editor"),
    "culture": ("Reporter", "Columnist"),
    "company-news": ("Business reporter", "Reporter"),
}
SECTION_KICKERS = {"opinion": "Opinion", "company-news": "Company news"}
# Tags an article in each section is likely to carry, after its story's own, so tag pages read sensibly.
SECTION_TAGS = {
    "war": ("Air defence", "Drones", "Artillery", "Mobilisation", "Military aid", "Demining"),
    "politics": ("Elections", "Parliament", "Coalition politics", "Corruption", "Judicial reform", "Budget"),
    "business": ("Inflation", "Interest rates", "Central banks", "Trade", "Banking", "Gas prices", "Wages"),
    "ukraine": ("Reconstruction", "Blackouts", "Energy infrastructure", "Volunteers", "Refugees", "Cities"),
    "europe": ("EU enlargement", "Sanctions", "European Commission", "Migration", "NATO", "Diplomacy"),
    "opinion": ("Rule of law", "Media freedom", "Disinformation", "Human rights", "Diplomacy", "Veterans"),
    "culture": ("Literature", "Film", "Music", "Theatre", "Museums", "Visual arts", "Heritage"),
    "company-news": ("Stock markets", "Mergers and acquisitions", "Technology", "Logistics", "Trade"),
}
# A second or third name is credited for what their job is; writers as co-authors or reporters.
BYLINE_ROLE_FOR_JOB = {
    "Photographer": Byline.Role.PHOTOS,
    "Video journalist": Byline.Role.VIDEO,
    "Translator": Byline.Role.TRANSLATION,
}
CO_AUTHOR_ROLES = (
    Byline.Role.AUTHOR,
    Byline.Role.AUTHOR,
    Byline.Role.REPORTING,
    Byline.Role.ADDITIONAL_REPORTING,
)


def minutes_to_read(word_total: int) -> int:
    """``articles.text.reading_minutes`` from a known word count, without parsing the HTML again."""
    return max(1, math.ceil(word_total / WORDS_PER_MINUTE))


@dataclass
class PlannedArticle:
    """An article's column values (by attribute name, without the id) and its links; related
    articles by slot index, since ids come later. A million model instances would cost a
    minute of seeding, so ``article`` builds one only when asked (``bulk_create`` asks)."""

    fields: dict
    bylines: list[tuple[int, str]]
    tag_ids: list[int]
    related_indices: list[int]
    correction: str = ""
    pk: int | None = None

    @cached_property
    def article(self) -> Article:
        return Article(pk=self.pk, **self.fields)

    @property
    def listed_at(self) -> datetime | None:
        """``Article.listed_at``, which the article's bylines and tag rows carry."""
        return self.fields["published_at"] if self.fields["status"] == Article.Status.PUBLISHED else None


class ArticleWriter:
    """Writes one article after another, remembering what it needs for the next one."""

    def __init__(self, rng: random.Random, cast: Cast, desk: StoryDesk, bodies: BodyWriter):
        self.rng = rng
        self.cast = cast
        self.desk = desk
        self.bodies = bodies
        self.section_slugs = list(SECTION_WEIGHTS)
        self.section_weights = list(SECTION_WEIGHTS.values())
        self.writers = {
            slug: [author for author in cast.authors if author.job in jobs] for slug, jobs in SECTION_WRITERS.items()
        }
        self.section_tag_ids = {slug: [cast.tag_ids[name] for name in names] for slug, names in SECTION_TAGS.items()}
        self.live_by_section: dict[str, list[int]] = defaultdict(list)
        self.live_by_kind: dict[str, list[int]] = defaultdict(list)
        self.corrections = 0

    def write(self, index: int, slot: Slot, editors_pick_position: int | None) -> PlannedArticle:
        rng = self.rng
        section = rng.choices(self.section_slugs, self.section_weights)[0]
        story, slug = self.desk.story(section, slot.published_at or slot.created_at)
        body, word_total = self.bodies.body(rng, story, int(rng.triangular(MIN_WORDS, MAX_TARGET_WORDS, TYPICAL_WORDS)))
        photo, caption = self.lead_image(story)
        fields = {
            "headline": story.headline,
            "slug": slug,
            "kicker": story.kicker or SECTION_KICKERS.get(section, ""),
            "standfirst": story.standfirst,
            "body": body,
            "section_id": self.cast.section_ids[section],
            "lead_image_id": photo.id if photo else None,
            "lead_image_caption": caption,
            "status": slot.status,
            "published_at": slot.published_at,
            "first_published_at": slot.first_published_at,
            "updated_at": slot.updated_at,
            "created_at": slot.created_at,
            "modified_at": slot.modified_at,
            "is_editors_pick": editors_pick_position is not None,
            "editors_pick_position": editors_pick_position,
            "reading_time_minutes": minutes_to_read(word_total),
        }
        kind_key = f"{section}:{story.kind.label}"
        planned = PlannedArticle(
            fields=fields,
            bylines=self.bylines(section),
            tag_ids=self.tag_ids(section, story.tags),
            related_indices=self.related(section, kind_key),
            correction=self.correction(story, slot),
        )
        if slot.is_live:
            self.live_by_section[section].append(index)
            self.live_by_kind[kind_key].append(index)
        return planned

    def lead_image(self, story):
        """A picture of what the story is about, and now and then a caption written for this article."""
        rng = self.rng
        if story.kicker != "Photo story" and rng.random() >= LEAD_IMAGE_SHARE:
            return None, ""
        photo = rng.choice(self.cast.photos_of(rng.choice(story.scenes)))
        caption = ""
        if rng.random() < CAPTION_OVERRIDE_SHARE:
            caption = f"Illustration for this article: {photo.subject}."
        return photo, caption

    def correction(self, story, slot: Slot) -> str:
        """Some updated articles were updated to correct them; the first one always is, so every demo has one."""
        if not (slot.is_live and slot.updated_at):
            return ""
        if self.corrections and self.rng.random() >= CORRECTION_SHARE:
            return ""
        self.corrections += 1
        return self.desk.correction(story)

    def bylines(self, section: str) -> list[tuple[int, str]]:
        rng = self.rng
        lead = rng.choice(self.writers[section])
        names: list[DemoAuthor] = [lead]
        wanted = rng.choices((1, 2, 3), weights=(60, 28, 12))[0]
        while len(names) < wanted:
            candidate = rng.choice(self.cast.authors)
            if candidate not in names:
                names.append(candidate)
        roles = [Byline.Role.AUTHOR] + [
            BYLINE_ROLE_FOR_JOB.get(author.job) or rng.choice(CO_AUTHOR_ROLES) for author in names[1:]
        ]
        return [(author.id, role) for author, role in zip(names, roles, strict=True)]

    def tag_ids(self, section: str, story_tags: tuple[str, ...]) -> list[int]:
        """The story's own tags and places first (those that are tags), then the section's, two to four in all."""
        rng = self.rng
        wanted = rng.randint(2, 4)
        chosen = [self.cast.tag_ids[name] for name in story_tags if name in self.cast.tag_ids][:wanted]
        section_tags = self.section_tag_ids[section]
        while len(chosen) < wanted:
            tag_id = rng.choice(section_tags)
            if tag_id not in chosen:
                chosen.append(tag_id)
        return chosen

    def related(self, section: str, kind_key: str) -> list[int]:
        """Up to three earlier live articles: the same kind of story if there are enough, else the same section."""
        wanted = self.rng.choices((0, 1, 2, 3), weights=(35, 30, 20, 15))[0]
        candidates = self.live_by_kind[kind_key][-RELATED_CANDIDATES:]
        if len(candidates) < wanted:
            candidates = self.live_by_section[section][-RELATED_CANDIDATES:]
        return self.rng.sample(candidates, min(wanted, len(candidates)))


class ArticleLoad:
    """Writes and inserts ``count`` articles: ``insert()`` yields how many went in after each
    batch, then ``finish()`` builds what the load set aside (PostgreSQL: the indexes and
    constraints, ``indexes_to_build`` statements). Run both in one transaction."""

    def __init__(self, *, cast: Cast, count: int, seed: int, now: datetime, batch_size: int = ARTICLE_BATCH_SIZE):
        self.cast, self.count, self.now, self.batch_size = cast, count, now, batch_size
        self.rng = random.Random(f"{seed}:articles")
        self.writer = ArticleWriter(
            self.rng, cast, StoryDesk(self.rng), BodyWriter(random.Random(f"{seed}:paragraphs"))
        )
        self.is_postgres = connection.vendor == "postgresql"
        self.set_aside = pgcopy.SetAside([])

    @property
    def indexes_to_build(self) -> int:
        return len(self.set_aside.statements)

    def batches(self) -> Iterator[list[PlannedArticle]]:
        slots = plan_timeline(self.rng, self.count, self.now)
        picks = choose_editors_picks(self.rng, slots)
        for start in range(0, self.count, self.batch_size):
            yield [
                self.writer.write(index, slots[index], picks.get(index))
                for index in range(start, min(self.count, start + self.batch_size))
            ]

    def insert(self) -> Iterator[int]:
        if not self.is_postgres:
            article_ids: list[int] = []
            for batch in self.batches():
                with transaction.atomic():
                    bulk_create_batch(batch, article_ids, self.now)
                # With DEBUG on, Django keeps every query's SQL; a batch of bodies is megabytes.
                reset_queries()
                yield len(batch)
            return
        if not self.count:
            return
        article_ids = pgcopy.allocate_ids(Article, self.count)
        self.set_aside = pgcopy.set_aside_indexes(LOADED_MODELS)
        copier = ArticleCopier(self.cast)
        written = 0
        with pgcopy.Pipeline() as pipeline:
            for batch in self.batches():
                for index, planned in enumerate(batch, start=written):
                    planned.pk = article_ids[index]
                written += len(batch)
                pipeline.submit(copier.load, *copier.rows(batch, article_ids))
                yield len(batch)
        copier.close()

    def finish(self, progress: Callable[[int], None] | None = None) -> None:
        self.set_aside.restore(progress)
        self.set_aside = pgcopy.SetAside([])


def byline_rows(batch: list[PlannedArticle]) -> Iterator[tuple[int, int, str, int, datetime | None]]:
    for planned in batch:
        for position, (author_id, role) in enumerate(planned.bylines):
            yield planned.pk, author_id, role, position, planned.listed_at


def tag_rows(batch: list[PlannedArticle]) -> Iterator[tuple[int, int, datetime | None]]:
    for planned in batch:
        for tag_id in planned.tag_ids:
            yield planned.pk, tag_id, planned.listed_at


def correction_rows(batch: list[PlannedArticle]) -> Iterator[tuple[int, str, datetime]]:
    for planned in batch:
        if planned.correction:
            yield planned.pk, planned.correction, planned.fields["updated_at"]


def related_rows(batch: list[PlannedArticle], article_ids: list[int]) -> Iterator[tuple[int, int, int]]:
    for planned in batch:
        for position, index in enumerate(planned.related_indices):
            yield planned.pk, article_ids[index], position


class ArticleCopier:
    """PostgreSQL's fast path: COPY, with each article's search document computed as its
    row moves from a staging table into the articles'.

    Computing the documents is most of PostgreSQL's work, and one statement runs on one
    core, so the documents of a batch are computed by a query that PostgreSQL runs in
    parallel (``CREATE TABLE … AS SELECT`` may, ``INSERT … SELECT`` may not), then the
    rows go in with them. The staging tables are unlogged, not temporary: parallel
    workers cannot read a temporary table. Created in the seed's transaction, they
    vanish with it if the seed fails, and ``close()`` drops them otherwise.

    The names of an article's tags and authors travel with its row, in the order the
    article lists them, which is what ``articles.search_index`` aggregates when it
    rebuilds a document: the two give the same document.
    """

    STAGING = "demo_article_rows"
    DOCUMENTS = "demo_article_documents"

    def __init__(self, cast: Cast):
        self.tag_names = {tag_id: name for name, tag_id in cast.tag_ids.items()}
        self.author_names = {author.id: author.name for author in cast.authors}
        self.fields = [field for field in Article._meta.concrete_fields if field.name != "search_vector"]
        self.row = pgcopy.row_maker(self.fields)
        quote = connection.ops.quote_name
        table = quote(Article._meta.db_table)
        columns = [quote(field.column) for field in self.fields]
        self.staging_columns = ", ".join([*columns, "tag_names", "author_names"])
        document = document_sql(
            headline="headline",
            standfirst="standfirst",
            tag_names="tag_names",
            author_names="author_names",
            body="body",
        )
        self.statements = [
            f"CREATE UNLOGGED TABLE {self.DOCUMENTS} AS SELECT id, {document} AS document FROM {self.STAGING}",
            f"INSERT INTO {table} ({', '.join(columns)}, {quote('search_vector')}) "
            f"SELECT {', '.join(f'r.{column}' for column in columns)}, d.document "
            f"FROM {self.STAGING} r JOIN {self.DOCUMENTS} d ON d.id = r.id ORDER BY r.id",
            f"DROP TABLE {self.DOCUMENTS}",
            f"TRUNCATE {self.STAGING}",
        ]
        self.link_tables = [
            (
                quote(Byline._meta.db_table),
                pgcopy.columns_of(Byline, ("article", "author", "role", "position", "listed_at")),
            ),
            (
                quote(TaggedArticle._meta.db_table),
                pgcopy.columns_of(TaggedArticle, ("content_object", "tag", "listed_at")),
            ),
            (
                quote(RelatedArticle._meta.db_table),
                pgcopy.columns_of(RelatedArticle, ("article", "related", "position")),
            ),
            (quote(Correction._meta.db_table), pgcopy.columns_of(Correction, ("article", "text", "corrected_at"))),
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE UNLOGGED TABLE {self.STAGING} (LIKE {table}, tag_names text, author_names text) "
                f"WITH (parallel_workers = {pgcopy.PARALLEL_WORKERS})"
            )
            pgcopy.prefer_parallel_plans(cursor)

    def close(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {self.STAGING}")
            pgcopy.prefer_parallel_plans(cursor, False)

    def rows(self, batch: list[PlannedArticle], article_ids) -> tuple[list, list[list]]:
        """A batch as the rows to COPY (made on the caller's thread, where Python runs)."""
        articles = []
        for planned in batch:
            row = self.row({**planned.fields, "id": planned.pk})
            row.append(" ".join(self.tag_names[tag_id] for tag_id in planned.tag_ids))
            row.append(" ".join(self.author_names[author_id] for author_id, _role in planned.bylines))
            articles.append(row)
        links = [
            list(byline_rows(batch)),
            list(tag_rows(batch)),
            list(related_rows(batch, article_ids)),
            list(correction_rows(batch)),
        ]
        return articles, links

    def load(self, cursor, articles: list, links: list[list]) -> None:
        """On the loading thread: the articles with their documents, then their links."""
        pgcopy.copy_rows(cursor, self.STAGING, self.staging_columns, articles)
        for statement in self.statements:
            cursor.execute(statement)
        for (table, columns), rows in zip(self.link_tables, links, strict=True):
            pgcopy.copy_rows(cursor, table, columns, rows)


def bulk_create_batch(batch: list[PlannedArticle], article_ids: list[int], now: datetime) -> None:
    """Every other database: the ORM's bulk insert, which also returns ids on SQLite."""
    articles = Article.objects.bulk_create([planned.article for planned in batch])
    for planned, article in zip(batch, articles, strict=True):
        planned.pk = article.pk
    # bulk_create runs pre_save, so auto_now stamped every row with this moment.
    Article.objects.filter(pk__in=[article.pk for article in articles]).update(
        modified_at=modified_at_from_columns(now)
    )
    article_ids.extend(article.pk for article in articles)
    # Rows made with their article, so ``ListedAtField`` copies its time without a query.
    by_pk = {article.pk: article for article in articles}
    Byline.objects.bulk_create(
        Byline(article=by_pk[article_id], author_id=author_id, role=role, position=position)
        for article_id, author_id, role, position, _listed_at in byline_rows(batch)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=by_pk[article_id], tag_id=tag_id)
        for article_id, tag_id, _listed_at in tag_rows(batch)
    )
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article_id=article_id, related_id=related_id, position=position)
        for article_id, related_id, position in related_rows(batch, article_ids)
    )
    Correction.objects.bulk_create(
        Correction(article_id=article_id, text=text, corrected_at=corrected_at)
        for article_id, text, corrected_at in correction_rows(batch)
    )


def modified_at_from_columns(now: datetime) -> Case:
    """``Slot.modified_at`` in SQL, computed from the row's own columns."""
    return Case(
        When(
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
            then=Coalesce(F("updated_at"), F("published_at")),
        ),
        default=F("created_at"),
    )
