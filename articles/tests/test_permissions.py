"""The role matrix, cell by cell: allowed actions work, forbidden ones change nothing."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone
from reversion import create_revision as reversion_revision
from taggit.models import Tag

from articles.models import Article, CallToAction, PendingChanges, Section
from authors.tests.factories import AuthorFactory
from media.models import Image
from media.tests.admin_forms import form_fields, resubmit
from media.tests.factories import ImageFactory, photo_upload

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def snapshot(article):
    return Article.objects.filter(pk=article.pk).values().get()


# Reporter ----------------------------------------------------------------------


def test_reporter_creates_an_article_as_a_draft(client, reporter):
    section = SectionFactory()
    url = reverse("admin:articles_article_add")
    data = form_fields(client.get(url).content.decode())
    data.update(headline="Council approves new bridge", slug="council-bridge", section=str(section.pk))
    response = client.post(url, data)
    assert response.status_code == 302
    article = Article.objects.get(slug="council-bridge")
    assert article.status == Status.DRAFT
    assert article.created_by == reporter


def test_reporter_edits_own_draft_and_submits_it_for_review(client, reporter):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=reporter)
    response = resubmit(client, change_url(article), headline="Sharper headline", status=Status.IN_REVIEW)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Sharper headline", Status.IN_REVIEW)


def test_reporter_edits_an_article_where_they_are_in_the_byline(client, reporter):
    article = ArticleFactory(in_review=True, authors=[AuthorFactory(user=reporter)])
    assert resubmit(client, change_url(article), standfirst="New standfirst").status_code == 302
    article.refresh_from_db()
    assert article.standfirst == "New standfirst"


@pytest.mark.parametrize(
    "posted",
    [{"status": Status.PUBLISHED}, {"status": Status.UNPUBLISHED}, {"_action": "publish"}, {"_action": "unpublish"}],
)
def test_reporter_cannot_publish_or_unpublish_by_editing_the_status_or_the_button(client, reporter, posted):
    article = ArticleFactory(status=Status.IN_REVIEW, published_at=None, created_by=reporter)
    before = snapshot(article)
    response = resubmit(client, change_url(article), **posted)
    assert response.status_code == 200
    refusal = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Only editors can publish" in refusal or "cannot go from “In review” to “Unpublished”" in refusal
    assert snapshot(article) == before


def test_reporter_cannot_schedule_or_pick(client, reporter):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=reporter)
    later = timezone.localtime() + datetime.timedelta(days=1)
    resubmit(
        client,
        change_url(article),
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1="08:00:00",
        is_editors_pick="on",
        editors_pick_position="1",
        lead_position="1",
    )
    article.refresh_from_db()
    assert article.published_at is None
    assert not article.is_editors_pick and article.lead_position is None


def test_reporter_cannot_edit_someone_elses_article(client, reporter):
    article = ArticleFactory(in_review=True)
    before = snapshot(article)
    page = client.get(change_url(article)).content.decode()
    assert 'name="headline"' not in page  # read-only view
    data = {"headline": "Hijacked", "section": article.section_id, "status": Status.IN_REVIEW, "version": "1"}
    assert client.post(change_url(article), data).status_code == 403
    assert snapshot(article) == before


def test_reporter_sees_own_drafts_the_review_queue_and_published_work_but_not_others_drafts(client, reporter):
    """Issue 8, defect 6: reporters could open every other reporter's unpublished drafts."""
    own_draft = ArticleFactory(draft=True, created_by=reporter)
    others_draft = ArticleFactory(draft=True, headline="Someone else's scoop")
    in_review, published = ArticleFactory(in_review=True), ArticleFactory()
    withdrawn = ArticleFactory(unpublished=True)
    listed = client.get(reverse("admin:articles_article_changelist")).context["cl"].result_list
    assert set(listed) == {own_draft, in_review, published}
    for hidden in (others_draft, withdrawn):
        response = client.get(change_url(hidden))
        assert response.status_code == 302 and "Someone else's scoop" not in response.content.decode()
        assert client.get(reverse("admin:articles_article_history", args=[hidden.pk])).status_code in (302, 403, 404)
    data = {"headline": "Hijacked", "section": others_draft.section_id, "status": Status.DRAFT, "version": "1"}
    client.post(change_url(others_draft), data)
    assert Article.objects.get(pk=others_draft.pk).headline == "Someone else's scoop"


