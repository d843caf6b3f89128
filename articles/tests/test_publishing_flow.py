"""The publishing buttons, notes between reporter and editor, pre-publish checks, and drafts of live stories."""

import datetime

import pytest
import reversion
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ArticleNote, PendingChanges
from articles.publishing import Action
from authors.tests.factories import AuthorFactory, staff_user
from media.tests.admin_forms import form_fields, resubmit
from media.tests.factories import ImageFactory

from .factories import ArticleFactory

Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def buttons_on(client, url):
    return [(button.action, button.label) for button in client.get(url).context["buttons"]]


@pytest.mark.django_db
def test_a_reporter_gets_save_draft_and_submit_for_review(client, reporter):
    assert buttons_on(client, reverse("admin:articles_article_add")) == [
        ("save", "Save draft"),
        ("submit", "Submit for review"),
    ]
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="status"' in page and 'type="hidden" name="status"' in page  # no status drop-down
    assert '<select name="status"' not in page


@pytest.mark.django_db
def test_an_editor_gets_the_buttons_for_where_the_article_stands(client, editor):
    assert buttons_on(client, change_url(ArticleFactory(draft=True))) == [
        ("publish", "Publish"),
        ("save", "Save draft"),
    ]
    assert buttons_on(client, change_url(ArticleFactory(in_review=True))) == [
        ("publish", "Publish"),
        ("save", "Save"),
        ("send_back", "Send back to the reporter"),
    ]
    assert buttons_on(client, change_url(ArticleFactory())) == [
        ("publish_changes", "Publish changes"),
        ("save_pending", "Save draft"),
        ("unpublish", "Unpublish"),
    ]
    assert buttons_on(client, change_url(ArticleFactory(scheduled=True))) == [
        ("save", "Save schedule"),
        ("unpublish", "Unschedule"),
    ]


@pytest.mark.django_db
def test_submit_for_review_keeps_the_note_with_who_and_when(client, reporter):
    article = ArticleFactory(draft=True, created_by=reporter, authors=[AuthorFactory(user=reporter)])
    response = resubmit(client, change_url(article), _action="submit", workflow_note="Ready; check the quotes.")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    note = ArticleNote.objects.get(article=article)
    assert (note.kind, note.text, note.written_by) == ("submitted", "Ready; check the quotes.", reporter)
    page = client.get(change_url(article)).content.decode()
    assert "Ready; check the quotes." in page and "Submitted for review · Rita" in page


@pytest.mark.django_db
def test_send_back_needs_a_note_and_returns_the_story_to_draft(client, editor):
    article = ArticleFactory(in_review=True)
    refused = resubmit(client, change_url(article), _action="send_back", workflow_note="")
    assert "workflow_note" in refused.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    resubmit(client, change_url(article), _action="send_back", workflow_note="Needs a second source.")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert ArticleNote.objects.get(article=article).kind == ArticleNote.Kind.SENT_BACK


@pytest.mark.django_db
def test_publish_with_a_time_ahead_says_schedule_in_the_newsrooms_time_zone(client, editor, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    article = ArticleFactory(draft=True, authors=True)
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)):
        resubmit(client, change_url(article), _action="publish", published_at_0="2026-12-02", published_at_1="06:00:00")
        article.refresh_from_db()
        assert article.is_scheduled
        response = client.get(change_url(article))
        assert response.context["status_line"] == "Scheduled for 2 Dec, 06:00"
        draft = ArticleFactory(draft=True, published_at=timezone.now() + datetime.timedelta(days=1))
        assert buttons_on(client, change_url(draft))[0] == ("publish", "Schedule")


@pytest.mark.django_db
def test_the_prepublish_checks_block_and_advise(client, editor):
    article = ArticleFactory(draft=True, body="<p></p>", seo_description="Short")
    checks = {check.label: check for check in client.get(change_url(article)).context["checks"]}
    assert not checks["Body"].passed and checks["Body"].blocking
    assert not checks["At least one byline"].passed and checks["At least one byline"].blocking
    photo = checks["Lead photo with alt text and credit"]
    assert not photo.passed and not photo.blocking
    assert not checks["Search description of 50–160 characters"].passed
    assert checks["Headline"].passed and checks["Section"].passed

    refused = resubmit(client, change_url(article), _action="publish")
    assert refused.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.DRAFT

    # A deliberate "no photo" passes the photo check.
    article.is_without_photo = True
    article.save()
    checks = {check.label: check for check in client.get(change_url(article)).context["checks"]}
    assert checks["Lead photo with alt text and credit"].passed


