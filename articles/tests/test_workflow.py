import datetime

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from articles.services import WorkflowError, allowed_statuses, check_transition
from authors.tests.factories import staff_user
from media.tests.admin_forms import resubmit
from media.tests.factories import ImageFactory

from .factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_the_workflow_allows_only_its_moves():
    editor, reporter = staff_user("ed", "Editor"), staff_user("rita", "Reporter")
    assert allowed_statuses(user=reporter, current=Status.DRAFT) == [Status.DRAFT, Status.IN_REVIEW]
    assert set(allowed_statuses(user=editor, current=Status.IN_REVIEW)) == {
        Status.IN_REVIEW,
        Status.DRAFT,
        Status.PUBLISHED,
    }
    assert allowed_statuses(user=editor, current=Status.PUBLISHED) == [Status.PUBLISHED, Status.UNPUBLISHED]
    assert allowed_statuses(user=editor, current=Status.UNPUBLISHED) == [Status.UNPUBLISHED, Status.DRAFT]
    with pytest.raises(WorkflowError):
        check_transition(user=editor, current=Status.UNPUBLISHED, target=Status.PUBLISHED)
    with pytest.raises(WorkflowError, match="Only editors"):
        check_transition(user=reporter, current=Status.IN_REVIEW, target=Status.PUBLISHED)


