import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, Byline, format_byline
from articles.services import save_article
from authors.tests.factories import AuthorFactory

from .factories import ArticleFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db


def words(n: int) -> str:
    return "<p>" + " ".join(["word"] * n) + "</p>"


def test_reading_time_is_derived_from_the_body_on_save():
    article = ArticleFactory(body=words(700))
    assert article.reading_time_minutes == 4
    article.body = words(100)
    article.save()
    article.refresh_from_db()
    assert article.reading_time_minutes == 1


def test_slug_is_filled_from_the_headline_and_kept_unique():
    first = ArticleFactory(headline="Drone factory opens abroad", slug="")
    second = ArticleFactory(headline="Drone factory opens abroad!", slug="")
    third = ArticleFactory(headline="Drone factory opens abroad?", slug="")
    assert first.slug == "drone-factory-opens-abroad"
    assert second.slug == "drone-factory-opens-abroad-2"
    assert third.slug == "drone-factory-opens-abroad-3"


def test_a_headline_without_latin_letters_still_gets_a_slug():
    assert ArticleFactory(headline="Київ", slug="").slug == "article"


def test_duplicate_slugs_are_refused_by_the_database():
    ArticleFactory(slug="same-slug")
    with pytest.raises(IntegrityError):
        ArticleFactory(slug="same-slug")


def test_published_excludes_drafts_reviews_unpublished_and_scheduled_articles():
    now = timezone.now()
    live = ArticleFactory(published_at=now - datetime.timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None)
    ArticleFactory(status=Article.Status.UNPUBLISHED, published_at=now - datetime.timedelta(days=1))
    scheduled = ArticleFactory(published_at=now + datetime.timedelta(hours=2))

    assert list(Article.objects.published()) == [live]
    assert scheduled.is_scheduled and not scheduled.is_live

    with time_machine.travel(now + datetime.timedelta(hours=3)):
        assert set(Article.objects.published()) == {live, scheduled}


def test_publishing_fills_the_publication_times_once():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert article.first_published_at is None
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at is not None
    first = article.first_published_at
    assert first == article.published_at
    article.published_at = timezone.now() + datetime.timedelta(days=1)
    article.save()
    assert article.first_published_at == first


def test_a_published_article_must_have_a_publication_time():
    article = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_byline_reads_naturally_in_author_order():
    article = ArticleFactory()
    anna = AuthorFactory(name="Anna Bondar")
    ben = AuthorFactory(name="Ben Kovalenko")
    cat = AuthorFactory(name="Cat Moroz")
    BylineFactory(article=article, author=anna, role=Byline.Role.REPORTING, position=0)
    BylineFactory(article=article, author=cat, role=Byline.Role.PHOTOS, position=2)
    BylineFactory(article=article, author=ben, role=Byline.Role.REPORTING, position=1)
    assert article.byline == "Reported by Anna Bondar and Ben Kovalenko, photos by Cat Moroz"
    assert format_byline([]) == ""


def test_plain_bylines_start_with_by():
    article = ArticleFactory(authors=[AuthorFactory(name="Jane Example")])
    assert article.byline == "By Jane Example"


def test_caption_override_replaces_the_library_caption_for_this_article_only():
    article = ArticleFactory()
    assert article.caption == ""
    from media.tests.factories import ImageFactory

    article.lead_image = ImageFactory(caption="Library caption")
    assert article.caption == "Library caption"
    article.lead_image_caption = "Caption for this story"
    assert article.caption == "Caption for this story"
    assert article.lead_image.caption == "Library caption"


def test_old_url_of_a_renamed_published_article_redirects_permanently(client):
    article = ArticleFactory(headline="Old headline", slug="old-headline")
    old_url = article.get_absolute_url()
    assert client.get(old_url).status_code == 200

    article.slug = "new-headline"
    save_article(article=article)
    new_url = article.get_absolute_url()

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_renaming_twice_keeps_every_old_url_pointing_at_the_current_one(client):
    article = ArticleFactory(slug="first")
    first_url = article.get_absolute_url()
    for slug in ("second", "third"):
        article.slug = slug
        save_article(article=article)
    assert client.get(first_url)["Location"] == article.get_absolute_url()
    assert client.get(first_url.replace("first", "second"))["Location"] == article.get_absolute_url()


def test_moving_an_article_to_another_section_redirects_the_old_url(client):
    article = ArticleFactory(section=SectionFactory(slug="war", name="War"))
    old_url = article.get_absolute_url()
    article.section = SectionFactory(slug="europe", name="Europe")
    save_article(article=article)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/europe/" + article.slug + "/"


def test_a_draft_renamed_before_publication_leaves_no_redirect(client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, slug="working-title")
    article.slug = "final-title"
    save_article(article=article)
    assert not article.former_slugs.exists()


def test_drafts_and_scheduled_articles_are_not_found_by_readers(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_save_article_records_who_created_and_edited(django_user_model):
    reporter = django_user_model.objects.create_user("reporter")
    editor = django_user_model.objects.create_user("editor")
    article = ArticleFactory.build(section=SectionFactory())
    save_article(article=article, user=reporter)
    article.headline = "Sharper headline"
    save_article(article=article, user=editor)
    article.refresh_from_db()
    assert article.created_by == reporter
    assert article.last_edited_by == editor