# Drafts of live stories.


@pytest.fixture
def live(db):
    return ArticleFactory(headline="Live headline", standfirst="Live standfirst", authors=True, tags=["Energy"])


def public_headline(client, article):
    return Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_save_draft_on_a_live_article_keeps_the_public_page_feeds_and_search_unchanged(client, editor, live):
    versions = Version.objects.get_for_object(live).count()
    response = resubmit(client, change_url(live), _action="save_pending", headline="Draft headline")
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.headline, live.version) == ("Live headline", 1)
    assert Version.objects.get_for_object(live).count() == versions  # no revision for a draft

    reader = Client()
    assert "Live headline" in reader.get(live.get_absolute_url()).content.decode()
    assert "Draft headline" not in reader.get(reverse("feeds:rss")).content.decode()
    assert "Draft headline" not in reader.get(reverse("reader:search"), {"q": "Draft"}).content.decode()

    # The admin says so, the form carries the draft, the preview shows it.
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Published · changes pending" in listing
    form_page = client.get(change_url(live))
    assert form_page.context["status_line"] == "Published · changes pending"
    assert ["headline", "Draft headline", ""] in form_page.context["pending_rows"]
    preview = client.get(reverse("reader:preview", kwargs={"pk": live.pk})).content.decode()
    assert "Draft headline" in preview and "Preview of the draft saved" in preview
    published = client.get(reverse("reader:preview", kwargs={"pk": live.pk}), {"live": "1"}).content.decode()
    assert "Live headline" in published and "Draft headline" not in published
    live.refresh_from_db()
    assert live.headline == "Live headline"  # the preview wrote nothing


@pytest.mark.django_db
def test_publishing_the_draft_puts_its_content_live_in_one_click(client, editor, live, sent_events):
    resubmit(client, change_url(live), _action="save_pending", headline="Draft headline", standfirst="New standfirst")
    with sent_events.capture():
        response = client.post(reverse("admin:articles_article_publish_pending", args=[live.pk]))
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.headline, live.standfirst, live.status) == ("Draft headline", "New standfirst", Status.PUBLISHED)
    assert list(live.tags.names()) == ["Energy"] and live.bylines.count() == 1
    assert not PendingChanges.objects.exists()
    assert sent_events.of(live) == ["article_changed"]
    assert Version.objects.get_for_object(live).first().revision.comment == "Published the pending changes"
    assert "Draft headline" in Client().get(live.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_discarding_the_draft_leaves_the_live_version(client, editor, live):
    resubmit(client, change_url(live), _action="save_pending", headline="Draft headline")
    client.post(reverse("admin:articles_article_discard_pending", args=[live.pk]))
    assert not PendingChanges.objects.exists()
    live.refresh_from_db()
    assert live.headline == "Live headline"


@pytest.mark.django_db
def test_publish_changes_goes_live_at_once_and_retires_the_draft(client, editor, live):
    resubmit(client, change_url(live), _action="save_pending", headline="Draft headline")
    resubmit(client, change_url(live), _action="publish_changes", headline="Breaking: final headline")
    live.refresh_from_db()
    assert live.headline == "Breaking: final headline"
    assert not PendingChanges.objects.exists()


@pytest.mark.django_db
def test_a_draft_cannot_hold_changes_that_go_live_at_once(client, editor, live):
    response = resubmit(client, change_url(live), _action="save_pending", slug="a-new-address")
    assert "slug" in response.context["adminform"].form.errors
    assert not PendingChanges.objects.exists()


@pytest.mark.django_db
def test_a_second_draft_saved_over_a_newer_one_is_refused(editor, live):
    olena, taras = Client(), Client()
    olena.force_login(staff_user("olena", "Editor", last_name="Shevchenko"))
    taras.force_login(staff_user("taras", "Editor"))
    url = change_url(live)
    olena_form, taras_form = form_fields(olena.get(url).content.decode()), form_fields(taras.get(url).content.decode())
    assert (
        olena.post(url, {**olena_form, "_action": Action.SAVE_PENDING, "headline": "Olena's draft"}).status_code == 302
    )
    refused = taras.post(url, {**taras_form, "_action": Action.SAVE_PENDING, "headline": "Taras's draft"})
    assert refused.status_code == 200
    assert "Olena Shevchenko saved a draft of this article" in refused.context["adminform"].form.non_field_errors()[0]
    assert PendingChanges.objects.get().snapshot["fields"]["headline"] == "Olena's draft"


@pytest.mark.django_db
def test_a_reporter_submits_changes_to_their_live_story_for_an_editor(client, reporter):
    article = ArticleFactory(headline="Live headline", created_by=reporter, authors=True)
    assert buttons_on(client, change_url(article)) == [
        ("save_pending", "Save draft"),
        ("submit_pending", "Submit for review"),
    ]
    resubmit(client, change_url(article), _action="submit_pending", headline="Fixed", workflow_note="Typo in the name.")
    pending = PendingChanges.objects.get(article=article)
    assert pending.is_submitted
    assert ArticleNote.objects.get(article=article).text == "Typo in the name."
    assert client.post(reverse("admin:articles_article_publish_pending", args=[article.pk])).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Live headline"  # only an editor publishes it
    # Nor can they restore an old revision over the live page.
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).get()
    assert client.get(reverse("admin:articles_article_revision", args=[article.pk, version.pk])).status_code == 403


