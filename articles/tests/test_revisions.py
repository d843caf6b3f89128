import pytest
from django.urls import reverse
from reversion.models import Version

from authors.tests.factories import AuthorFactory, staff_user
from media.tests.admin_forms import resubmit
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