def test_only_editors_open_the_deleted_articles(client, reporter):
    """Issue 8, defect 6: the recover-deleted list showed reporters every deleted article in full."""
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403
    from reversion.models import Version

    article = ArticleFactory()
    with reversion_revision():
        article.save()
    article.delete()
    version = Version.objects.get_deleted(Article).get()
    assert client.get(reverse("admin:articles_article_recover", args=[version.pk])).status_code == 403


@pytest.mark.parametrize("button", [None, "save_pending", "publish_changes", "publish"])
def test_a_reporters_save_of_their_live_article_waits_for_an_editor(client, reporter, button):
    """Whatever a reporter posts, the live page keeps the published version."""
    article = ArticleFactory(created_by=reporter)
    before = snapshot(article)
    posted = {"headline": "Changed after publication"} | ({"_action": button} if button else {})
    assert resubmit(client, change_url(article), **posted).status_code == 302
    assert snapshot(article) == before
    pending = PendingChanges.objects.get(article=article)
    assert pending.snapshot["fields"]["headline"] == "Changed after publication"
    assert pending.saved_by == reporter


def test_reporter_cannot_delete(client, reporter):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=reporter)
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


@pytest.mark.parametrize(
    "action", ["publish_selected", "unpublish_selected", "add_to_editors_picks", "delete_selected"]
)
def test_reporter_has_no_bulk_workflow_actions(client, reporter, action):
    article = ArticleFactory(status=Status.IN_REVIEW, published_at=None, created_by=reporter)
    before = snapshot(article)
    changelist = reverse("admin:articles_article_changelist")
    assert f'value="{action}"' not in client.get(changelist).content.decode()
    client.post(changelist, {"action": action, ACTION_CHECKBOX_NAME: [article.pk], "post": "yes"})
    assert snapshot(article) == before


def test_reporter_cannot_open_curation_sections_or_the_call_to_action(client, reporter):
    assert client.get(reverse("admin:articles_curation_changelist")).status_code == 403
    assert (
        client.post(reverse("admin:articles_section_add"), {"name": "X", "slug": "x", "position": 0}).status_code == 403
    )
    assert client.get(reverse("admin:articles_calltoaction_add")).status_code == 403
    assert not Section.objects.filter(slug="x").exists()


def test_reporter_uploads_an_image(client, reporter):
    url = reverse("admin:media_image_add")
    data = form_fields(client.get(url).content.decode())
    data.update(alt_text="A bridge", credit="Rita/Newsroom", file=photo_upload())
    assert client.post(url, data).status_code == 302
    assert Image.objects.get().uploaded_by == reporter


def test_reporter_cannot_change_library_images(client, reporter):
    image = ImageFactory(caption="Original")
    url = reverse("admin:media_image_change", args=[image.pk])
    assert client.post(url, {"caption": "Changed", "alt_text": "x", "credit": "y"}).status_code == 403
    image.refresh_from_db()
    assert image.caption == "Original"


# Own author profile (any staff) ---------------------------------------------------


# Editor ------------------------------------------------------------------------


def test_editor_publishes_from_review(client, editor):
    article = ArticleFactory(authors=True, status=Status.IN_REVIEW, published_at=None)
    response = resubmit(client, change_url(article), status=Status.PUBLISHED)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_live
    assert article.first_published_at == article.published_at