# Tags typed as tokens.


@pytest.mark.django_db
def test_tags_are_one_text_field_and_new_names_become_tags_on_save(client, editor):
    article = ArticleFactory(draft=True, tags=["Energy"])
    page = client.get(change_url(article)).content.decode()
    assert "data-token-tags" in page and "tagged_items-TOTAL_FORMS" not in page  # no tag inline, no popup
    resubmit(client, change_url(article), _action="save", tags='energy, "Grain exports", "Black Sea, ports"')
    assert sorted(Article.objects.get(pk=article.pk).tags.names()) == ["Black Sea, ports", "Energy", "Grain exports"]


@pytest.mark.django_db
def test_tag_suggestions_start_with_what_was_typed_most_used_first(client, editor):
    ArticleFactory(tags=["Energy prices"])
    ArticleFactory(tags=["Energy", "Elections"])
    ArticleFactory(tags=["Energy"])
    url = reverse("admin:articles_article_tag_suggestions")
    assert client.get(url, {"q": "ener"}).json() == {"tags": ["Energy", "Energy prices"]}
    assert client.get(url, {"q": " "}).json() == {"tags": []}


@pytest.mark.django_db
def test_tag_suggestions_are_for_staff_only(client):
    assert client.get(reverse("admin:articles_article_tag_suggestions"), {"q": "e"}).status_code == 302


# Finding stories in the article list.


@pytest.mark.django_db
def test_the_author_and_tag_filters_are_search_boxes_not_lists_of_everyone(client, editor):
    olena = AuthorFactory(name="Olena Shevchenko")
    AuthorFactory.create_batch(30)
    by_olena = ArticleFactory(headline="By Olena", authors=[olena], tags=["Energy"])
    ArticleFactory(headline="By someone else", authors=True)
    changelist = reverse("admin:articles_article_changelist")
    page = client.get(changelist).content.decode()
    assert 'class="filter-chooser-input"' in page and page.count("filter-chooser-input") == 2
    assert page.count("?author=") == 0  # no link per author

    suggestions = client.get(reverse("admin:articles_article_filter_suggestions", args=["author"]), {"q": "olena"})
    assert suggestions.json() == {"choices": [{"value": olena.pk, "label": "Olena Shevchenko"}]}
    filtered = client.get(changelist, {"author": olena.pk})
    assert list(filtered.context["cl"].result_list) == [by_olena]
    assert "Olena Shevchenko" in filtered.content.decode()  # the chosen one is named
    tag = by_olena.tags.get()
    assert list(client.get(changelist, {"tag": tag.pk}).context["cl"].result_list) == [by_olena]
    assert (
        client.get(reverse("admin:articles_article_filter_suggestions", args=["nope"]), {"q": "x"}).status_code == 404
    )


# Photos chosen by sight.


@pytest.mark.django_db
def test_the_lead_photo_and_avatar_fields_are_choosers(superuser_client):
    photo = ImageFactory(caption="Harvest in Poltava")
    article = ArticleFactory(lead_image=photo)
    page = superuser_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'class="image-chooser"' in page and "Harvest in Poltava" in page and "Choose from the library" in page
    author = AuthorFactory(avatar=photo)
    page = superuser_client.get(reverse("admin:authors_author_change", args=[author.pk])).content.decode()
    assert 'class="image-chooser"' in page and "Upload a new photo" in page
