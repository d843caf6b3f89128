import io
import random

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from PIL import Image as PillowImage
from taggit.models import Tag

from articles.models import Article, Byline, RelatedArticle, Section, TaggedArticle
from articles.search_index import refresh_search_documents
from authors.models import Author, AuthorLink
from demo import photos
from demo.builder import LOADED_MODELS
from media.models import Image
from richtext.measures import reading_minutes, word_count
from richtext.sanitize import sanitize_rich_text

ARTICLE_COUNT = 30


@pytest.fixture(autouse=True)
def demo_machine(settings):
    """The demo is seeded on development machines; DEBUG off is tested on its own."""
    settings.DEBUG = True


@pytest.fixture
def thumbnail_pictures(monkeypatch):
    """Full-size photos take a second to draw; the tests only need the rows and files."""
    monkeypatch.setattr(photos, "PHOTO_SIZES", ((160, 90), (120, 80)))
    monkeypatch.setattr(photos, "AVATAR_SIZE", 48)


def seed_demo(**options) -> str:
    stdout = io.StringIO()
    call_command("seed_demo", stdout=stdout, stderr=io.StringIO(), **{"articles": ARTICLE_COUNT, **options})
    return stdout.getvalue()


@pytest.fixture
def seeded(db, thumbnail_pictures):
    seed_demo(seed=7)


def newsroom_snapshot() -> list[tuple]:
    """What a reader could see of every article, in insertion order, without ids."""
    articles = Article.objects.order_by("pk").select_related("section", "lead_image")
    articles = articles.prefetch_related("bylines__author", "tags", "related_links__related")
    return [
        (
            article.headline,
            article.slug,
            article.kicker,
            article.status,
            article.section.slug,
            article.body,
            article.lead_image.alt_text if article.lead_image else None,
            [(byline.author.name, byline.role) for byline in article.bylines.all()],
            sorted(tag.name for tag in article.tags.all()),
            [link.related.slug for link in article.related_links.all()],
            article.editors_pick_position,
        )
        for article in articles
    ]


def test_seeds_sections_authors_tags_and_pictures(seeded):
    sections = list(Section.objects.all())
    assert [section.name for section in sections] == [
        "War",
        "Politics",
        "Business",
        "Ukraine",
        "Europe",
        "Opinion",
        "Culture",
        "Company news",
    ]
    assert all(section.slug and section.description for section in sections)
    assert [section.position for section in sections] == list(range(1, 9))
    assert {section.is_in_navigation for section in sections} == {True, False}

    authors = list(Author.objects.select_related("avatar"))
    assert len(authors) == 40
    assert len({author.slug for author in authors}) == 40
    assert all(author.avatar and author.role and author.short_bio and author.full_bio for author in authors)
    assert any(author.awards for author in authors)
    assert Author.objects.filter(role="Editor-in-chief").count() == 1
    assert AuthorLink.objects.values("author").distinct().count() > 5

    assert Tag.objects.count() == 200
    assert Tag.objects.values("slug").distinct().count() == 200

    images = list(Image.objects.all())
    assert len(images) == 40 + 40
    assert all(image.alt_text and image.credit for image in images)
    photographs = [image for image in images if not image.file.name.split("/")[-1].startswith("avatar-")]
    assert len(photographs) == 40
    # Drawn pictures are captioned and credited as what they are: illustrations.
    assert all(image.credit.startswith("Illustration: ") for image in images)
    assert all(image.caption.startswith("Illustration: ") and image.copyright_holder for image in photographs)
    assert len({image.alt_text for image in photographs}) > 20
    for image in images:
        assert default_storage.exists(image.file.name)
        assert (image.width, image.height) == PillowImage.open(default_storage.path(image.file.name)).size


def test_uploads_go_to_the_test_media_root(seeded, tmp_path):
    image = Image.objects.first()
    assert default_storage.path(image.file.name).startswith(str(tmp_path))


def test_every_article_has_bylines_tags_and_derived_fields(seeded):
    articles = list(Article.objects.annotate(byline_count=Count("bylines", distinct=True)))
    assert len(articles) == ARTICLE_COUNT
    assert len({article.slug for article in articles}) == ARTICLE_COUNT
    for article in articles:
        assert 1 <= article.byline_count <= 3
        assert 2 <= article.tags.count() <= 4
        assert article.headline and article.standfirst
        assert 200 <= word_count(article.body) <= 1500
        assert article.reading_time_minutes == reading_minutes(article.body)
        # bulk_create skips save(), so the body must already be what save() would store.
        assert sanitize_rich_text(article.body) == article.body
        if article.status == Article.Status.PUBLISHED:
            assert article.published_at is not None
            assert article.first_published_at == article.published_at
            assert article.created_at < article.published_at
        else:
            assert article.published_at is None and article.first_published_at is None
    assert sum(article.lead_image_id is not None for article in articles) > ARTICLE_COUNT // 2


def test_bylines_are_ordered_and_credit_contributions(seeded):
    for article in Article.objects.prefetch_related("bylines"):
        bylines = list(article.bylines.all())
        assert [byline.position for byline in bylines] == list(range(len(bylines)))
        assert bylines[0].role == Byline.Role.AUTHOR
    assert Byline.objects.exclude(role=Byline.Role.AUTHOR).exists()


def test_bylines_and_tag_rows_carry_their_articles_listing_time(seeded):
    """Filled in the COPY stream on PostgreSQL and by ``bulk_create`` elsewhere, as
    ``ListedAtField`` keeps them: what tag and author pages are read from."""
    listed_at = {article.pk: article.listed_at for article in Article.objects.all()}
    assert None in listed_at.values() and any(moment and moment > timezone.now() for moment in listed_at.values())
    for model, article_id in ((Byline, "article_id"), (TaggedArticle, "content_object_id")):
        rows = list(model.objects.values_list(article_id, "listed_at"))
        assert rows and all(moment == listed_at[pk] for pk, moment in rows)