def test_editor_schedules_with_a_future_time(client, editor):
    article = ArticleFactory(authors=True, status=Status.IN_REVIEW, published_at=None)
    later = timezone.localtime() + datetime.timedelta(days=2)
    resubmit(
        client,
        change_url(article),
        status=Status.PUBLISHED,
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    article.refresh_from_db()
    assert article.is_scheduled
    assert "Scheduled" in client.get(reverse("admin:articles_article_changelist")).content.decode()


def test_editor_bulk_actions_report_what_was_done_and_refused(client, editor):
    draft = ArticleFactory(authors=True, status=Status.DRAFT, published_at=None)
    in_review = ArticleFactory(authors=True, status=Status.IN_REVIEW, published_at=None)
    unpublished = ArticleFactory(authors=True, status=Status.UNPUBLISHED)
    changelist = reverse("admin:articles_article_changelist")
    response = client.post(
        changelist,
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [draft.pk, in_review.pk, unpublished.pk]},
        follow=True,
    )
    text = " ".join(str(message) for message in response.context["messages"])
    assert "Published 2 articles." in text
    assert "1 article was refused" in text and unpublished.headline in text
    assert Article.objects.published().count() == 2

    client.post(changelist, {"action": "unpublish_selected", ACTION_CHECKBOX_NAME: [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.UNPUBLISHED


def test_editor_toggles_editors_picks_in_bulk(client, editor):
    article = ArticleFactory()
    changelist = reverse("admin:articles_article_changelist")
    client.post(changelist, {"action": "add_to_editors_picks", ACTION_CHECKBOX_NAME: [article.pk]})
    article.refresh_from_db()
    assert article.is_editors_pick and article.editors_pick_position == 1
    client.post(changelist, {"action": "remove_from_editors_picks", ACTION_CHECKBOX_NAME: [article.pk]})
    article.refresh_from_db()
    assert not article.is_editors_pick


def test_editor_deletes_and_restores_an_article(client, editor):
    article = ArticleFactory(headline="To be restored")
    resubmit(client, change_url(article), standfirst="Saved once so a revision exists")
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    recover_list = client.get(reverse("admin:articles_article_recoverlist"))
    assert "To be restored" in recover_list.content.decode()
    from reversion.models import Version

    version = Version.objects.get_deleted(Article).get()
    response = resubmit(client, reverse("admin:articles_article_recover", args=[version.pk]))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).standfirst == "Saved once so a revision exists"


def test_editor_manages_sections_tags_and_the_call_to_action(client, editor):
    response = client.post(
        reverse("admin:articles_section_add"), {"name": "Science", "slug": "science", "position": 9, "description": ""}
    )
    assert response.status_code == 302
    assert client.post(reverse("admin:taggit_tag_add"), {"name": "Energy", "slug": "energy"}).status_code == 302
    cta = {
        "headline": "Become a member – go ad-free",
        "text": "",
        "link_url": "https://example.org/join",
        "link_label": "Join",
        "after_paragraph": 3,
        "is_enabled": "on",
    }
    assert client.post(reverse("admin:articles_calltoaction_add"), cta).status_code == 302
    assert Section.objects.filter(slug="science").exists() and Tag.objects.filter(slug="energy").exists()
    assert CallToAction.objects.current().link_url == "https://example.org/join"


def test_editor_cannot_manage_users(client, editor):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.post(reverse("admin:auth_user_add"), {"username": "new"}).status_code == 403


# Photo editor ------------------------------------------------------------------


def test_photo_editor_corrects_captions_and_replaces_files(client, photo_editor):
    image = ImageFactory(caption="Wrong caption")
    url = reverse("admin:media_image_change", args=[image.pk])
    replacement = photo_upload("replacement.jpg", width=80, height=60)
    response = resubmit(client, url, caption="Right caption", file=replacement)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "Right caption"
    assert (image.width, image.height) == (80, 60)


def test_photo_editor_cannot_publish(client, photo_editor):
    article = ArticleFactory(status=Status.IN_REVIEW, published_at=None)
    before = snapshot(article)
    data = {"status": Status.PUBLISHED, "headline": article.headline, "section": article.section_id, "version": "1"}
    assert client.post(change_url(article), data).status_code == 403
    changelist = reverse("admin:articles_article_changelist")
    client.post(changelist, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [article.pk]})
    assert snapshot(article) == before


# Superuser ---------------------------------------------------------------------


def test_superuser_can_do_everything(client, admin_user):
    client.force_login(admin_user)
    article = ArticleFactory(authors=True, status=Status.DRAFT, published_at=None)
    assert resubmit(client, change_url(article), status=Status.PUBLISHED).status_code == 302
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.exists()
