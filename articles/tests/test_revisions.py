import re

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Correction
from authors.tests.factories import AuthorFactory, staff_user
from media.tests.admin_forms import form_fields, resubmit
from media.tests.factories import ImageFactory

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("ed", "Editor", last_name="Editor"))
    return client


def test_every_admin_save_records_a_revision_with_its_author(editor_client):
    article = ArticleFactory(headline="First headline")
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(editor_client, url, headline="Second headline")
    resubmit(editor_client, url, headline="Third headline")
    versions = Version.objects.get_for_object(article)
    assert [v.field_dict["headline"] for v in versions] == ["Third headline", "Second headline"]
    assert versions[0].revision.user.username == "ed"


def test_history_shows_a_readable_diff_of_headline_standfirst_and_body(editor_client):
    article = ArticleFactory(headline="Troops advance", body="<p>The troops advanced at dawn.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(editor_client, url, headline="Troops advance")
    resubmit(editor_client, url, headline="Troops retreat", body="<p>The troops retreated at dusk.</p>")
    history = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "What changed" in history
    newest = Version.objects.get_for_object(article).first()
    compare = reverse("admin:articles_article_compare", kwargs={"object_id": article.pk, "version_id": newest.pk})
    html = editor_client.get(compare).content.decode()
    assert "Troops <del>advance</del><ins>retreat</ins>" in html
    assert "<del>advanced</del><ins>retreated</ins>" in html
    assert "<del>dawn.</del><ins>dusk.</ins>" in html


def test_reverting_to_an_earlier_revision(editor_client):
    article = ArticleFactory(headline="Original headline")
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(editor_client, url, headline="Original headline")
    resubmit(editor_client, url, headline="Bad edit")
    original = Version.objects.get_for_object(article).last()
    response = resubmit(editor_client, reverse("admin:articles_article_revision", args=[article.pk, original.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Original headline"
    assert article.version == 4  # never lowered by a revert, so stale forms stay stale


def test_authors_and_images_keep_revisions_too(client, admin_user):
    client.force_login(admin_user)
    author = AuthorFactory(short_bio="Old")
    image = ImageFactory(caption="Old caption")
    resubmit(client, reverse("admin:authors_author_change", args=[author.pk]), short_bio="New")
    resubmit(client, reverse("admin:media_image_change", args=[image.pk]), caption="New caption")
    assert Version.objects.get_for_object(author).first().field_dict["short_bio"] == "New"
    assert Version.objects.get_for_object(image).first().field_dict["caption"] == "New caption"


def test_restoring_an_old_version_keeps_a_live_story_live_and_its_corrections(editor_client):
    """Issue 8, defect 3: reverting to the first revision unpublished the story (404),
    changed its publication time and bylines, and deleted a published correction."""
    first_author, second_author = AuthorFactory(name="Anna First"), AuthorFactory(name="Ben Second")
    article = ArticleFactory(draft=True, headline="Dam breached", authors=[first_author], tags=["Floods"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(editor_client, url, headline="Dam breached")  # the first revision: a draft
    first = Version.objects.get_for_object(article).get()
    resubmit(editor_client, url, headline="Dam breached near Kherson", status="published")
    article.refresh_from_db()
    published_at, first_published_at = article.published_at, article.first_published_at
    article.bylines.update(author=second_author)
    Correction.objects.create(article=article, text="An earlier version gave the wrong river.")

    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    page = editor_client.get(restore_url).content.decode()
    assert "What will change" in page and "<del>near Kherson</del>" in page.replace("<del> near", "<del>near")
    assert "Also restore this version" in page  # the byline differs: the editor chooses
    assert Article.objects.get(pk=article.pk).headline == "Dam breached near Kherson"  # nothing restored yet

    assert resubmit(editor_client, restore_url).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Dam breached"
    assert article.status == "published" and article.is_live
    assert (article.published_at, article.first_published_at) == (published_at, first_published_at)
    assert [byline.author for byline in article.bylines.all()] == [second_author]  # not ticked
    assert article.corrections.get().text == "An earlier version gave the wrong river."
    assert list(article.tags.names()) == ["Floods"]
    assert editor_client.get(article.get_absolute_url()).status_code == 200

    resubmit(editor_client, restore_url, include_bylines="on")
    assert [byline.author for byline in Article.objects.get(pk=article.pk).bylines.all()] == [first_author]


def test_a_restore_form_left_open_while_someone_saves_is_refused(editor_client):
    article = ArticleFactory(headline="One")
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(editor_client, url, headline="One")
    first = Version.objects.get_for_object(article).get()
    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    stale = form_fields(editor_client.get(restore_url).content.decode())
    resubmit(editor_client, url, headline="Two")
    editor_client.post(restore_url, stale)
    assert Article.objects.get(pk=article.pk).headline == "Two"


def test_history_names_only_the_fields_that_really_changed(editor_client):
    """Issue 8, defect 5: CKEditor's re-serialised body made every save say "Changed Body"."""
    article = ArticleFactory(body="<p>One paragraph.</p><p>Another <strong>one</strong>.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    reformatted = "<p>One paragraph.</p>\n\n<p>Another <b>one</b>.</p>".replace("<b>", "<strong>").replace(
        "</b>", "</strong>"
    )
    resubmit(editor_client, url, headline="A new headline", body=reformatted)
    comment = Version.objects.get_for_object(article).first().revision.comment
    assert "Headline" in comment and "Body" not in comment


def test_the_diff_covers_every_editorial_field(editor_client):
    old_photo, new_photo = ImageFactory(caption="Old photo"), ImageFactory(caption="New photo")
    article = ArticleFactory(
        authors=True, in_review=True, headline="Same", lead_image=old_photo, seo_title="Old SEO", tags=["Energy"]
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(editor_client, url, headline="Same")
    article.tags.set(["Energy", "Grid"])
    Correction.objects.create(article=article, text="A figure was wrong.")
    resubmit(editor_client, url, lead_image=str(new_photo.pk), seo_title="New SEO", status="published")
    newest = Version.objects.get_for_object(article).first()
    compare = reverse("admin:articles_article_compare", kwargs={"object_id": article.pk, "version_id": newest.pk})
    html = editor_client.get(compare).content.decode()
    for label in ("Lead photo", "SEO title", "Tags", "Corrections", "Status", "Publication time"):
        assert f"<h2>{label}</h2>" in html, label
    tags = re.search(r"<h2>Tags</h2>\s*<div class=\"diff\">(.*?)</div>", html, re.S).group(1)
    assert "Grid" in tags and "<ins>" in tags
    assert "Unchanged:" in html and "Headline" in html.split("Unchanged:")[1]