def test_related_articles_point_to_older_live_articles(seeded):
    links = list(RelatedArticle.objects.select_related("article", "related"))
    assert links
    for link in links:
        assert link.related_id < link.article_id
        assert link.related.is_live
        if link.article.is_live:
            assert link.related.published_at < link.article.published_at


def test_articles_in_every_state(seeded):
    articles = list(Article.objects.all())
    live = [article for article in articles if article.is_live]
    assert any(article.status == Article.Status.DRAFT for article in articles)
    assert any(article.status == Article.Status.IN_REVIEW for article in articles)
    assert any(article.is_scheduled for article in articles)
    assert any(article.updated_at and article.updated_at > article.published_at for article in live)

    picks = [article for article in articles if article.is_editors_pick]
    assert sorted(article.editors_pick_position for article in picks) == [1, 2, 3, 4, 5, 6]
    assert all(article.is_live for article in picks)
    recent = sorted(live, key=lambda article: article.published_at, reverse=True)[:18]
    assert all(article in recent for article in picks)


def test_modified_at_is_the_last_edit_not_the_insertion_time(seeded):
    for article in Article.objects.all():
        if article.is_live:
            assert article.modified_at == (article.updated_at or article.published_at)
        else:
            assert article.modified_at == article.created_at


def test_the_same_seed_gives_the_same_newsroom(seeded):
    first = newsroom_snapshot()
    seed_demo(seed=7, reset=True)
    assert newsroom_snapshot() == first
    seed_demo(seed=8, reset=True)
    assert [row[0] for row in newsroom_snapshot()] != [row[0] for row in first]


def test_if_empty_leaves_existing_articles_alone(seeded):
    slugs = list(Article.objects.order_by("pk").values_list("slug", flat=True))
    output = seed_demo(if_empty=True, articles=5)
    assert "already exist" in output
    assert list(Article.objects.order_by("pk").values_list("slug", flat=True)) == slugs


def test_if_empty_seeds_an_empty_database(db, thumbnail_pictures):
    seed_demo(if_empty=True, articles=3)
    assert Article.objects.count() == 3


def test_refuses_to_mix_with_existing_content_without_reset(seeded):
    with pytest.raises(CommandError, match="--reset"):
        seed_demo()
    assert Article.objects.count() == ARTICLE_COUNT


def test_dry_run_changes_nothing(seeded):
    output = seed_demo(reset=True, dry_run=True, articles=3)
    assert "Nothing was changed" in output
    assert Article.objects.count() == ARTICLE_COUNT


def test_reset_replaces_content_and_deletes_old_files(seeded, django_capture_on_commit_callbacks):
    old_files = list(Image.objects.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo(reset=True, articles=4)
    assert Article.objects.count() == 4
    assert Image.objects.count() == 80
    new_files = set(Image.objects.values_list("file", flat=True))
    assert not any(default_storage.exists(name) for name in old_files if name not in new_files)


def test_verbosity_zero_is_silent(db, thumbnail_pictures):
    assert seed_demo(verbosity=0, articles=2) == ""


def test_default_pictures_are_full_size_jpegs():
    drawing = photos.draw_photo(random.Random(1), scene_index=0)
    picture = PillowImage.open(io.BytesIO(drawing.jpeg))
    assert picture.format == "JPEG"
    assert picture.size in {(1600, 900), (1200, 800)}
    assert (drawing.width, drawing.height) == picture.size


def test_the_demo_front_page_has_a_lead_popular_articles_and_a_promo(seeded, client):
    from articles.models import CallToAction, DailyReads

    assert Article.objects.published().lead_stories().exists()
    assert DailyReads.objects.exists()
    assert CallToAction.objects.current() is not None
    html = client.get("/").content.decode()
    assert 'class="lead-story"' in html and "Nothing here yet." not in html
    assert Article.objects.published().beside_the_lead().count() == 3


def test_seeded_articles_are_searchable(seeded, client):
    article = Article.objects.published().order_by("-published_at").first()
    word = max(article.headline.split(), key=len)
    response = client.get("/search/", {"q": word})
    assert article in response.context["results"]


def test_reset_with_debug_off_needs_force(seeded, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed_demo(reset=True)
    assert Article.objects.count() == ARTICLE_COUNT
    seed_demo(reset=True, force=True)
    assert Article.objects.count() == ARTICLE_COUNT


on_postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY path with its indexes set aside is PostgreSQL's"
)


def table_schema() -> list[tuple]:
    """Every index and constraint of the tables the seeder loads, as PostgreSQL describes them."""
    tables = [model._meta.db_table for model in LOADED_MODELS]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
            WHERE indrelid = ANY(%s::regclass[])
            UNION ALL
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ANY(%s::regclass[])
            ORDER BY 1, 2
            """,
            [tables, tables],
        )
        return cursor.fetchall()


@on_postgresql_only
def test_the_copy_path_gives_back_every_index_and_constraint(db, thumbnail_pictures):
    before = table_schema()
    seed_demo(seed=7)
    assert table_schema() == before


@on_postgresql_only
def test_the_documents_computed_while_loading_are_those_a_rebuild_makes(seeded):
    loaded = dict(Article.objects.values_list("pk", "search_vector"))
    assert all(loaded.values())
    refresh_search_documents(list(loaded))
    assert dict(Article.objects.values_list("pk", "search_vector")) == loaded