def test_a_scheduled_article_appears_at_its_time_without_any_job(client):
    now = timezone.now()
    article = ArticleFactory(published_at=now + datetime.timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.headline not in client.get(reverse("reader:home")).content.decode()
    with time_machine.travel(now + datetime.timedelta(hours=1, seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.headline in client.get(reverse("reader:home")).content.decode()


def test_unpublished_articles_are_gone_and_drafts_are_not_found(client):
    gone = ArticleFactory(status=Status.UNPUBLISHED)
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    response = client.get(gone.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_preview_is_for_staff_who_may_edit_and_is_marked_noindex(client):
    reporter = staff_user("rita", "Reporter")
    draft = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=reporter, headline="Secret scoop")
    url = reverse("reader:preview", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(staff_user("other", "Reporter"))
    assert client.get(url).status_code == 404  # a reporter who may not edit it
    client.force_login(reporter)
    html = client.get(url).content.decode()
    assert "Secret scoop" in html and "Preview" in html
    assert '<meta name="robots" content="noindex' in html
    client.force_login(staff_user("ed", "Editor"))
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    html = client.get(reverse("reader:preview", kwargs={"pk": scheduled.pk})).content.decode()
    assert "scheduled for" in html


def test_changelist_badges_and_workflow_filters(client):
    reporter = staff_user("rita", "Reporter")
    mine = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=reporter, headline="My draft")
    in_review = ArticleFactory(status=Status.IN_REVIEW, published_at=None, headline="Waiting for an editor")
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=3), headline="Tomorrow's news")
    ArticleFactory(status=Status.UNPUBLISHED, headline="Withdrawn story")
    ArticleFactory(headline="Live story")
    client.force_login(staff_user("ed", "Editor"))
    changelist = reverse("admin:articles_article_changelist")
    html = client.get(changelist).content.decode()
    for badge in ("Draft", "In review", "Scheduled", "Published", "Unpublished"):
        assert f">{badge}</span>" in html

    def listed(query):
        return list(client.get(changelist + query).context["cl"].result_list)

    assert listed("?workflow=scheduled") == [scheduled]
    assert listed("?workflow=in_review") == [in_review]
    client.force_login(reporter)
    assert listed("?workflow=mine") == [mine]


def test_substantive_update_bumps_the_updated_time_and_typo_fixes_do_not(client):
    article = ArticleFactory()
    client.force_login(staff_user("ed", "Editor"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(client, url, body="<p>Fixed a typo.</p>")
    article.refresh_from_db()
    assert article.updated_at is None
    resubmit(client, url, body="<p>New casualty figures.</p>", substantive_update="on")
    article.refresh_from_db()
    assert article.updated_at is not None
    assert "Updated:" in client.get(article.get_absolute_url()).content.decode()


def test_reporters_cannot_mark_substantive_updates(client):
    reporter = staff_user("rita", "Reporter")
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=reporter)
    client.force_login(reporter)
    resubmit(client, reverse("admin:articles_article_change", args=[article.pk]), substantive_update="on")
    article.refresh_from_db()
    assert article.updated_at is None


def test_corrections_show_at_the_end_of_the_article(client):
    article = ArticleFactory()
    client.force_login(staff_user("ed", "Editor"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    resubmit(
        client,
        url,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "An earlier version misspelled the minister's name.",
            "corrections-0-corrected_at_0": "2026-02-25",
            "corrections-0-corrected_at_1": "10:00:00",
        },
    )
    assert Correction.objects.get(article=article).text.startswith("An earlier version")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "An earlier version misspelled the minister" in html


def test_editors_picks_follow_their_order_and_time_window():
    now = timezone.now()
    second = ArticleFactory(is_editors_pick=True, editors_pick_position=2)
    first = ArticleFactory(is_editors_pick=True, editors_pick_position=1)
    later = ArticleFactory(
        is_editors_pick=True, editors_pick_position=0, editors_pick_starts_at=now + datetime.timedelta(hours=2)
    )
    expired = ArticleFactory(
        is_editors_pick=True, editors_pick_position=0, editors_pick_ends_at=now - datetime.timedelta(minutes=1)
    )
    withdrawn = ArticleFactory(is_editors_pick=True, editors_pick_position=0, status=Status.UNPUBLISHED)
    picks = Article.objects.published().editors_picks()
    assert list(picks) == [first, second]
    assert expired not in picks and withdrawn not in picks
    with time_machine.travel(now + datetime.timedelta(hours=3)):
        assert list(Article.objects.published().editors_picks()) == [later, first, second]


def test_the_lead_story_is_the_first_live_candidate():
    now = timezone.now()
    morning = ArticleFactory(lead_position=2)
    breaking = ArticleFactory(lead_position=1, lead_ends_at=now + datetime.timedelta(hours=1))
    assert Article.objects.published().lead_stories().first() == breaking
    with time_machine.travel(now + datetime.timedelta(hours=2)):
        assert Article.objects.published().lead_stories().first() == morning


def test_editors_arrange_picks_and_lead_on_the_curation_page(client, sent_events):
    first = ArticleFactory(headline="First pick", is_editors_pick=True, editors_pick_position=1)
    second = ArticleFactory(headline="Second pick", is_editors_pick=True, editors_pick_position=1)  # a shared place
    third = ArticleFactory(headline="Third pick", is_editors_pick=True, editors_pick_position=7)
    lead = ArticleFactory(headline="The lead", lead_position=4)
    ArticleFactory(headline="Not curated")
    client.force_login(staff_user("ed", "Editor"))
    url = reverse("admin:articles_curation_changelist")
    response = client.get(url)
    assert "Not curated" not in response.content.decode()
    # In the site's own order: by place, then the newer first.
    assert [article for article, _status in response.context["picks"]] == [second, first, third]
    assert [article for article, _status in response.context["leads"]] == [lead]

    # Dragged into a new order, one taken off: numbered 1, 2 with no place shared.
    with sent_events.capture():
        response = client.post(url, {"pick": [third.pk, first.pk], "lead": [lead.pk]})
    assert response.status_code == 302
    assert list(Article.objects.published().editors_picks()) == [third, first]
    positions = dict(Article.objects.filter(is_editors_pick=True).values_list("pk", "editors_pick_position"))
    assert positions == {third.pk: 1, first.pk: 2}
    second.refresh_from_db()
    lead.refresh_from_db()
    assert not second.is_editors_pick and second.editors_pick_position is None
    assert lead.lead_position == 1
    assert set(sent_events.names) == {"article_changed"}


def test_an_article_form_refuses_a_pick_place_another_story_holds(client):
    ArticleFactory(headline="Holds place 1", is_editors_pick=True, editors_pick_position=1)
    article = ArticleFactory()
    client.force_login(staff_user("ed", "Editor"))
    response = resubmit(
        client,
        reverse("admin:articles_article_change", args=[article.pk]),
        _action="publish_changes",
        is_editors_pick="on",
        editors_pick_position="1",
    )
    errors = response.context["adminform"].form.errors["editors_pick_position"]
    assert "“Holds place 1” is number 1 in the editors' picks" in errors[0]


def test_reporters_cannot_arrange_the_front_page(client):
    pick = ArticleFactory(is_editors_pick=True, editors_pick_position=1)
    client.force_login(staff_user("rita", "Reporter"))
    assert client.post(reverse("admin:articles_curation_changelist"), {"pick": []}).status_code == 403
    pick.refresh_from_db()
    assert pick.is_editors_pick


def test_image_usage_is_listed_and_an_image_in_use_cannot_be_deleted(client, admin_user):
    client.force_login(admin_user)
    lead = ImageFactory()
    inline = ImageFactory()
    unused = ImageFactory()
    article = ArticleFactory(headline="Story with photos", lead_image=lead)
    ArticleFactory(
        headline="Story with an inline photo",
        body=f'<figure class="image"><img src="{inline.file.url}" alt=""></figure>',
    )
    BylineFactory(article=article)
    html = client.get(reverse("admin:media_image_change", args=[lead.pk])).content.decode()
    assert "Lead photo of" in html and "Story with photos" in html
    html = client.get(reverse("admin:media_image_change", args=[inline.pk])).content.decode()
    assert "Inside the text of" in html and "Story with an inline photo" in html

    for image in (lead, inline):
        client.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})
        assert image.__class__.objects.filter(pk=image.pk).exists()
    changelist = reverse("admin:media_image_changelist")
    client.post(changelist, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [inline.pk, unused.pk], "post": "yes"})
    assert inline.__class__.objects.filter(pk=inline.pk).exists()
    client.post(reverse("admin:media_image_delete", args=[unused.pk]), {"post": "yes"})
    assert not unused.__class__.objects.filter(pk=unused.pk).exists()


def test_an_article_without_a_body_or_a_byline_is_not_published(client, editor):
    unsigned = ArticleFactory(in_review=True)
    url = reverse("admin:articles_article_change", args=[unsigned.pk])
    response = resubmit(client, url, status="published")
    assert response.status_code == 200
    assert "add at least one author before publishing" in response.content.decode()
    assert Article.objects.get(pk=unsigned.pk).status == Status.IN_REVIEW

    empty = ArticleFactory(in_review=True, body="<p>&nbsp;</p>", authors=True)
    response = resubmit(client, reverse("admin:articles_article_change", args=[empty.pk]), status="published")
    assert "The body is empty" in str(response.context["adminform"].form.errors["body"])
    assert Article.objects.get(pk=empty.pk).status == Status.IN_REVIEW

    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [unsigned.pk]},
    )
    assert Article.objects.get(pk=unsigned.pk).status == Status.IN_REVIEW


def test_a_live_article_without_a_byline_can_still_be_corrected(client, editor):
    live = ArticleFactory()
    response = resubmit(client, reverse("admin:articles_article_change", args=[live.pk]), headline="Fixed typo")
    assert response.status_code == 302


def test_editors_place_stories_beside_the_lead_on_the_curation_page_as_they_do_the_lead(client):
    lead = ArticleFactory(headline="The lead", lead_position=1)
    beside = [ArticleFactory(headline=f"Beside {n}", beside_lead_position=n) for n in (1, 2, 3)]
    client.force_login(staff_user("ed", "Editor"))
    url = reverse("admin:articles_curation_changelist")
    response = client.get(url)
    assert [article for article, _status in response.context["beside"]] == beside
    assert "Beside the lead" in response.content.decode()

    # Reordered, one taken off: numbered 1, 2.
    response = client.post(url, {"lead": [lead.pk], "beside": [beside[2].pk, beside[0].pk]})
    assert response.status_code == 302
    assert list(Article.objects.published().beside_the_lead()) == [beside[2], beside[0]]
    beside[1].refresh_from_db()
    assert beside[1].beside_lead_position is None


def test_an_article_form_refuses_a_place_beside_the_lead_another_story_holds(client):
    ArticleFactory(headline="Holds place 2", beside_lead_position=2)
    article = ArticleFactory()
    client.force_login(staff_user("ed", "Editor"))
    response = resubmit(
        client,
        reverse("admin:articles_article_change", args=[article.pk]),
        _action="publish_changes",
        beside_lead_position="2",
    )
    errors = response.context["adminform"].form.errors["beside_lead_position"]
    assert "“Holds place 2” is number 2 in the stories beside the lead" in errors[0]
